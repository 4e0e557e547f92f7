"""Quarterly Health Home auto-assignment (January, April, July, October).

Stub so the scheduled function deploys; the real job replaces this file.
"""

import logging

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

JOB = "quarterly_assignment"
ISSUE_AREA = "Health Home quarterly auto-assignment from one year of claims"


def handler(event, context):
    logger.info("%s is scheduled but not built yet (issue area: %s)", JOB, ISSUE_AREA)
    return {"status": "not_built"}
