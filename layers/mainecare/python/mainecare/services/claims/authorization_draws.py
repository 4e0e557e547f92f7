"""Storing a claim whose payable lines draw authorization units (both channels).

The draws ride in the claim's own transaction. A claim that loses the last units to another claim
(the transaction is cancelled, nothing is written) is edited again: the edit reads the
authorizations afresh, so the line now denies, or draws from another authorization.
"""

from __future__ import annotations

from collections.abc import Callable

from mainecare.stores import claims as claim_store

DRAW_ATTEMPTS = 5


def store_with_draws(edit: Callable[[], tuple], actor: str):
    """`edit()` -> (decision, record or None when nothing is to be stored, rebate rows, draws).
    Returns the decision the claim was stored with and whether it was stored now (False: it had
    been stored before, or was not to be stored)."""
    for attempt in range(DRAW_ATTEMPTS):
        decision, record, rows, draws = edit()
        if record is None:
            return decision, False
        try:
            return decision, claim_store.put_claim(record, rows, actor, tuple(draws))
        except claim_store.UnitsTaken:
            if attempt == DRAW_ATTEMPTS - 1:
                raise
    raise claim_store.UnitsTaken()
