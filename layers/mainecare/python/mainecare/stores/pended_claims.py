"""Pended claims, findable by the reference file they wait for, in the claims table.

  pk PENDED#<awaited>, sk <claim id>    awaited: "ASP#2026Q2" or "PDAC" (findings' `awaiting`)
One marker (stores.claims lays it out) per file a pended claim waits for, written with the claim
(same transaction or batch) and deleted in the transaction that moves the claim on. Loading ASP
2026Q2 reads one partition holding only the claims still waiting for it: no scan, no index over
every claim. A quarter's markers share a partition key, as the quarter's REBATE# rows already do.
"""

from __future__ import annotations

from boto3.dynamodb.types import TypeSerializer
from botocore.exceptions import ClientError

from mainecare.config import settings
from mainecare.stores import claims as claim_store
from mainecare.stores.audit import audit_item
from mainecare.stores.aws import client

_to = TypeSerializer().serialize


def claims_awaiting(awaited: str) -> list[str]:
    """Ids of the claims pended for this reference file (markers only: no claim is read)."""
    pages = client("dynamodb").get_paginator("query").paginate(
        TableName=settings().table("Claims"), KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": _to(f"PENDED#{awaited}")}, ProjectionExpression="sk")
    return [item["sk"]["S"] for page in pages for item in page["Items"]]


def forget(awaited: str, claim_id: str) -> None:
    """Drop a marker whose claim no longer waits for that file (it was moved on meanwhile)."""
    client("dynamodb").delete_item(TableName=settings().table("Claims"),
                                   Key=claim_store.pended_key(awaited, claim_id))


def move_on(before: claim_store.StoredClaim, decision: dict, rebate_rows: list[claim_store.RebateRow],
            actor: str, details: dict) -> bool:
    """Store a pended claim's new decision, its markers and its rebate rows (every payable line, one
    item per quarter), with an audit record. Only if the stored decision is still `before`'s: False
    when another run has already moved it (a redelivered load), so nothing is done twice."""
    table = settings().table("Claims")
    claim_id = before.claim_id
    was, now = set(before.decision.get("awaiting") or ()), set(decision.get("awaiting") or ())
    items = claim_store.moved_on_items(before, decision, rebate_rows)
    items.append({"Put": {"TableName": settings().table("Audit"), "Item": audit_item(
        f"CLAIM#{claim_id}", f"REEDITED_{decision['status']}", actor, details)}})
    items += [{"Delete": {"TableName": table, "Key": claim_store.pended_key(awaited, claim_id)}}
              for awaited in sorted(was - now)]
    items += [{"Put": {"TableName": table, "Item": item}}
              for item in claim_store.pended_marker_items(claim_id, sorted(now - was), before.received_at)]
    try:
        client("dynamodb").transact_write_items(TransactItems=items)
        return True
    except ClientError as error:
        reasons = error.response.get("CancellationReasons") or []
        if reasons and reasons[0].get("Code") == "ConditionalCheckFailed":
            return False
        raise
