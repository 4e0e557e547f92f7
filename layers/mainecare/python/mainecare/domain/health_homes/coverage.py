"""The MaineCare eligibility inquiry: coverage on a date, full or limited, and the history."""

from __future__ import annotations

from datetime import date

from mainecare.domain.health_homes.members import Member
from mainecare.domain.members.spans import CoverageSpan, PccmSpan
from valueobjects import value_object


@value_object
class CoverageView:
    code: str
    description: str
    full: bool
    start: date
    end: date | None


@value_object
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


def creditable_periods(spans, coverage_policy: dict) -> list[tuple[str, date, date | None]]:
    """The periods a Letter of Creditable Coverage states, oldest first, each with its kind.

    Every MaineCare coverage is creditable coverage to state, limited coverage (QMB, Pharmacy Only)
    included: "full" matters to Health Home eligibility, not to the letter, and a member with only
    limited coverage must not be told MaineCare has no record of them. The kind is stated so the
    reader (an insurer, an employer) sees what the coverage was."""
    periods = []
    for span in sorted(spans, key=lambda s: s.start):
        view = describe(span, coverage_policy)
        kind = "Full MaineCare coverage" if view.full else "Limited MaineCare coverage"
        periods.append((f"{kind}: {view.description}", span.start, span.end))
    return periods
