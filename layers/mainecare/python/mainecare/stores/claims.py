"""Claims table: stored claims, their line outcomes, and the rebate-extract rows.

  pk CLAIM#<claim id>, sk CLAIM       the claim: listed fields, compressed body, decision hash
     gsi1  TP#<trading partner> / <received at>#<claim id>    a partner's claims by time
     gsi2  MEMBER#<member id>   / <first service date>#<claim id>  a member's history
  pk REBATE#<quarter>, sk CLAIM#<claim id>   the claim's payable drug lines of that quarter, 340B flag included
  pk PENDED#<awaited file>, sk <claim id>    a pended claim waiting for it (pended_claims)
(models: stores/claim_records.py). Through the API a claim, its rebate items, its pended markers,
its authorization draws and its audit entry commit in one TransactWrite, on the condition that the
claim id is new, so a retried request never stores a claim twice; an 837's claims are written in
batches (their ids come from the file, so a rewrite puts the same items), and the file's one audit
entry (EDI_FILE#<file id>, committed with the file registry's DONE) names the file whose content
hash and claim ordinals the claim ids are derived from.

What the stored record is, and why. It is not the API's response layout: it is the claim *as
received* (the API's request layout, which both channels map to: models/claims_json.py) with the
decision made on it, in one compressed body (stores/claim_body.py, versioned by `body_format`),
beside the few fields lists filter and show. The API's answers (models/claims_api.py) are built
from it when read, so they can change without touching stored items; only a change of what a
claim *is* would need a new body format, read beside the old ones.

Why it costs about 4 write units (`bench/ingest.py` prints the count, `stores/write_units.py`
counts it the way DynamoDB bills it): the body of the TR3 drug example compresses to about 400
bytes with the preset dictionary, so the claim item stays under 1 KB (1 unit); the two indexes
project only the listed fields (1 unit each, not a copy of the body); a claim's payable drug lines
share one rebate item per quarter (1 unit, none for a claim without drug lines); and an 837's
receipt is audited once per file rather than once per claim (2 units a file; the claim item itself
keeps who sent it, when, and which file and ordinal it came from).
"""

from __future__ import annotations

import hashlib
import json

from pynamodb.models import Model

from mainecare.domain.errors import Conflict, TooLarge
from mainecare.stores import audit, claim_body
from mainecare.stores.authorizations import GivenBack, draw_writes
from mainecare.stores.claim_records import LISTED, claim_records, pended_markers, rebate_lines
from mainecare.stores.records import get_or_none
from mainecare.stores.transactions import ConditionFailed, Write, commit, save, update
from valueobjects import value_object

MAX_TRANSACTION_ITEMS = 100
# Below DynamoDB's 400 KB item limit with room for the key and the listed fields.
MAX_BODY_BYTES = 350_000
REBATE_COLUMNS = ("ndc11", "hcpcs", "line", "units", "ndc_quantity", "ndc_unit", "is_340b")


class ClaimTooLarge(TooLarge):
    """Even compressed, the claim would not fit in one DynamoDB item."""

    def __init__(self, *_):
        super().__init__("CLAIM_TOO_LARGE", "The claim is too large to store; split it into several claims.")


@value_object
class ListedClaim:
    """What a claims list shows (and the indexes carry): no body."""

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

    def summary(self) -> dict:
        from mainecare.models.claims_api import ClaimSummary  # the API's summary is the one list of its fields

        return {k: getattr(self, k) for k in ClaimSummary.model_fields}


@value_object
class StoredClaim(ListedClaim):
    claim: dict  # the claim in the JSON request layout
    decision: dict


@value_object
class RebateRow:
    quarter: str
    ndc11: str
    hcpcs: str
    line: int
    units: str
    ndc_quantity: str
    ndc_unit: str
    is_340b: bool


class UnitsTaken(Conflict):
    """An authorization no longer had the units the claim was edited with (another claim drew them
    first): nothing was stored; edit the claim again and retry."""

    def __init__(self):
        super().__init__("AUTHORIZATION_UNITS_CONTENDED", "Other claims were drawing on the same authorization; "
                                                          "send the claim again.")


class AlreadyGivenBack(Exception):
    """The original claim's units were given back by an earlier void or replacement."""


def _key(claim_id: str) -> tuple[str, str]:
    return f"CLAIM#{claim_id}", "CLAIM"


def claim_item(claim: StoredClaim) -> Model:
    record = claim_records()(*_key(claim.claim_id), gsi1pk=f"TP#{claim.trading_partner_id}",
                             gsi1sk=f"{claim.received_at}#{claim.claim_id}",
                             body=_packed(claim), body_format=claim_body.CURRENT_FORMAT,
                             decision_hash=_decision_hash(claim.decision),
                             **{name: getattr(claim, name) or None for name in LISTED})
    if claim.member_id:
        record.gsi2pk, record.gsi2sk = f"MEMBER#{claim.member_id}", f"{claim.service_from}#{claim.claim_id}"
    return record


def _packed(claim: StoredClaim) -> bytes:
    body = claim_body.pack(claim.claim, claim.decision)
    if len(body) > MAX_BODY_BYTES:
        raise ClaimTooLarge(f"claim {claim.claim_id} is {len(body)} bytes compressed")
    return body


def _decision_hash(decision: dict) -> str:
    """What a conditional update compares: the decision it read is still the stored one."""
    text = json.dumps(decision, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def rebate_items(claim_id: str, rows: list[RebateRow]) -> list[Model]:
    """One item per quarter the claim's payable drug lines fall in (usually one)."""
    by_quarter: dict[str, list[list]] = {}
    for row in rows:
        by_quarter.setdefault(row.quarter, []).append([getattr(row, column) for column in REBATE_COLUMNS])
    return [rebate_lines()(f"REBATE#{quarter}", f"CLAIM#{claim_id}", claim_id=claim_id,
                           lines=json.dumps(lines, separators=(",", ":"))) for quarter, lines in by_quarter.items()]


def marker_items(claim_id: str, awaiting, received_at: str) -> list[Model]:
    """The markers of a claim waiting for these reference files (none when it waits for nothing)."""
    return [pended_markers()(f"PENDED#{awaited}", claim_id, claim_id=claim_id, received_at=received_at)
            for awaited in awaiting]


def receipt_items(claim: StoredClaim, rows: list[RebateRow]) -> list[Model]:
    return [claim_item(claim), *rebate_items(claim.claim_id, rows),
            *marker_items(claim.claim_id, claim.decision.get("awaiting") or [], claim.received_at)]


def put_claim(claim: StoredClaim, rebate_rows: list[RebateRow], actor, draws: tuple = (),
              given_back: GivenBack | None = None) -> bool:
    """Store the claim once, drawing its payable lines' authorization units in the same transaction
    (and giving back a voided or replaced original's, marking the original). Returns False when this
    claim id was already stored (a retry); raises UnitsTaken when a draw's units were gone and
    AlreadyGivenBack when the original's had been given back before."""
    records = claim_records()
    first, *others = receipt_items(claim, rebate_rows)
    writes: list[Write] = [save(first, records.pk.does_not_exist(), role="claim"),
                           *(save(item) for item in others),
                           audit.entry(f"CLAIM#{claim.claim_id}", f"RECEIVED_{claim.status}", actor,
                                       {"channel": claim.channel, "source": claim.source})]
    if given_back is not None:
        original = records(*_key(given_back.original_claim_id))
        writes.append(update(original, [records.units_given_back_by.set(claim.claim_id)],
                             records.pk.exists() & records.units_given_back_by.does_not_exist(),
                             role="given_back"))
    writes += draw_writes(draws, given_back)
    if len(writes) > MAX_TRANSACTION_ITEMS:
        raise ValueError(f"claim {claim.claim_id} has more drug lines than one transaction can hold")
    try:
        commit(writes)
        return True
    except ConditionFailed as failed:
        if "claim" in failed.roles:
            return False
        if "given_back" in failed.roles:
            raise AlreadyGivenBack() from failed
        raise UnitsTaken() from failed


def put_claims_batch(batch: list[tuple[StoredClaim, list[RebateRow]]]) -> None:
    """Store many claims of one 837 file without per-claim transactions (no audit entry each: the
    file's one entry, written when it is answered, names the file every claim item points to).

    Claim ids are derived from the file and the claim's place in it, so writing the same batch
    again (an SQS redelivery, a resumed file) puts the same items: idempotent without a condition.
    """
    with claim_records().batch_write() as writer:  # retries unprocessed items with backoff
        for claim, rows in batch:
            for item in receipt_items(claim, rows):
                writer.save(item)


def stored_from_item(item: dict) -> StoredClaim:
    """A claim from its typed item (a GetItem's, or a stream image's with binary as bytes)."""
    return _stored(claim_records().from_raw_data(item))


def _listed_fields(record) -> dict:
    return {"claim_id": record.pk.removeprefix("CLAIM#"),
            **{name: getattr(record, name) or "" for name in LISTED}}


def listed_claim(record) -> ListedClaim:
    return ListedClaim(**_listed_fields(record))


def _stored(record) -> StoredClaim:
    claim, decision = claim_body.unpack(bytes(record.body), record.body_format)
    return StoredClaim(**_listed_fields(record), claim=claim, decision=decision)


def get_claim(claim_id: str) -> StoredClaim | None:
    record = get_or_none(claim_records(), *_key(claim_id))
    return _stored(record) if record is not None else None


def claims_by_ids(claim_ids: list[str]) -> list[StoredClaim]:
    """The claims, bodies included, in the order asked (missing ones left out)."""
    found = {r.pk: r for r in claim_records().batch_get([_key(claim_id) for claim_id in dict.fromkeys(claim_ids)])}
    return [_stored(found[pk]) for pk in (f"CLAIM#{claim_id}" for claim_id in claim_ids) if pk in found]


def _range(index, start: str | None, end: str | None):
    sort_key = getattr(claim_records(), f"{index.Meta.index_name}sk")
    return sort_key.between(start or "", (end or "9999") + "~") if start or end else None


def claims_of_member(member_id: str, service_from: str | None = None, service_to: str | None = None,
                     limit: int = 500) -> list[StoredClaim]:
    """A member's claims with their bodies, newest service first: the index names them, the table
    holds the bodies (the index projects the listed fields only)."""
    index = claim_records().by_member
    listed = index.query(f"MEMBER#{member_id}", _range(index, service_from, service_to), scan_index_forward=False,
                         limit=limit)
    return claims_by_ids([record.pk.removeprefix("CLAIM#") for record in listed])


def rebate_rows(quarter: str) -> list[dict]:
    """Every payable drug line of the quarter, one dict per line (claim_id plus REBATE_COLUMNS)."""
    return [{"claim_id": item.claim_id, **dict(zip(REBATE_COLUMNS, line, strict=True))}
            for item in rebate_lines().query(f"REBATE#{quarter}") for line in json.loads(item.lines)]


def moved_on_writes(before: StoredClaim, decision: dict, rebate_rows: list[RebateRow]) -> list[Write]:
    """The writes giving a stored claim a new decision (pended_claims.move_on): the claim, only if its
    decision is still `before`'s (role "claim": a redelivered load does nothing twice), and the
    claim's rebate items rewritten whole from all its payable lines."""
    after = StoredClaim(**{**before.__dict__, "status": decision["status"], "decision": decision})
    records = claim_records()
    record = records(*_key(before.claim_id))
    changed = update(record, [records.status.set(after.status), records.body.set(_packed(after)),
                              records.body_format.set(claim_body.CURRENT_FORMAT),
                              records.decision_hash.set(_decision_hash(decision))],
                     records.decision_hash == _decision_hash(before.decision), role="claim")
    return [changed, *(save(item) for item in rebate_items(before.claim_id, rebate_rows))]
