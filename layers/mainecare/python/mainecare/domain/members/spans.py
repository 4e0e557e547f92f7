"""What MIHMS says about a member over time: coverage, the services received, the PCCM provider.

Dates are inclusive: a span with end None is open. Claims edits read coverage spans and Health Home
rules read all three, so they live here rather than with either (claims loading the Health Home
member model would cost every claim function its import time). Member data is PHI: never logged.
"""

from __future__ import annotations

from datetime import date

from valueobjects import value_object


@value_object
class Span:
    start: date
    end: date | None = None  # inclusive; None = open

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@value_object
class CoverageSpan(Span):
    code: str = ""


@value_object
class ServiceSpan(Span):
    """A MaineCare service the member receives: MBM section ('13', '17.04-1', '91' CCT, '92' BHH)."""

    section: str = ""
    provider_id: str | None = None


@value_object
class PccmSpan(Span):
    provider_id: str = ""
