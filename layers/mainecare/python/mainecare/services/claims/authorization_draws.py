"""Storing a claim whose payable lines draw authorization units, or that gives units back (both
channels).

The draws ride in the claim's own transaction. A claim that loses the last units to another claim
(the transaction is cancelled, nothing is written) is edited again: the edit reads the
authorizations afresh, so the line now denies, or draws from another authorization.

A void (frequency 8) or replacement (7) naming the claim it acts on (REF*F8 / claimControlNumber:
our claim id, the partner's own) gives back the units that claim drew, once: the original is marked
in the same transaction. A replacement is edited with those units already given back, so it can
draw them again; per authorization the transaction applies the difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from mainecare.domain.claims.context import EditContext
from mainecare.domain.claims.model import Claim
from mainecare.stores import claims as claim_store
from mainecare.stores.authorizations import GivenBack

DRAW_ATTEMPTS = 5
ACTS_ON_ORIGINAL = frozenset({"7", "8"})


def given_back(claim: Claim, trading_partner_id: str) -> tuple[str, dict[str, int]]:
    """(original claim id, units by authorization) this claim gives back; ("", {}) when none."""
    if claim.frequency_code not in ACTS_ON_ORIGINAL or not claim.original_claim_id:
        return "", {}
    original = claim_store.get_claim(claim.original_claim_id)
    if original is None or original.trading_partner_id != trading_partner_id:
        return "", {}  # not the partner's claim: nothing to give back (and nothing learnt about it)
    units: dict[str, int] = {}
    for draw in original.decision.get("authorization_draws", ()):
        units[draw["authorization_id"]] = units.get(draw["authorization_id"], 0) + int(draw["units"])
    return (original.claim_id, units) if units else ("", {})


def widened(context: EditContext, units: dict[str, int]) -> EditContext:
    """The context with the given-back units already available to the claim's own lines."""
    if not units:
        return context
    read = context.authorizations_for

    def authorizations_for(member_id: str):
        return tuple(replace(a, units_used=max(0, a.units_used - units.get(a.authorization_id, 0)))
                     for a in read(member_id))

    return replace(context, authorizations_for=authorizations_for)


def store_with_draws(edit: Callable[[dict[str, int]], tuple], actor: str, claim: Claim, trading_partner_id: str):
    """`edit(given_back_units)` -> (decision, record or None when nothing is to be stored, rebate
    rows, draws). Returns the decision the claim was stored with and whether it was stored now."""
    original, units = given_back(claim, trading_partner_id)
    for attempt in range(DRAW_ATTEMPTS):
        decision, record, rows, draws = edit(units)
        if record is None:
            return decision, False
        try:
            return decision, claim_store.put_claim(record, rows, actor, tuple(draws),
                                                   GivenBack(original, units) if units else None)
        except claim_store.AlreadyGivenBack:
            original, units = "", {}  # an earlier void or replacement gave them back: edit without them
        except claim_store.UnitsTaken:
            if attempt == DRAW_ATTEMPTS - 1:
                raise
    raise claim_store.UnitsTaken()
