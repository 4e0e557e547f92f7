"""Claims table: stored claims, their line outcomes, and the rebate-extract rows.

  pk CLAIM#<claim id>, sk CLAIM       the claim as received (JSON), its decision and status
     gsi1  TP#<trading partner> / <received at>#<claim id>    a partner's claims by time
     gsi2  MEMBER#<member id>   / <first service date>#<claim id>  a member's history
  pk REBATE#<quarter>, sk CLAIM#<claim id>   the claim's payable drug lines of that quarter, 340B flag included
  pk PENDED#<awaited file>, sk <claim id>    a pended claim waiting for it (pended_claims)
A claim, its rebate items, its pended markers and its audit record are written in one transaction, on the condition
that the claim id is new, so a retried request or a redelivered file never stores a claim twice.

Why the claim is one compressed `body` and the rebate lines one item per claim and quarter: the
claim as received and its decision are read whole and never queried by their inner fields, and
zlib shrinks the repetitive JSON of a many-line claim about tenfold, so even a 999-line 837I
claim stays far below DynamoDB's 400 KB item limit; one rebate item per quarter (not one per drug
line) keeps a claim with any number of drug lines inside one transaction (at most 100 items).
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from dataclasses import dataclass

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from mainecare.config import settings
from mainecare.domain.errors import Conflict, TooLarge
from mainecare.stores.audit import audit_item
from mainecare.stores.authorizations import GivenBack, draw_items
from mainecare.stores.aws import client

_to, _from = TypeSerializer().serialize, TypeDeserializer().deserialize
MAX_TRANSACTION_ITEMS = 100
# Below DynamoDB's 400 KB item limit with room for the key and summary attributes.
MAX_BODY_BYTES = 350_000
REBATE_COLUMNS = ("ndc11", "hcpcs", "line", "units", "ndc_quantity", "ndc_unit", "is_340b")


class ClaimTooLarge(TooLarge):
    """Even compressed, the claim would not fit in one DynamoDB item."""

    def __init__(self, *_):
        super().__init__("CLAIM_TOO_LARGE", "The claim is too large to store; split it into several claims.")


@dataclass(frozen=True)
class StoredClaim:
    claim_id: str
    trading_partner_id: str
    channel: str
    status: str
    received_at: str
    patient_control_number: str
    member_id: str
    service_from: str
    service_to: str
    total_charge: str
    source: str
    claim: dict  # the claim in the JSON request layout
    decision: dict

    def summary(self) -> dict:
        from mainecare.models.claims_api import ClaimSummary  # the API's summary is the one list of its fields

        return {k: getattr(self, k) for k in ClaimSummary.model_fields}


@dataclass(frozen=True)
class RebateRow:
    quarter: str
    ndc11: str
    hcpcs: str
    line: int
    units: str
    ndc_quantity: str
    ndc_unit: str
    is_340b: bool


def _claim_item(claim: StoredClaim) -> dict:
    item = {
        "pk": f"CLAIM#{claim.claim_id}", "sk": "CLAIM", "kind": "CLAIM",
        "gsi1pk": f"TP#{claim.trading_partner_id}", "gsi1sk": f"{claim.received_at}#{claim.claim_id}",
        **{k: v for k, v in claim.summary().items()},
        "member_id": claim.member_id,
        "body": _compressed_body(claim),
        "decision_hash": _decision_hash(claim.decision),
    }
    if claim.member_id:
        item.update(gsi2pk=f"MEMBER#{claim.member_id}", gsi2sk=f"{claim.service_from}#{claim.claim_id}")
    return {k: _to(v) for k, v in item.items()}


def _compressed_body(claim: StoredClaim) -> bytes:
    text = json.dumps({"claim": claim.claim, "decision": claim.decision}, separators=(",", ":"))
    body = zlib.compress(text.encode(), 6)
    if len(body) > MAX_BODY_BYTES:
        raise ClaimTooLarge(f"claim {claim.claim_id} is {len(body)} bytes compressed")
    return body


def _decision_hash(decision: dict) -> str:
    """What a conditional update compares: the decision it read is still the stored one."""
    text = json.dumps(decision, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _rebate_items(claim_id: str, rows: list[RebateRow]) -> list[dict]:
    """One item per quarter the claim's payable drug lines fall in (usually one)."""
    by_quarter: dict[str, list[list]] = {}
    for row in rows:
        by_quarter.setdefault(row.quarter, []).append([getattr(row, column) for column in REBATE_COLUMNS])
    return [{k: _to(v) for k, v in {
        "pk": f"REBATE#{quarter}", "sk": f"CLAIM#{claim_id}", "kind": "REBATE_LINES", "claim_id": claim_id,
        "lines": json.dumps(lines, separators=(",", ":"))}.items()} for quarter, lines in by_quarter.items()]


class UnitsTaken(Conflict):
    """An authorization no longer had the units the claim was edited with (another claim drew them
    first): nothing was stored; edit the claim again and retry."""

    def __init__(self):
        super().__init__("AUTHORIZATION_UNITS_CONTENDED", "Other claims were drawing on the same authorization; "
                                                          "send the claim again.")


class AlreadyGivenBack(Exception):
    """The original claim's units were given back by an earlier void or replacement."""


def put_claim(claim: StoredClaim, rebate_rows: list[RebateRow], actor: str, draws: tuple = (),
              given_back: GivenBack | None = None) -> bool:
    """Store the claim once, drawing its payable lines' authorization units in the same transaction
    (and giving back a voided or replaced original's, marking the original). Returns False when this
    claim id was already stored (a retry); raises UnitsTaken when a draw's units were gone and
    AlreadyGivenBack when the original's had been given back before."""
    table = settings().table("Claims")
    items = [{"Put": {"TableName": table, "Item": _claim_item(claim),
                      "ConditionExpression": "attribute_not_exists(pk)"}},
             {"Put": {"TableName": settings().table("Audit"),
                      "Item": audit_item(f"CLAIM#{claim.claim_id}", f"RECEIVED_{claim.status}", actor,
                                         {"channel": claim.channel, "source": claim.source})}}]
    items += [{"Put": {"TableName": table, "Item": item}} for item in _rebate_items(claim.claim_id, rebate_rows)]
    items += [{"Put": {"TableName": table, "Item": marker}} for marker in _markers(claim)]
    marker = len(items)
    if given_back is not None:
        items.append({"Update": {
            "TableName": table, "Key": {"pk": _to(f"CLAIM#{given_back.original_claim_id}"), "sk": _to("CLAIM")},
            "UpdateExpression": "SET units_given_back_by = :by",
            "ConditionExpression": "attribute_exists(pk) AND attribute_not_exists(units_given_back_by)",
            "ExpressionAttributeValues": {":by": _to(claim.claim_id)}}})
    first_draw = len(items)
    items += draw_items(draws, given_back)
    if len(items) > MAX_TRANSACTION_ITEMS:
        raise ValueError(f"claim {claim.claim_id} has more drug lines than one transaction can hold")
    try:
        client("dynamodb").transact_write_items(TransactItems=items)
        return True
    except ClientError as error:
        reasons = error.response.get("CancellationReasons") or []
        if reasons and reasons[0].get("Code") == "ConditionalCheckFailed":
            return False
        if given_back is not None and reasons[marker:marker + 1] and \
                reasons[marker].get("Code") == "ConditionalCheckFailed":
            raise AlreadyGivenBack() from error
        if any(r.get("Code") == "ConditionalCheckFailed" for r in reasons[first_draw:]):
            raise UnitsTaken() from error
        raise


def put_claims_batch(batch: list[tuple[StoredClaim, list[RebateRow]]], actor: str) -> None:
    """Store many claims of one 837 file without per-claim transactions.

    Claim ids are derived from the file and the claim's place in it, so writing the same batch
    again (an SQS redelivery, a resumed file) puts the same items: idempotent without a condition.
    """
    table, audit_table = settings().table("Claims"), settings().table("Audit")
    requests: dict[str, list[dict]] = {table: [], audit_table: []}
    for claim, rows in batch:
        requests[table].append({"PutRequest": {"Item": _claim_item(claim)}})
        requests[table] += [{"PutRequest": {"Item": item}} for item in _rebate_items(claim.claim_id, rows)]
        requests[table] += [{"PutRequest": {"Item": marker}} for marker in _markers(claim)]
        requests[audit_table].append({"PutRequest": {"Item": audit_item(
            f"CLAIM#{claim.claim_id}", f"RECEIVED_{claim.status}", actor,
            {"channel": claim.channel, "source": claim.source})}})
    pending = [(name, r) for name, items in requests.items() for r in items]
    for start in range(0, len(pending), 25):
        _batch_write(pending[start:start + 25])


def _batch_write(chunk: list[tuple[str, dict]]) -> None:
    request: dict[str, list[dict]] = {}
    for name, item in chunk:
        request.setdefault(name, []).append(item)
    for attempt in range(8):
        unprocessed = client("dynamodb").batch_write_item(RequestItems=request).get("UnprocessedItems") or {}
        if not unprocessed:
            return
        request = unprocessed
        time.sleep(min(0.05 * 2 ** attempt, 2.0))  # throttled: back off, as the SDK guidance says
    raise RuntimeError("DynamoDB kept items unprocessed after retries")


def stored_from_item(item: dict) -> StoredClaim:
    """A claim from its typed item (a GetItem's, or a stream image's with binary as bytes)."""
    return _stored(item)


def _stored(item: dict) -> StoredClaim:
    plain = {k: _from(v) for k, v in item.items()}
    body = json.loads(zlib.decompress(bytes(plain["body"])))
    return StoredClaim(
        claim=body["claim"], decision=body["decision"],
        **{k: plain.get(k, "") for k in ("claim_id", "trading_partner_id", "channel", "status", "received_at",
                                         "patient_control_number", "member_id", "service_from", "service_to",
                                         "total_charge", "source")})


def get_claim(claim_id: str) -> StoredClaim | None:
    item = client("dynamodb").get_item(TableName=settings().table("Claims"),
                                       Key={"pk": _to(f"CLAIM#{claim_id}"), "sk": _to("CLAIM")}).get("Item")
    return _stored(item) if item else None


def _query(index: str, partition: str, start: str | None, end: str | None, limit: int) -> list[StoredClaim]:
    condition, values = f"{index}pk = :p", {":p": _to(partition)}
    if start or end:
        condition += f" AND {index}sk BETWEEN :a AND :b"
        values.update({":a": _to(start or ""), ":b": _to((end or "9999") + "~")})
    pages = client("dynamodb").get_paginator("query").paginate(
        TableName=settings().table("Claims"), IndexName=index, KeyConditionExpression=condition,
        ExpressionAttributeValues=values, ScanIndexForward=False, PaginationConfig={"MaxItems": limit})
    return [_stored(item) for page in pages for item in page["Items"]]


def claims_of_partner(trading_partner_id: str, received_from: str | None, received_to: str | None,
                      limit: int = 500) -> list[StoredClaim]:
    return _query("gsi1", f"TP#{trading_partner_id}", received_from, received_to, limit)


def claims_of_member(member_id: str, service_from: str | None = None, service_to: str | None = None,
                     limit: int = 500) -> list[StoredClaim]:
    return _query("gsi2", f"MEMBER#{member_id}", service_from, service_to, limit)


def rebate_rows(quarter: str) -> list[dict]:
    """Every payable drug line of the quarter, one dict per line (claim_id plus REBATE_COLUMNS)."""
    pages = client("dynamodb").get_paginator("query").paginate(
        TableName=settings().table("Claims"), KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": _to(f"REBATE#{quarter}")})
    return [{"claim_id": _from(item["claim_id"]), **dict(zip(REBATE_COLUMNS, line, strict=True))}
            for page in pages for item in page["Items"] for line in json.loads(_from(item["lines"]))]


def pended_key(awaited: str, claim_id: str) -> dict:
    return {"pk": _to(f"PENDED#{awaited}"), "sk": _to(claim_id)}


def pended_marker_items(claim_id: str, awaiting: list[str], received_at: str) -> list[dict]:
    """The markers of a claim waiting for these reference files (none when it waits for nothing)."""
    return [{**pended_key(awaited, claim_id), "kind": _to("PENDED"), "claim_id": _to(claim_id),
             "received_at": _to(received_at)} for awaited in awaiting]


def _markers(claim: StoredClaim) -> list[dict]:
    return pended_marker_items(claim.claim_id, claim.decision.get("awaiting") or [], claim.received_at)


def moved_on_items(before: StoredClaim, decision: dict, rebate_rows: list[RebateRow]) -> list[dict]:
    """Transaction items that give a stored claim a new decision (pended_claims.move_on): the claim,
    only if its decision is still `before`'s (so a redelivered load does nothing twice), and the
    claim's rebate items rewritten whole from all its payable lines."""
    after = StoredClaim(**{**before.__dict__, "status": decision["status"], "decision": decision})
    table = settings().table("Claims")
    update = {"Update": {
        "TableName": table, "Key": {"pk": _to(f"CLAIM#{before.claim_id}"), "sk": _to("CLAIM")},
        "UpdateExpression": "SET #status = :status, body = :body, decision_hash = :new",
        "ConditionExpression": "decision_hash = :old",
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": {":status": _to(after.status), ":body": _to(_compressed_body(after)),
                                      ":new": _to(_decision_hash(decision)),
                                      ":old": _to(_decision_hash(before.decision))}}}
    return [update] + [{"Put": {"TableName": table, "Item": item}}
                       for item in _rebate_items(before.claim_id, rebate_rows)]
