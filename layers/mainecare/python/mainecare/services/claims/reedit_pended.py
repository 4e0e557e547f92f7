"""Use case: a crosswalk was loaded; the claims pended for want of it are re-edited and move on.

Every loaded file is looked up, not only the one just loaded: one small query per loaded ASP
quarter and one for PDAC, each reading only markers of claims still waiting. So a claim pended by
an API container whose index was a moment older than a load is released by the next load of any
file, and a second run (a redelivered load) finds nothing left to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.pending import changed, reedit
from mainecare.domain.crosswalks.index import CrosswalkIndex
from mainecare.models.claims_json_stored import UnreadableClaimBody, claim_from_stored
from mainecare.services.claims.context import edit_context
from mainecare.services.claims.records import rebate_rows
from mainecare.services.reference.index import fresh_index
from mainecare.stores import claims as claim_store
from mainecare.stores import pended_claims
from valueobjects import record

# Stop with this much of the invocation left, so a large backlog ends cleanly, not by a timeout.
MARGIN_SECONDS = 30.0


@record
class ReeditOutcome:
    released: int = 0  # moved out of PENDED: every line now payable or denied
    still_pended: int = 0  # re-edited, but a line still waits for another file
    # Ids of stored claims that no longer read as a claim: left pended (and alarmed) for a person.
    unreadable: list[str] = field(default_factory=list)
    complete: bool = True  # False: time ran short and claims are left for the next run

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def awaited_keys(index: CrosswalkIndex) -> list[str]:
    """The marker keys a loaded index can settle: every loaded ASP quarter, and PDAC once loaded."""
    return [f"ASP#{quarter}" for quarter in sorted(index.asp)] + (["PDAC"] if index.pdac is not None else [])


def reedit_pended_claims(actor: str = "reference_ingest",
                         seconds_left: Callable[[], float] | None = None) -> ReeditOutcome:
    index = fresh_index()  # the file just loaded must be in it, whatever the refresh interval
    context = edit_context(crosswalks=index)
    outcome = ReeditOutcome()
    done: set[str] = set()
    for key in awaited_keys(index):
        for claim_id in pended_claims.claims_awaiting(key):
            if claim_id in done:
                continue
            if seconds_left is not None and seconds_left() < MARGIN_SECONDS:
                outcome.complete = False
                return outcome
            done.add(claim_id)
            _reedit_one(claim_id, key, context, actor, outcome)
    return outcome


def _reedit_one(claim_id: str, key: str, context, actor: str, outcome: ReeditOutcome) -> None:
    stored = claim_store.get_claim(claim_id)
    if stored is None or stored.status != "PENDED" or key not in (stored.decision.get("awaiting") or ()):
        pended_claims.forget(key, claim_id)  # moved on meanwhile: the marker outlived it
        return
    try:
        claim = claim_from_stored(stored.claim)
    except UnreadableClaimBody:
        outcome.unreadable.append(claim_id)  # one claim must not hold up the rest
        return
    earlier = ClaimDecision.from_dict(stored.decision)
    later = reedit(earlier, run_edits(claim, context))
    if not changed(earlier, later):
        return
    rows = rebate_rows(claim, later, context)  # every payable line: the rebate items are rewritten whole
    details = {"from": earlier.status, "to": later.status, "loaded": key, "awaiting": list(later.awaiting),
               "lines": {str(n): s for n, s in sorted(later.line_statuses.items())
                         if earlier.line_statuses[n] == "PENDED"}}
    if not pended_claims.move_on(stored, later.to_dict(), rows, actor, details):
        return  # another run moved it first
    if later.status == "PENDED":
        outcome.still_pended += 1
    else:
        outcome.released += 1
