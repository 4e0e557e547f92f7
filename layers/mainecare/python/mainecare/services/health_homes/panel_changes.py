"""Panel changes after assignment: terminations, staff moves within a system, duplication of
services, and the monthly panel with each member's attestability.

Every change is one transaction: the enrollment's status and history, the member's guard, any
block or notice, and the audit record. Events go out after it commits.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import dates
from mainecare.domain.health_homes.panel import (
    ASSIGNED,
    DUPLICATION_OF_SERVICES,
    MOVE,
    MOVED,
    TERMINATED,
    Enrollment,
    RuleViolation,
    check_move,
    check_termination,
    duplication_outcome,
)
from mainecare.domain.members.spans import ServiceSpan
from mainecare.services.health_homes.common import (
    announce,
    audit,
    conflict,
    entry,
    invalid,
    new_request_id,
    not_found,
    rules_on,
    visible_site,
)
from mainecare.stores import audit as audit_store
from mainecare.stores import members, panels, practices
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import commit
from valueobjects import value_object

DUPLICATION_ACTOR = "system:duplication-rule"


def _on_panel(site_id: str, member_id: str, today: date) -> Enrollment:
    current = panels.open_enrollment(member_id, today=today)
    if current is None or current.site_id != site_id or current.status != ASSIGNED:
        raise not_found("member on this site's panel")
    return current


def _rule(error: RuleViolation) -> Exception:
    """The input is wrong (fix the request) or the panel's state forbids it (it changed)."""
    if error.code in ("UNKNOWN_TERMINATION_REASON", "EFFECTIVE_BEFORE_ASSIGNMENT"):
        return invalid(error.code, error.message)
    return conflict(error.code, error.message)


def terminate(identity: Identity, site_id: str, member_id: str, reason_code: str, effective: date, *,
              today: date | None = None, actor: str | None = None, channel: str | None = None) -> Enrollment:
    """End a membership from `effective` (the first day off the panel). From May 2014 three
    reasons also block future auto-assignment of the member to this site."""
    on = today or clock.today()
    visible_site(identity, site_id)
    current = _on_panel(site_id, member_id, on)
    try:
        reason = check_termination(current, reason_code, effective,
                                   policy_value("health_home_termination_reasons", on))
    except RuleViolation as error:
        raise _rule(error) from error
    actor = actor or identity.email
    at = clock.now_text()
    items = [panels.status_update(member_id, current.request_id, expect=[ASSIGNED], status=TERMINATED, at=at,
                                  entry=entry(TERMINATED, "TERMINATED", actor, channel=channel, note=reason.label,
                                              at=at),
                                  sets={"ended_on": effective, "termination_reason": reason.code,
                                        "decided_by": actor}),
             panels.guard_release(member_id, current.request_id, effective=effective, today=on)]
    # Every termination is kept as an exit: whether it blocks a later auto-assignment is judged by
    # the policy of that run's date (domain/health_homes/exits.py), not of today's.
    items.append(panels.exit_put(current, reason.code, effective))
    items.append(audit(current, "TERMINATED", actor, status=TERMINATED, previous=ASSIGNED, reason=reason.code,
                       effective_date=effective, blocks_auto_assignment=reason.blocks_auto_assignment))
    try:
        panels.transact(items)
    except panels.StatusChanged as error:
        raise conflict("NOT_ON_PANEL", "The member left the panel meanwhile.") from error
    announce("PanelMemberTerminated", current, actor, status=TERMINATED, reason=reason.code,
             effective_date=effective.isoformat(), blocks_auto_assignment=reason.blocks_auto_assignment)
    return panels.get_enrollment(current.request_id)


def move(identity: Identity, site_id: str, member_id: str, to_site_id: str, effective: date) -> tuple[
        Enrollment, Enrollment]:
    """Staff move a member to another site of the same system umbrella: no new request, no letter."""
    from_site = visible_site(identity, site_id)
    to_site = practices.get_site(to_site_id)
    if to_site is None:
        raise not_found("destination site")
    current = _on_panel(site_id, member_id, clock.today())
    try:
        check_move(current, from_site, to_site, effective)
    except RuleViolation as error:
        raise _rule(error) from error
    actor, at = identity.email, clock.now_text()
    moved_in = Enrollment(
        request_id=new_request_id(), member_id=member_id, site_id=to_site.site_id,
        practice_id=to_site.practice_id, trading_partner_id=to_site.trading_partner_id, stage=current.stage,
        source=MOVE, status=ASSIGNED, requested_at=at, requested_by=actor, assigned_on=effective,
        moved_from_request_id=current.request_id, decided_at=at, decided_by=actor,
        history=(entry(ASSIGNED, "MOVED_IN", actor, note=f"from site {site_id}", at=at),))
    items = [panels.status_update(member_id, current.request_id, expect=[ASSIGNED], status=MOVED, at=at,
                                  entry=entry(MOVED, "MOVED_OUT", actor, note=f"to site {to_site.site_id}", at=at),
                                  sets={"ended_on": effective, "moved_to_request_id": moved_in.request_id,
                                        "decided_by": actor}),
             *panels.new_enrollment_puts(moved_in, take_open=False),
             panels.guard_repoint(member_id, current.request_id, moved_in.request_id, to_site.site_id),
             audit(current, "MOVED", actor, status=MOVED, to_site_id=to_site.site_id,
                   to_request_id=moved_in.request_id, effective_date=effective)]
    try:
        panels.transact(items)
    except panels.StatusChanged as error:
        raise conflict("NOT_ON_PANEL", "The member left the panel meanwhile.") from error
    announce("PanelMemberMoved", current, actor, status=MOVED, to_site_id=to_site.site_id,
             to_request_id=moved_in.request_id, effective_date=effective.isoformat())
    return panels.get_enrollment(current.request_id), panels.get_enrollment(moved_in.request_id)


@value_object
class ServiceOutcome:
    duplicative: bool
    outcome: str  # NONE, DISENROLLED, NOTICES_SENT
    request_id: str | None = None
    notices: tuple[dict, ...] = ()


def record_service(identity: Identity, member_id: str, service: ServiceSpan) -> ServiceOutcome:
    """A member started a service (from claims or prior authorization). A Stage A member starting a
    duplicative one leaves the panel ('Duplication of services') unless receiving CCT services; then
    the CCT and the new service's provider each get a stored notice and an event."""
    if members.get_member(member_id) is None:
        raise not_found("member")
    commit([members.service_update(member_id, service), audit_store.entry(
        f"MEMBER#{member_id}", "SERVICE_RECORDED", identity,
        {"section": service.section, "start": service.start.isoformat()})])
    member = members.get_member(member_id)
    current = panels.open_enrollment(member_id, today=clock.today())
    rules = rules_on(service.start)
    outcome = duplication_outcome(member, current, service, rules.duplicative_sections(member, service.start),
                                  rules.duplicative["cct_section"])
    if not outcome.duplicative:
        return ServiceOutcome(False, "NONE")
    if outcome.disenroll:
        effective = max(service.start, current.assigned_on or service.start)
        terminated = terminate(identity, current.site_id, member_id, DUPLICATION_OF_SERVICES, effective,
                               actor=DUPLICATION_ACTOR)
        return ServiceOutcome(True, "DISENROLLED", terminated.request_id)
    return ServiceOutcome(True, "NOTICES_SENT", current.request_id,
                          _notify(current, member_id, service, outcome.cct_provider_id))


def _notify(current: Enrollment, member_id: str, service: ServiceSpan, cct_provider_id: str | None) -> tuple:
    at, notice_id = clock.now_text(), uuid.uuid4().hex[:12]
    providers = [p for p in (cct_provider_id, service.provider_id) if p]
    notice = {"notice_id": notice_id, "kind": DUPLICATION_OF_SERVICES, "at": at, "member_id": member_id,
              "request_id": current.request_id, "site_id": current.site_id, "section": service.section,
              "service_start": service.start.isoformat(), "providers": providers,
              "text": "A member receiving Stage A Health Home and CCT services has started a service that "
                      "duplicates them. The providers and the member decide which service continues."}
    items = [panels.notice_put(p, at, notice_id, json.dumps(notice, sort_keys=True)) for p in providers]
    items.append(audit_store.entry(f"MEMBER_REQUEST#{current.request_id}", "DUPLICATION_NOTICE",
                                   DUPLICATION_ACTOR, {"notice_id": notice_id, "providers": providers,
                                                       "section": service.section}))
    commit(items)
    announce("DuplicationNoticeIssued", current, DUPLICATION_ACTOR, notice_id=notice_id, providers=providers,
             section=service.section)
    return tuple({**notice, "provider_id": p} for p in providers)


@value_object
class PanelRow:
    enrollment: Enrollment
    member_name: str
    attestable: bool
    not_attestable_reason: str | None


def panel(identity: Identity, site_id: str, month: str) -> tuple[int | None, date, list[PanelRow]]:
    """Members on the site's panel at any time in the month, each with whether the practice may
    attest for them: on the panel at the end of the cut-off day in effect that month."""
    visible_site(identity, site_id)
    year, number, cutoff_day = _month_and_cutoff(month)
    on_panel = _on_panel_during(panels.site_enrollments(site_id), year, number)
    names = members.get_members(e.member_id for e in on_panel)
    rows = []
    for e in sorted(on_panel, key=lambda e: (e.assigned_on, e.request_id)):
        ok, why = dates.attestable(e.assigned_on, e.ended_on, year, number, cutoff_day)
        member = names.get(e.member_id)
        rows.append(PanelRow(e, member.name if member else "", ok, why))
    return cutoff_day, dates.cutoff_date(year, number, cutoff_day), rows


def attestable_member_ids(site_id: str, month: str) -> set[str]:
    """The members of the site attestable for the month, by panel()'s rule: what the payment run
    pays against. It reads the roster alone (no histories, no names), once per site and month."""
    year, number, cutoff_day = _month_and_cutoff(month)
    return {m.member_id for m in _on_panel_during(panels.site_memberships(site_id), year, number)
            if dates.attestable(m.assigned_on, m.ended_on, year, number, cutoff_day)[0]}


def _month_and_cutoff(month: str) -> tuple[int, int, int]:
    try:
        year, number = dates.parse_month(month)
    except ValueError as error:
        raise invalid("MONTH_INVALID", "month must be YYYY-MM.") from error
    return year, number, policy_value("health_home_attestation", date(year, number, 1))["cutoff_day"]


def _on_panel_during(memberships: list, year: int, number: int) -> list:
    """Enrollments (or the roster's memberships) on the panel at any time in the month."""
    return [e for e in memberships if e.status in (ASSIGNED, TERMINATED, MOVED)
            and dates.on_panel_during(e.assigned_on, e.ended_on, year, number)]
