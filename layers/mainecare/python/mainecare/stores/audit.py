"""Audit trail: who changed what and when. Entries name entities by id, never carry PHI."""

from __future__ import annotations

import json
import uuid

from mainecare import clock
from mainecare.config import settings
from mainecare.stores.aws import client


def audit_item(entity: str, action: str, actor: str, details: dict | None = None) -> dict:
    """The DynamoDB item, for callers that write it inside their own transaction."""
    at = clock.now_text()
    return {
        "pk": {"S": entity},
        "sk": {"S": f"{at}#{uuid.uuid4().hex[:8]}"},
        "gsi1pk": {"S": f"ACTOR#{actor}"},
        "gsi1sk": {"S": at},
        "action": {"S": action},
        "actor": {"S": actor},
        "details": {"S": json.dumps(details or {}, sort_keys=True)},
    }


def record(entity: str, action: str, actor: str, details: dict | None = None) -> None:
    client("dynamodb").put_item(TableName=settings().table("Audit"),
                                Item=audit_item(entity, action, actor, details))
