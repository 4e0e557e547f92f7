"""S3 event notifications as they arrive in an SQS message body."""

from __future__ import annotations

import json
from urllib.parse import unquote_plus

from valueobjects import value_object


@value_object
class S3Object:
    bucket: str
    key: str
    version_id: str | None


def s3_objects(message_body: str) -> list[S3Object]:
    body = json.loads(message_body)
    if body.get("Event") == "s3:TestEvent":  # S3 sends one when the notification is configured
        return []
    return [S3Object(r["s3"]["bucket"]["name"], unquote_plus(r["s3"]["object"]["key"]),
                     r["s3"]["object"].get("versionId"))
            for r in body.get("Records", []) if r.get("eventName", "").startswith("ObjectCreated")]
