"""New claims' lines into the claim-line shards (stores/claim_lines.py), from the Claims table's stream.

Only a claim's first write (INSERT of its CLAIM item) is read: a claim id is stored once, so each
claim's lines reach the shards once. Rejected claims are left out (never adjudicated, they show
no care given); accepted and pended claims count, denied lines included (the member was seen).
A batch becomes one object per month of service, named after the batch's first and last stream
sequence numbers, so a redelivered batch overwrites its own objects instead of adding rows.
"""

from __future__ import annotations

import base64
from collections import defaultdict

from mainecare.domain.health_homes.claim_line_counts import claim_rows
from mainecare.models.claims_json_stored import UnreadableClaimBody, claim_from_stored
from mainecare.stores import claim_lines
from mainecare.stores import claims as claim_store

NOT_COUNTED = frozenset({"REJECTED"})


def _typed(image: dict) -> dict:
    """A stream image as boto3's typed items carry it: Lambda's JSON sends binary as base64."""
    return {name: ({"B": base64.b64decode(value["B"])} if "B" in value and isinstance(value["B"], str) else value)
            for name, value in image.items()}


def extract(records: list[dict]) -> dict:
    by_month: dict[str, list[str]] = defaultdict(list)
    claims, unreadable = 0, []
    for record in records:
        change = record.get("dynamodb") or {}
        image = change.get("NewImage")
        if record.get("eventName") != "INSERT" or not image or image.get("sk", {}).get("S") != "CLAIM":
            continue
        stored = claim_store.stored_from_item(_typed(image))
        if stored.status in NOT_COUNTED or not stored.member_id:
            continue
        try:
            claim = claim_from_stored(stored.claim)
        except UnreadableClaimBody:  # damaged or of a layout never written: reported, never blocking the stream
            unreadable.append(stored.claim_id)
            continue
        claims += 1
        for row in claim_rows(claim, stored.claim_id, stored.member_id):
            by_month[f"{row[:4]}-{row[4:6]}"].append(row + "\n")
    if not by_month:
        return {"claims": claims, "lines": 0, "objects": 0, "unreadable_claim_ids": unreadable}
    sequences = [r["dynamodb"].get("SequenceNumber", "") for r in records if r.get("dynamodb")]
    name = f"{sequences[0]}-{sequences[-1]}" if sequences and sequences[0] else f"batch-{claims}"
    lines = sum(claim_lines.put_lines(f"{claim_lines.month_prefix(month)}{name}.tsv.gz", rows)
                for month, rows in sorted(by_month.items()))
    return {"claims": claims, "lines": lines, "objects": len(by_month), "unreadable_claim_ids": unreadable}
