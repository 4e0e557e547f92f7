"""The accompanying claim of an interpreter line (FAQ q48): another stored claim of the member, from
the same billing provider, with a service line on the same date (policy/interpreter_services.json)."""

from __future__ import annotations

from datetime import date, timedelta

from mainecare.domain.claims.edits_services import accompanying_lines
from mainecare.models.claims_json_stored import claim_from_stored
from mainecare.stores import claims as claim_store

# A claim's service_from is its first line's date; a professional claim spans at most a few weeks
# and an institutional statement period at most a month or so. Claims starting this long before
# the date are read: the line's own dates decide.
LOOK_BACK = timedelta(days=92)
LIVE_STATUSES = frozenset({"ACCEPTED", "PENDED"})


def has_accompanying_claim(member_id: str, billing_npi: str, dos: date, interpreter_codes: frozenset[str]) -> bool:
    if not member_id:
        return False
    for stored in claim_store.claims_of_member(member_id, (dos - LOOK_BACK).isoformat(), dos.isoformat()):
        if stored.status not in LIVE_STATUSES:
            continue
        claim = claim_from_stored(stored.claim)
        if claim.billing.npi == billing_npi and accompanying_lines(claim, interpreter_codes, on=dos):
            return True
    return False
