"""Paying a month again, in any order, with any change in what is due between runs, never changes
the total paid: each key's ledger always sums to what is due at the last run (issue 9)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from mainecare.domain.health_homes.payments import Due, adjustments

KEYS = [("S1", f"M{n}", "2026-01", c) for n in range(3) for c in ("HEALTH_HOME", "PCCM")]
amounts = st.sampled_from([Decimal("0.00"), Decimal("3.50"), Decimal("8.50"), Decimal("12.00")])
due_sets = st.dictionaries(st.sampled_from(KEYS), amounts, max_size=len(KEYS))


@settings(max_examples=300, deadline=None)
@given(st.lists(due_sets, min_size=1, max_size=6), st.integers(min_value=1, max_value=3))
def test_the_ledger_sums_to_what_is_due_whatever_the_runs(runs, repeats):
    ledger = []
    for n, due in enumerate(runs):
        dues = [Due(*key, amount) for key, amount in due.items()]
        for again in range(repeats):  # a re-run of the same state adds nothing
            new = adjustments(dues, ledger, f"run{n}.{again}")
            if again:
                assert new == []
            ledger += new
    last = runs[-1]
    for key in KEYS:
        paid = sum((line.amount for line in ledger if line.key == key), Decimal("0"))
        assert paid == last.get(key, Decimal("0"))
    for key in {line.key for line in ledger}:  # sequences are 1, 2, 3 ... per key
        assert sorted(line.sequence for line in ledger if line.key == key) == \
            list(range(1, 1 + sum(1 for line in ledger if line.key == key)))
