"""Use case: a site's Member Dashboard for a month, and the record of each view (the "monthly
scan" the later FAQ makes the minimum billable activity, question 26).

The utilization is computed from the claims store when the dashboard is read, over the twelve
months ending with the month asked for (MaineCare refreshes its dashboard monthly; reading it
live gives the same figures a refresh would, for panels of practice size). A view counts as the
scan of the Maine month it happens in (the policy's description says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import dashboard as signals
from mainecare.domain.health_homes.dates import month_bounds
from mainecare.models.claims_json import ClaimRequest, claim_from_json
from mainecare.services.health_homes.common import month_of
from mainecare.services.health_homes.panel_changes import panel
from mainecare.stores import attestations
from mainecare.stores import claims as claim_store
from mainecare.stores.audit import record as audit_record

LIVE = frozenset({"ACCEPTED", "PENDED"})


@dataclass(frozen=True)
class DashboardRow:
    member_id: str
    name: str
    utilization: signals.Utilization


def _twelve_months_before(end: date) -> date:
    return end.replace(year=end.year - 1) if not (end.month == 2 and end.day == 29) else date(end.year - 1, 2, 28)


def dashboard(identity: Identity, site_id: str, month: str) -> tuple[date, date, list[DashboardRow]]:
    year, number = month_of(month)
    _, _, rows = panel(identity, site_id, month)  # also answers 404 for another partner's site
    today, at = clock.today(), clock.now_text()
    attestations.record_view(site_id, f"{today:%Y-%m}", identity.email, at)
    audit_record(f"DASHBOARD#{site_id}", "DASHBOARD_VIEWED", identity.email, {"month": month})
    period_end = month_bounds(year, number)[1]
    period_start = _twelve_months_before(period_end)
    found = []
    for row in rows:
        stored = claim_store.claims_of_member(row.enrollment.member_id, period_start.isoformat(),
                                              period_end.isoformat())
        claims = [claim_from_json(ClaimRequest.model_validate(c.claim)) for c in stored if c.status in LIVE]
        found.append(DashboardRow(row.enrollment.member_id, row.member_name,
                                  signals.utilization(claims, period_end)))
    return period_start, period_end, found
