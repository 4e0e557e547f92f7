"""Monthly attestation of the minimum billable activity: the window, the activities each FAQ
generation accepts, the outreach limit, the dashboard scan. Pure; the rules come from the
health_home_attestation policy (its description says where each comes from and what was decided).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from mainecare.domain.health_homes.dates import month_bounds
from valueobjects import value_object

ACTIVITY_NOT_ALLOWED = "ACTIVITY_NOT_ALLOWED"
NOT_ATTESTABLE = "NOT_ATTESTABLE"
DASHBOARD_NOT_SCANNED = "DASHBOARD_NOT_SCANNED"
OUTREACH_LIMIT_REACHED = "OUTREACH_LIMIT_REACHED"
MONTH_FINAL = "ATTESTATION_FINAL"


@value_object
class AttestationRules:
    window_opens_day: int
    activities: tuple[str, ...]
    outreach_activity: str
    outreach_max_continuous_months: int
    dashboard_scan_required: bool
    saved_counts_for_payment: bool

    @classmethod
    def from_policy(cls, value: Mapping) -> AttestationRules:
        return cls(value["window_opens_day"], tuple(value["activities"]), value["outreach_activity"],
                   value["outreach_max_continuous_months"], value["dashboard_scan_required"],
                   value["saved_counts_for_payment"])


def window(year: int, month: int, rules: AttestationRules) -> tuple[date, date]:
    """The days a practice may save attestations for the month: the opening day to the last day."""
    first, last = month_bounds(year, month)
    return first.replace(day=min(rules.window_opens_day, last.day)), last


def window_open(year: int, month: int, rules: AttestationRules, today: date) -> bool:
    opens, closes = window(year, month, rules)
    return opens <= today <= closes


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def outreach_months_before(history: Sequence[str | None], outreach: str) -> int:
    """Continuous months of outreach before this one. `history` holds the member's activity in the
    months before, most recent first (None: not attested). Only another activity breaks the run
    (the FAQ: outreach resumes "after one month or more of scanning for gaps in care or other Health
    Home services"); a month with no attestation neither counts nor breaks it."""
    run = 0
    for activity in history:
        if activity is None:
            continue
        if activity != outreach:
            break
        run += 1
    return run


def member_error(activity: str, attestable_reason: str | None, on_panel: bool, site_scanned: bool,
                 outreach_history: Sequence[str | None], rules: AttestationRules) -> tuple[str, str] | None:
    """(code, message) for a member the practice may not attest this month with this activity."""
    if activity not in rules.activities:
        return ACTIVITY_NOT_ALLOWED, f"Attest one of {', '.join(rules.activities)} for this month."
    if not on_panel:
        return NOT_ATTESTABLE, "The member is not on this site's panel this month."
    if attestable_reason is not None:
        return NOT_ATTESTABLE, f"The member is not attestable this month ({attestable_reason})."
    if rules.dashboard_scan_required and not site_scanned:
        return DASHBOARD_NOT_SCANNED, ("No one reviewed this site's Member Dashboard this month; the scan is the "
                                       "minimum billable activity (later FAQ question 26).")
    if activity == rules.outreach_activity and \
            outreach_months_before(outreach_history, rules.outreach_activity) >= rules.outreach_max_continuous_months:
        return OUTREACH_LIMIT_REACHED, (f"Outreach and engagement may be attested for at most "
                                        f"{rules.outreach_max_continuous_months} continuous months; attest another "
                                        "activity this month.")
    return None
