"""Weekly license sync (Mondays).

Stub so the scheduled function deploys; the real job replaces this file.
"""

import logging

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

JOB = "license_sync"
ISSUE_AREA = "provider license sync, Mondays, 60-day look-ahead"


def handler(event, context):
    logger.info("%s is scheduled but not built yet (issue area: %s)", JOB, ISSUE_AREA)
    return {"status": "not_built"}
