"""Claim lists a page at a time: one DynamoDB query per page, newest first, and an opaque token for
the next page that is checked against the list it was cut from before it reaches DynamoDB."""

from __future__ import annotations

import base64
import json

from mainecare.config import settings
from mainecare.domain.errors import Invalid
from mainecare.stores.aws import client
from mainecare.stores.claims import StoredClaim, _from, _stored, _to


class PageTokenInvalid(Invalid):
    def __init__(self):
        super().__init__("NEXT_TOKEN_INVALID", "next_token is not one this list answered; start again without it.")


def _token(key: dict | None) -> str | None:
    """The page's LastEvaluatedKey as an opaque token (URL-safe base64 of its JSON)."""
    if not key:
        return None
    plain = {name: _from(value) for name, value in key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def _start_key(token: str, index: str, partition: str) -> dict:
    """A token back to a start key, refused unless it was cut from this very list: a token naming
    another partition (another partner's) never reaches DynamoDB."""
    try:
        plain = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, TypeError) as error:
        raise PageTokenInvalid() from error
    expected = {"pk", "sk", f"{index}pk", f"{index}sk"}
    if not isinstance(plain, dict) or set(plain) != expected or plain.get(f"{index}pk") != partition \
            or not all(isinstance(v, str) and len(v) <= 1024 for v in plain.values()):
        raise PageTokenInvalid()
    return {name: _to(value) for name, value in plain.items()}


def claims_page(index: str, partition: str, start: str | None, end: str | None, *, limit: int,
                token: str | None, status: str | None = None, member_id: str | None = None
                ) -> tuple[list[StoredClaim], str | None]:
    """One page of a claims list, newest first, and the token of the next page (None at the end).
    Filters apply within the page, as DynamoDB's do: a page may hold fewer than `limit` claims."""
    condition, values = f"{index}pk = :p", {":p": _to(partition)}
    if start or end:
        condition += f" AND {index}sk BETWEEN :a AND :b"
        values.update({":a": _to(start or ""), ":b": _to((end or "9999") + "~")})
    filters, names = [], {}
    if status:
        filters.append("#status = :status")
        names["#status"] = "status"
        values[":status"] = _to(status)
    if member_id:
        filters.append("member_id = :member")
        values[":member"] = _to(member_id)
    request = {"TableName": settings().table("Claims"), "IndexName": index, "KeyConditionExpression": condition,
               "ExpressionAttributeValues": values, "ScanIndexForward": False, "Limit": limit}
    if filters:
        request["FilterExpression"] = " AND ".join(filters)
    if names:
        request["ExpressionAttributeNames"] = names
    if token:
        request["ExclusiveStartKey"] = _start_key(token, index, partition)
    answer = client("dynamodb").query(**request)
    return [_stored(item) for item in answer["Items"]], _token(answer.get("LastEvaluatedKey"))
