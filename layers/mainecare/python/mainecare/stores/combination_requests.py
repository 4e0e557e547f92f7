"""NDC-J code combination requests and the pairs staff approved (reference table).

  pk COMBO_REQUEST, sk <request id>   the request, its status and decision
  pk APPROVED_PAIR, sk <ndc11>#<hcpcs> an approved pair and the date it counts from
Approving writes the decision, the approved pair and the audit record in one transaction, on
the condition that the request is still PENDING: two staff members cannot both decide it.
"""

from __future__ import annotations

from datetime import date

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from mainecare.config import settings
from mainecare.stores.audit import audit_item
from mainecare.stores.aws import client

REQUEST_PK, APPROVED_PK = "COMBO_REQUEST", "APPROVED_PAIR"
_to, _from = TypeSerializer().serialize, TypeDeserializer().deserialize


class AlreadyDecided(Exception):
    pass


def _plain(item: dict) -> dict:
    return {k: _from(v) for k, v in item.items() if k not in ("pk", "sk")}


def put_request(request: dict, actor: str) -> None:
    table = settings().table("Reference")
    client("dynamodb").transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "ConditionExpression": "attribute_not_exists(pk)",
                 "Item": {"pk": _to(REQUEST_PK), "sk": _to(request["request_id"]),
                          **{k: _to(v) for k, v in request.items()}}}},
        {"Put": {"TableName": settings().table("Audit"),
                 "Item": audit_item(f"COMBO_REQUEST#{request['request_id']}", "REQUESTED", actor,
                                    {"ndc11": request["ndc11"], "hcpcs": request["hcpcs"]})}},
    ])


def get_request(request_id: str) -> dict | None:
    item = client("dynamodb").get_item(TableName=settings().table("Reference"),
                                       Key={"pk": _to(REQUEST_PK), "sk": _to(request_id)}).get("Item")
    return _plain(item) if item else None


def list_requests() -> list[dict]:
    pages = client("dynamodb").get_paginator("query").paginate(
        TableName=settings().table("Reference"), KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": _to(REQUEST_PK)})
    return [_plain(item) for page in pages for item in page["Items"]]


def decide(request_id: str, decision: dict, actor: str, approved_pair: tuple[str, str, date] | None) -> None:
    table = settings().table("Reference")
    items = [{"Update": {
        "TableName": table, "Key": {"pk": _to(REQUEST_PK), "sk": _to(request_id)},
        "ConditionExpression": "#s = :pending",
        "UpdateExpression": "SET #s = :status, decision = :decision",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":pending": _to("PENDING"), ":status": _to(decision["status"]),
                                      ":decision": _to(decision)}}},
        {"Put": {"TableName": settings().table("Audit"),
                 "Item": audit_item(f"COMBO_REQUEST#{request_id}", decision["status"], actor, decision)}}]
    if approved_pair:
        ndc11, hcpcs, effective_from = approved_pair
        items.append({"Put": {"TableName": table, "Item": {
            "pk": _to(APPROVED_PK), "sk": _to(f"{ndc11}#{hcpcs}"), "ndc11": _to(ndc11), "hcpcs": _to(hcpcs),
            "effective_from": _to(effective_from.isoformat()), "request_id": _to(request_id)}}})
    try:
        client("dynamodb").transact_write_items(TransactItems=items)
    except ClientError as error:
        if error.response["Error"]["Code"] == "TransactionCanceledException":
            raise AlreadyDecided(request_id) from error
        raise


def approved_pairs() -> dict[tuple[str, str], date]:
    pages = client("dynamodb").get_paginator("query").paginate(
        TableName=settings().table("Reference"), KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": _to(APPROVED_PK)})
    return {(i["ndc11"]["S"], i["hcpcs"]["S"]): date.fromisoformat(i["effective_from"]["S"])
            for page in pages for i in page["Items"]}
