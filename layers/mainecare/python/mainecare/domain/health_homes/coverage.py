"""The MaineCare eligibility inquiry: coverage on a date, full or limited, and the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mainecare.domain.health_homes.members import CoverageSpan, Member, PccmSpan


@dataclass(frozen=True)
class CoverageView:
    code: str
    description: str
    full: bool
    start: date
    end: date | None


@dataclass(frozen=True)
class Inquiry:
    on: date
    current: CoverageView | None
    history: tuple[CoverageView, ...]  # newest first
    pccm: PccmSpan | None

    @property
    def covered(self) -> bool:
        return self.current is not None


def describe(span: CoverageSpan, coverage_policy: dict) -> CoverageView:
    full = span.code in coverage_policy["full"]
    names = coverage_policy["full"] if full else coverage_policy["limited"]
    return CoverageView(span.code, names.get(span.code, span.code), full, span.start, span.end)


def inquire(member: Member, on: date, coverage_policy: dict) -> Inquiry:
    current = member.coverage_on(on)
    history = tuple(describe(s, coverage_policy) for s in sorted(member.coverage, key=lambda s: s.start,
                                                                  reverse=True))
    pccm = next((p for p in member.pccm if p.covers(on)), None)
    return Inquiry(on, describe(current, coverage_policy) if current else None, history, pccm)
