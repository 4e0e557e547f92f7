"""S3 (inbound bucket) -> SQS -> here: 837 claim files.

Claims intake (reading X12, edits, 999/277CA and the rejection report) is the claims intake issue.
Until it lands, each notification is logged (object key only, no content) and acknowledged: the
file itself stays in the versioned inbound bucket and can be replayed once the reader exists.
"""

from __future__ import annotations

import json

from mainecare.observability import logger


def handler(event, context) -> dict:
    for record in event.get("Records", []):
        body = json.loads(record.get("body") or "{}")
        for s3_record in body.get("Records", []):
            logger().warning("837 received; claims intake is not built yet",
                             extra={"key": s3_record["s3"]["object"]["key"]})
    return {"batchItemFailures": []}
