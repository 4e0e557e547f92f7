"""Effective-dated policy: the program changes rules by date, so every rule value has versions.

A version applies from its `effective_from` date until the next version starts. Looking up a
date before the first version is an error, never a silent default.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

from mainecare.domain.errors import Invalid
from valueobjects import value_object

T = TypeVar("T")


class PolicyNotInEffect(Invalid, LookupError):
    """`on` falls before the first version of policy `name` (which starts on `first_effective`):
    for a request, the dates it sent are before any rule that could judge them."""

    def __init__(self, name: str, on: date, first_effective: date | None):
        first = first_effective.isoformat() if first_effective else "the first rule"
        super().__init__("DATE_OUT_OF_RANGE", f"The dates in this request must be {first} or later: no rule "
                         "is in effect before then.")
        self.name = name
        self.on = on
        self.first_effective = first_effective


@value_object
class Versioned(Generic[T]):
    effective_from: date
    value: T


def in_effect(name: str, versions: Sequence[Versioned[T]], on: date) -> T:
    applicable = [v for v in versions if v.effective_from <= on]
    if not applicable:
        raise PolicyNotInEffect(name, on, min((v.effective_from for v in versions), default=None))
    return max(applicable, key=lambda v: v.effective_from).value
