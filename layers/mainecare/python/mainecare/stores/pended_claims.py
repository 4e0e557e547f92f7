"""Pended claims, findable by the reference file they wait for, in the claims table.

  pk PENDED#<awaited>, sk <claim id>    awaited: "ASP#2026Q2" or "PDAC" (findings' `awaiting`)
One marker (stores/claim_records.PendedMarker) per file a pended claim waits for, written with the
claim (same transaction or batch) and deleted in the transaction that moves the claim on. Loading
ASP 2026Q2 reads one partition holding only the claims still waiting for it: no scan, no index over
every claim. A quarter's markers share a partition key, as the quarter's REBATE# rows already do.
"""

from __future__ import annotations

from mainecare.stores import audit
from mainecare.stores import claims as claim_store
from mainecare.stores.claim_records import pended_markers
from mainecare.stores.transactions import ConditionFailed, commit, delete, save


def claims_awaiting(awaited: str) -> list[str]:
    """Ids of the claims pended for this reference file (markers only: no claim is read)."""
    markers = pended_markers()
    return [marker.sk for marker in markers.query(f"PENDED#{awaited}", attributes_to_get=["pk", "sk"])]


def forget(awaited: str, claim_id: str) -> None:
    """Drop a marker whose claim no longer waits for that file (it was moved on meanwhile)."""
    pended_markers()(f"PENDED#{awaited}", claim_id).delete()


def move_on(before: claim_store.StoredClaim, decision: dict, rebate_rows: list[claim_store.RebateRow],
            actor: str, details: dict) -> bool:
    """Store a pended claim's new decision, its markers and its rebate rows (every payable line, one
    item per quarter), with an audit record. Only if the stored decision is still `before`'s: False
    when another run has already moved it (a redelivered load), so nothing is done twice."""
    claim_id = before.claim_id
    was, now = set(before.decision.get("awaiting") or ()), set(decision.get("awaiting") or ())
    writes = claim_store.moved_on_writes(before, decision, rebate_rows)
    writes.append(audit.entry(f"CLAIM#{claim_id}", f"REEDITED_{decision['status']}", actor, details))
    writes += [delete(pended_markers()(f"PENDED#{awaited}", claim_id)) for awaited in sorted(was - now)]
    writes += [save(marker) for marker in claim_store.marker_items(claim_id, sorted(now - was), before.received_at)]
    try:
        commit(writes)
        return True
    except ConditionFailed:
        return False
