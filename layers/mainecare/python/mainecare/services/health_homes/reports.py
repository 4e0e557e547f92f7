"""The six Health Home reports (later FAQ question 37): Member Panel, Member Attestation, Payment
Summary (every month on one document), Payment Detail, Unattested Member Panel, Dashboard Visit
Summary (every month on one document). Practices see their own sites, staff every site."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from mainecare import clock
from mainecare.documents.formats import long_date
from mainecare.documents.tables import COUNT, DATE, MONEY, Column, TableReport
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import NotFound
from mainecare.domain.health_homes.attestation import previous_month
from mainecare.domain.health_homes.dates import month_bounds
from mainecare.services.health_homes.common import month_of, visible_site
from mainecare.services.health_homes.panel_changes import panel
from mainecare.stores import attestations, members
from mainecare.stores import payments as ledger_store

REPORTS = ("member-panel", "member-attestation", "payment-summary", "payment-detail", "unattested-member-panel",
           "dashboard-visit-summary")
HISTORY_MONTHS = 36  # the "every month" reports reach back three years


def _period(month: str) -> str:
    first, last = month_bounds(*month_of(month))
    return f"{long_date(first)} to {long_date(last)}"


def _months_back(month: str, count: int) -> list[str]:
    year, number = month_of(month)
    found = []
    for _ in range(count):
        found.append(f"{year:04d}-{number:02d}")
        year, number = previous_month(year, number)
    return found


def build(identity: Identity, site_id: str, name: str, month: str | None) -> TableReport:
    if name not in REPORTS:
        raise NotFound("report")
    site = visible_site(identity, site_id)
    month = month or f"{clock.today():%Y-%m}"  # the Member Attestation Report defaults to this month
    audience = f"{site.name} ({site.site_id})"
    return {"member-panel": _panel, "member-attestation": _attestation, "payment-summary": _payment_summary,
            "payment-detail": _payment_detail, "unattested-member-panel": _unattested,
            "dashboard-visit-summary": _visits}[name](identity, site_id, month, audience)


def _panel(identity, site_id, month, audience) -> TableReport:
    _, _, rows = panel(identity, site_id, month)
    table = [[r.enrollment.member_id, r.member_name, r.enrollment.assigned_on, r.enrollment.ended_on, r.attestable,
              r.not_attestable_reason or ""] for r in rows]
    return TableReport("Member Panel Report", audience, _period(month), (
        Column("Member ID", width=13), Column("Name", width=22), Column("Assigned on", DATE, 12),
        Column("Ended on", DATE, 12), Column("Attestable", width=11), Column("Why not", width=22)), table,
        {"Members": len(table), "Attestable": sum(1 for r in rows if r.attestable)})


def _names(member_ids) -> dict[str, str]:
    return {k: v.name for k, v in members.get_members(member_ids).items()}


def _attestation(identity, site_id, month, audience) -> TableReport:
    saved = sorted(attestations.attested(site_id, month).values(), key=lambda m: m.member_id)
    names = _names(m.member_id for m in saved)
    table = [[m.member_id, names.get(m.member_id, ""), m.activity, m.payable, m.saved_by, m.saved_at[:10]]
             for m in saved]
    return TableReport("Member Attestation Report", audience, _period(month), (
        Column("Member ID", width=13), Column("Name", width=22), Column("Activity", width=22),
        Column("Payable", width=8), Column("Saved by", width=26), Column("Saved on", DATE, 12)), table,
        {"Attested": len(table)})


def _unattested(identity, site_id, month, audience) -> TableReport:
    _, _, rows = panel(identity, site_id, month)
    saved = attestations.attested(site_id, month)
    table = [[r.enrollment.member_id, r.member_name, r.enrollment.assigned_on] for r in rows
             if r.attestable and r.enrollment.member_id not in saved]
    return TableReport("Unattested Member Panel Report", audience, _period(month), (
        Column("Member ID", width=13), Column("Name", width=22), Column("Assigned on", DATE, 12)), table,
        {"Attestable, not attested": len(table)})


def _payment_detail(identity, site_id, month, audience) -> TableReport:
    lines = sorted(ledger_store.ledger(site_id, month), key=lambda ln: (ln.member_id, ln.component, ln.sequence))
    names = _names({ln.member_id for ln in lines})
    table = [[ln.member_id, names.get(ln.member_id, ""), ln.component, ln.sequence, ln.amount, ln.reason or ""]
             for ln in lines]
    return TableReport("Payment Detail Report", audience, _period(month), (
        Column("Member ID", width=13), Column("Name", width=20), Column("Component", width=13),
        Column("Line", COUNT, 6), Column("Amount", MONEY, 12), Column("Reason", width=18)), table,
        {"Total paid": sum((ln.amount for ln in lines), Decimal("0.00"))})


def _payment_summary(identity, site_id, month, audience) -> TableReport:
    table, total = [], Decimal("0.00")
    for each in reversed(_months_back(month, HISTORY_MONTHS)):
        lines = ledger_store.ledger(site_id, each)
        if lines:
            amount = sum((ln.amount for ln in lines), Decimal("0.00"))
            paid_members = len({ln.member_id for ln in lines if ln.amount})
            table.append([each, paid_members, len(lines), amount])
            total += amount
    return TableReport("Payment Summary Report", audience, "every month on record", (
        Column("Month", width=10), Column("Members", COUNT, 9), Column("Lines", COUNT, 7),
        Column("Amount", MONEY, 14)), table, {"Total paid": total})


def _visits(identity, site_id, month, audience) -> TableReport:
    table = []
    for each in reversed(_months_back(month, HISTORY_MONTHS)):
        seen = attestations.views(site_id, each)
        if seen:
            users = defaultdict(int)
            for _, user in seen:
                users[user] += 1
            table.append([each, len(seen), len(users), date.fromisoformat(seen[-1][0][:10])])
    return TableReport("Dashboard Visit Summary", audience, "every month on record", (
        Column("Month", width=10), Column("Views", COUNT, 7), Column("Users", COUNT, 7),
        Column("Last view", DATE, 12)), table, {"Months with a dashboard scan": len(table)})
