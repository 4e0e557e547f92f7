"""Use case: add a member to a Community Care Team's panel (later FAQ q47, q49): on an affiliated
Health Home's panel, in a month of service, within the rolling-year 5% cap (refused with the
figures). The rules are domain/health_homes/cct.py; the cap is policy (health_home_cct)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict, NotFound, Refused
from mainecare.domain.health_homes import cct
from mainecare.domain.health_homes.attestation import previous_month
from mainecare.domain.health_homes.panel import ASSIGNED
from mainecare.services.access import sees_all_sites
from mainecare.services.health_homes.common import month_of
from mainecare.services.health_homes.panel_changes import panel
from mainecare.stores import cct_panels, members, panels, practices
from mainecare.stores.audit import record as audit_record
from mainecare.stores.policy import policy_value

CCT = "CCT"


def _months_ending(month: str, count: int = 12) -> list[str]:
    year, number = month_of(month)
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{number:02d}")
        year, number = previous_month(year, number)
    return list(reversed(found))


def _population(identity: Identity, site_ids: list[str], month: str) -> int:
    """Members on the affiliated Health Homes' panels in the month, PCMH-pilot duals left out."""
    counted = set()
    for site_id in site_ids:
        site = practices.get_site(site_id)
        practice = practices.get_practice(site.practice_id)
        _, _, rows = panel(identity, site_id, month)
        ids = [r.enrollment.member_id for r in rows]
        duals = {m for m, found in members.get_members(ids).items() if found.dual_eligible} \
            if practice and practice.pcmh_pilot else set()
        counted.update(m for m in ids if m not in duals)
    return len(counted)


def _served(cct_id: str, month: str, extra: str | None = None) -> int:
    on = {m for m, joined, left in cct_panels.members(cct_id) if joined <= month and (left is None or left > month)}
    return len(on | ({extra} if extra else set()))


def add_member(identity: Identity, cct_id: str, member_id: str, month: str, *, service_delivered: bool) -> dict:
    organization = practices.get_organization(cct_id)
    if organization is None or organization.kind != CCT or not sees_all_sites(identity):
        raise NotFound("community care team")
    if cct_panels.is_member(cct_id, member_id):
        raise Conflict("ALREADY_ON_CCT_PANEL", "The member is already on this CCT's panel.")
    year, number = month_of(month)
    sites = [s.site_id for p in practices.affiliated_practices(cct_id, CCT) for s in practices.sites_of(p)]
    current = panels.open_enrollment(member_id, today=clock.today())
    on_affiliated = current is not None and current.status == ASSIGNED and current.site_id in sites
    cap_value = policy_value("health_home_cct", date(year, number, 1))["cap_percent"]
    months = _months_ending(month)
    shares = [cct.MonthShare(m, _served(cct_id, m, member_id if m == month else None),
                             _population(identity, sites, m)) for m in months]
    check = (cct.cap_check(shares[:-1], shares[-1], Decimal(cap_value)) if cap_value is not None
             else cct.CapCheck(True, cct.rolling_average(shares), Decimal("100")))
    refusal = cct.addition_refusal(on_affiliated, service_delivered, check)
    if refusal:
        raise Refused(*refusal, [{"rolling_average_percent": str(check.average.quantize(Decimal("0.01"))),
                                  "cap_percent": str(check.cap)}] if refusal[0] == cct.CAP_EXCEEDED else None)
    cct_panels.add(cct_id, member_id, month, identity.email, clock.now_text())
    audit_record(f"CCT#{cct_id}", "CCT_MEMBER_ADDED", identity, {"month": month})
    return {"cct_id": cct_id, "member_id": member_id, "joined_month": month,
            "rolling_average_percent": str(check.average.quantize(Decimal("0.01"))), "cap_percent": str(check.cap)}
