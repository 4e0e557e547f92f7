"""Idempotency records: a retried request with the same key gets the first answer back.

The key is scoped to the caller's trading partner, so two partners can't collide. A record is
claimed with a conditional put (IN_PROGRESS), completed with the stored response, and expires
after a day (TTL on "expiration", the layout Powertools Idempotency also uses).
"""

from __future__ import annotations

import hashlib
import json

from botocore.exceptions import ClientError

from mainecare import clock
from mainecare.config import settings
from mainecare.stores.aws import client

TTL_SECONDS = 24 * 3600
IN_PROGRESS_SECONDS = 60


class IdempotencyConflict(Exception):
    """The same key arrived with a different body, or while the first request is still running."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def fingerprint(body: bytes | None) -> str:
    return hashlib.sha256(body or b"").hexdigest()


def _record_id(scope: str, key: str) -> str:
    return f"{scope}#{key}"


def claim(scope: str, key: str, body_hash: str) -> dict | None:
    """Claim the key. Returns the stored response if the key was used before with the same body."""
    now = clock.epoch_seconds()
    table = settings().table("Idempotency")
    try:
        client("dynamodb").put_item(
            TableName=table,
            Item={"id": {"S": _record_id(scope, key)}, "status": {"S": "IN_PROGRESS"},
                  "body_hash": {"S": body_hash}, "expiration": {"N": str(now + TTL_SECONDS)},
                  "in_progress_until": {"N": str(now + IN_PROGRESS_SECONDS)}},
            ConditionExpression="attribute_not_exists(id) OR expiration < :now OR "
                                "(#s = :in_progress AND in_progress_until < :now)",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":now": {"N": str(now)}, ":in_progress": {"S": "IN_PROGRESS"}},
        )
        return None
    except ClientError as error:
        if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
    existing = client("dynamodb").get_item(TableName=table, Key={"id": {"S": _record_id(scope, key)}},
                                           ConsistentRead=True).get("Item", {})
    if existing.get("body_hash", {}).get("S") != body_hash:
        raise IdempotencyConflict("IDEMPOTENCY_KEY_REUSED",
                                  "This Idempotency-Key was used with a different request body.")
    if existing.get("status", {}).get("S") != "COMPLETED":
        raise IdempotencyConflict("IDEMPOTENCY_IN_PROGRESS",
                                  "A request with this Idempotency-Key is still being processed; retry shortly.")
    return json.loads(existing["response"]["S"])


def complete(scope: str, key: str, response: dict) -> None:
    client("dynamodb").update_item(
        TableName=settings().table("Idempotency"), Key={"id": {"S": _record_id(scope, key)}},
        UpdateExpression="SET #s = :done, #r = :response",
        ExpressionAttributeNames={"#s": "status", "#r": "response"},
        ExpressionAttributeValues={":done": {"S": "COMPLETED"}, ":response": {"S": json.dumps(response)}},
    )


def release(scope: str, key: str) -> None:
    """The request failed before storing anything: let a retry run again."""
    client("dynamodb").delete_item(TableName=settings().table("Idempotency"),
                                   Key={"id": {"S": _record_id(scope, key)}})
