"""Monthly per-member-per-month payment run.

Stub so the scheduled function deploys; the real job replaces this file.
"""

import logging

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

JOB = "monthly_payments"
ISSUE_AREA = "monthly PMPM payment run, remittance and reports"


def handler(event, context):
    logger.info("%s is scheduled but not built yet (issue area: %s)", JOB, ISSUE_AREA)
    return {"status": "not_built"}
