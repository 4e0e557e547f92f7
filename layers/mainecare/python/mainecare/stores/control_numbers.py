"""Interchange and group control numbers for what we send: unique, from an atomic counter."""

from __future__ import annotations

from mainecare.stores.reference_records import records

ISA13_MAX = 999_999_999


def next_control_number(name: str = "OUTBOUND_ISA") -> int:
    """1, 2, 3 ... wrapping within ISA13's nine digits (partners de-duplicate on sender + ISA13)."""
    items = records()
    counter = items("COUNTER", name)
    counter.update(actions=[items.value.add(1)])  # ADD: atomic, and creates the counter at 1
    return (int(counter.value) - 1) % ISA13_MAX + 1
