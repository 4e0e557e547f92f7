"""Claim lists a page at a time: one DynamoDB query per page, newest first, and an opaque token for
the next page that is checked against the list it was cut from before it reaches DynamoDB
(stores/page_tokens.py, the one token format of every paged store)."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores import page_tokens
from mainecare.stores.aws import client
from mainecare.stores.claims import StoredClaim, _stored, _to


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
        request["ExclusiveStartKey"] = page_tokens.start_key(
            token, {"pk", "sk", f"{index}pk", f"{index}sk"}, f"{index}pk", partition)
    answer = client("dynamodb").query(**request)
    return [_stored(item) for item in answer["Items"]], page_tokens.cut(answer.get("LastEvaluatedKey"))
