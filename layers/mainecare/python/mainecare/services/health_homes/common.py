"""What every Health Home use case shares: errors, who may see which site, the policy in effect,
history and audit entries, and events."""

from __future__ import annotations

import uuid
from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict, Invalid, NotFound
from mainecare.domain.health_homes import dates
from mainecare.domain.health_homes.eligibility import Rules
from mainecare.domain.health_homes.members import Site
from mainecare.domain.health_homes.panel import Enrollment, HistoryEntry
from mainecare.services.access import sees_all_sites, sees_partner_health_homes
from mainecare.stores import audit as audit_store
from mainecare.stores import events, panels, practices
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import Write


def not_found(what: str) -> NotFound:
    # The same answer for "does not exist" and "is another practice's": nothing leaks.
    return NotFound(what)


def conflict(code: str, message: str) -> Conflict:
    return Conflict(code, message)


def invalid(code: str, message: str) -> Invalid:
    return Invalid(code, message)


def month_of(month: str) -> tuple[int, int]:
    """'YYYY-MM' -> (year, month), or a refusal naming the format."""
    try:
        return dates.parse_month(month)
    except ValueError as error:
        raise invalid("MONTH_INVALID", "month must be YYYY-MM.") from error


sees_all = sees_all_sites  # who sees every site: services/access.py


def visible_site(identity: Identity, site_id: str) -> Site:
    site = practices.get_site(site_id)
    if site is None or not sees_partner_health_homes(identity, site.trading_partner_id):
        raise not_found("site")
    return site


def visible_enrollment(identity: Identity, request_id: str) -> Enrollment:
    enrollment = panels.get_enrollment(request_id)
    if enrollment is None or not sees_partner_health_homes(identity, enrollment.trading_partner_id):
        raise not_found("member request")
    return enrollment


def rules_on(on: date) -> Rules:
    return Rules(policy_value("health_home_coverage", on), policy_value("health_home_eligibility", on),
                 policy_value("health_home_duplicative_services", on))


def new_request_id(on: date | None = None) -> str:
    """Time-ordered, URL- and Step-Functions-name-safe, and free of member data."""
    return f"mr-{(on or clock.today()):%Y%m%d}-{uuid.uuid4().hex[:16]}"


def entry(status: str, action: str, actor: str, *, channel: str | None = None,
          note: str | None = None, at: str | None = None) -> HistoryEntry:
    return HistoryEntry(at or clock.now_text(), status, action, actor, channel, note)


def audit(enrollment: Enrollment, action: str, actor: str, **details) -> Write:
    """The audit record written in the same transaction as the change: ids and codes only."""
    return audit_store.entry(f"MEMBER_REQUEST#{enrollment.request_id}", action, actor, {
        "request_id": enrollment.request_id, "site_id": enrollment.site_id, "stage": enrollment.stage,
        **{k: (v.isoformat() if isinstance(v, date) else v) for k, v in details.items() if v is not None}})


def announce(detail_type: str, enrollment: Enrollment, actor: str, **details) -> bool:
    return events.publish(detail_type, {
        "request_id": enrollment.request_id, "site_id": enrollment.site_id,
        "practice_id": enrollment.practice_id, "stage": enrollment.stage, "actor": actor,
        "at": clock.now_text(), **{k: v for k, v in details.items() if v is not None}})
