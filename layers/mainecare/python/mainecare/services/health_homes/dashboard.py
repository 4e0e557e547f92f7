"""Use case: a site's Member Dashboard for a month, and the record of each view (the "monthly
scan" the later FAQ makes the minimum billable activity, question 26).

The utilization covers the twelve months ending with the month asked for. The monthly refresh
job (dashboard_refresh, the second Saturday: "updated monthly, approximately the second weekend of
each month", later FAQ q24) stores it per site and month; a month not refreshed yet (or a member
who joined since) is computed from the claims store when read. A view counts as the scan of the
Maine month it happens in (the policy's description says why).
"""

from __future__ import annotations

from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import dashboard as signals
from mainecare.domain.health_homes.dates import month_bounds
from mainecare.models.claims_json_stored import claim_from_stored
from mainecare.services.health_homes.common import month_of
from mainecare.services.health_homes.panel_changes import panel
from mainecare.stores import attestations, dashboards, practices
from mainecare.stores import claims as claim_store
from mainecare.stores.audit import record as audit_record
from valueobjects import value_object

LIVE = frozenset({"ACCEPTED", "PENDED"})


@value_object
class DashboardRow:
    member_id: str
    name: str
    utilization: signals.Utilization


def dashboard(identity: Identity, site_id: str, month: str) -> tuple[date, date, list[DashboardRow]]:
    year, number = month_of(month)
    _, _, rows = panel(identity, site_id, month)  # also answers 404 for another partner's site
    today, at = clock.today(), clock.now_text()
    attestations.record_view(site_id, f"{today:%Y-%m}", identity.email, at)
    audit_record(f"DASHBOARD#{site_id}", "DASHBOARD_VIEWED", identity, {"month": month})
    period_start, period_end = period(year, number)
    refreshed = dashboards.snapshot(site_id, month)
    found = []
    for row in rows:
        member_id = row.enrollment.member_id
        kept = refreshed.get(member_id)
        found.append(DashboardRow(member_id, row.member_name, _from_snapshot(kept) if kept else
                                  utilization_of(member_id, period_start, period_end)))
    return period_start, period_end, found


def period(year: int, number: int) -> tuple[date, date]:
    """The twelve whole months ending with the month: January to December for a December."""
    start_year, start_month = divmod(year * 12 + number - 1 - 11, 12)
    return date(start_year, start_month + 1, 1), month_bounds(year, number)[1]


def utilization_of(member_id: str, period_start: date, period_end: date) -> signals.Utilization:
    stored = claim_store.claims_of_member(member_id, period_start.isoformat(), period_end.isoformat())
    claims = [claim_from_stored(c.claim) for c in stored if c.status in LIVE]
    return signals.utilization(claims, period_end)


def _from_snapshot(kept: dict) -> signals.Utilization:
    last = kept.get("last_primary_care_visit")
    return signals.Utilization(kept["hospitalizations"], kept["ed_visits"], kept["drug_lines"],
                               date.fromisoformat(last) if last else None, tuple(kept["signals"]))


def refresh(month: str) -> dict:
    """The monthly job: every site's panel members, their utilization stored for the month."""
    from mainecare.domain.permissions import HEALTH_HOME_ALL_SITES

    job = Identity.system("dashboard_refresh", frozenset({HEALTH_HOME_ALL_SITES}))
    year, number = month_of(month)
    start, end = period(year, number)
    sites, members_done = 0, 0
    for site_id in practices.all_site_ids():
        _, _, rows = panel(job, site_id, month)
        kept = {r.enrollment.member_id: utilization_of(r.enrollment.member_id, start, end).__dict__ for r in rows}
        dashboards.save(site_id, month, kept, clock.now_text())
        sites, members_done = sites + 1, members_done + len(kept)
    return {"month": month, "sites": sites, "members": members_done}
