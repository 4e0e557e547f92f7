"""Community Care Team panels (later FAQ questions 47 and 49). Pure.

q49: "A member should be added to your CCT panel in the month you deliver a Health Home service to
the member ... A member cannot be added to a CCT panel unless he/she already has been assigned to
one of the CCTs affiliated Health Homes."
q47: "CCT providers are limited to serving 5% cap of the total number of all members in its
affiliated Health Homes. This percentage is captured at any given moment that a provider enters
the HHES portal, at a rolling year average. As an example, if in one month the CCT serves 3% of
its total Health Home affiliated population, the following month the CCT may increase its capacity
to 7% for an average of 5%. This percentage does not include dual (Medicare) members subtracted
for PCMH practices."

The rolling-year average is the mean of the monthly shares (members served / affiliated Health
Home members, duals of PCMH pilot practices left out of the denominator) over the twelve months
ending with the month of the addition, months with no affiliated members left out; the addition
is refused when it would lift that mean above the cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from valueobjects import value_object

NOT_ON_AFFILIATED_PANEL = "NOT_ON_AFFILIATED_HEALTH_HOME_PANEL"
NO_SERVICE_THIS_MONTH = "NO_HEALTH_HOME_SERVICE_THIS_MONTH"
CAP_EXCEEDED = "CCT_CAP_EXCEEDED"


@value_object
class MonthShare:
    month: str
    served: int  # members on the CCT panel that month
    population: int  # members on the affiliated Health Homes' panels, PCMH-pilot duals left out

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.served) / Decimal(self.population) if self.population else None


@value_object
class CapCheck:
    allowed: bool
    average: Decimal  # the rolling-year average share with the addition, as a percentage
    cap: Decimal

    def figures(self) -> str:
        shown = self.average.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"rolling-year average {shown}% with this member, cap {self.cap}%"


def rolling_average(months: Sequence[MonthShare]) -> Decimal:
    shares = [m.share for m in months[-12:] if m.share is not None]
    return (sum(shares, Decimal(0)) / len(shares) * 100) if shares else Decimal(0)


def cap_check(earlier: Sequence[MonthShare], this_month: MonthShare, cap_percent: Decimal) -> CapCheck:
    """earlier: the months before the addition's, oldest first; this_month: counts with the member."""
    average = rolling_average([*earlier[-11:], this_month])
    return CapCheck(average <= cap_percent, average, cap_percent)


def addition_refusal(on_affiliated_panel: bool, service_this_month: bool, cap: CapCheck) -> tuple[str, str] | None:
    if not on_affiliated_panel:
        return NOT_ON_AFFILIATED_PANEL, ("The member must first be on the panel of one of this CCT's affiliated "
                                         "Health Homes.")
    if not service_this_month:
        return NO_SERVICE_THIS_MONTH, ("Add a member in the month a Health Home service is delivered (intake, "
                                       "plan of care, care coordination ...).")
    if not cap.allowed:
        return CAP_EXCEEDED, f"The CCT would serve more than its cap: {cap.figures()}."
    return None
