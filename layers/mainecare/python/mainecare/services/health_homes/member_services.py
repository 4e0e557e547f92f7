"""What Member Services does for a member who calls after joining a panel (issue 16 items 4, 6).

Later FAQ q7: "For the member to be transferred to a practice in another system, the member may call
Member Services ... or the new Health Home Practice may request the member through the HHES portal."
A member who no longer wants Health Home services after day 29 may also call: until now only the
practice could end a membership.

- leave: the membership ends with "No Longer Wants Health Home Services" (which keeps later
  auto-assignments away, exits.py), from the day after the call unless a later day is given.
- transfer: the membership ends and the member joins the other site on the same day, in one
  transaction; no letter and no opt-out period, since the member asked for it. The new site must
  be a Health Home taking new patients and the member eligible then.
"""

from __future__ import annotations

from datetime import date, timedelta

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import eligibility
from mainecare.domain.health_homes.panel import (
    ASSIGNED,
    MEMBER_TRANSFER,
    TERMINATED,
    TRANSFERRED,
    Enrollment,
)
from mainecare.services.health_homes.common import (
    announce,
    audit,
    conflict,
    entry,
    invalid,
    new_request_id,
    not_found,
    rules_on,
)
from mainecare.services.health_homes.panel_changes import terminate
from mainecare.stores import members, panels, practices

NO_LONGER_WANTS = "NO_LONGER_WANTS_HEALTH_HOME"


def _membership(member_id: str, today: date) -> Enrollment:
    current = panels.open_enrollment(member_id, today=today)
    if current is None or current.status != ASSIGNED:
        raise not_found("member on a Health Home panel")
    return current


def _effective(requested: date | None, today: date) -> date:
    effective = requested or today + timedelta(days=1)
    if effective <= today:
        raise invalid("EFFECTIVE_DATE_NOT_AFTER_TODAY", "The first day off the panel is tomorrow at the earliest: "
                      "today's services were delivered on the panel.")
    return effective


def leave(identity: Identity, member_id: str, channel: str, *, effective_date: date | None = None,
          note: str | None = None) -> Enrollment:
    today = clock.today()
    current = _membership(member_id, today)
    return terminate(identity, current.site_id, member_id, NO_LONGER_WANTS, _effective(effective_date, today),
                     today=today, actor=identity.email, channel=channel)


def transfer(identity: Identity, member_id: str, to_site_id: str, channel: str, *,
             effective_date: date | None = None, note: str | None = None) -> tuple[Enrollment, Enrollment]:
    today = clock.today()
    current = _membership(member_id, today)
    effective = _effective(effective_date, today)
    to_site, member = practices.get_site(to_site_id), members.get_member(member_id)
    if to_site is None or member is None:
        raise not_found("site")
    if to_site.site_id == current.site_id:
        raise conflict("SAME_SITE", "The member is already on that site's panel.")
    if current.assigned_on and effective <= current.assigned_on:
        raise invalid("EFFECTIVE_BEFORE_ASSIGNMENT", "A transfer takes effect after the member joined.")
    reasons = eligibility.site_reasons(to_site, effective) + list(eligibility.stage_a(member, effective,
                                                                                        rules_on(effective)).reasons)
    if reasons:
        raise conflict("TRANSFER_NOT_ELIGIBLE", "The member cannot join that site then: "
                       + ", ".join(r.code for r in eligibility.for_practice(reasons)) + ".")
    actor, at = identity.email, clock.now_text()
    joined = Enrollment(
        request_id=new_request_id(), member_id=member_id, site_id=to_site.site_id, practice_id=to_site.practice_id,
        trading_partner_id=to_site.trading_partner_id, stage=current.stage, source=MEMBER_TRANSFER, status=ASSIGNED,
        requested_at=at, requested_by=actor, assigned_on=effective, moved_from_request_id=current.request_id,
        decided_at=at, decided_by=actor,
        history=(entry(ASSIGNED, "TRANSFERRED_IN", actor, channel=channel, note=note, at=at),))
    items = [panels.status_update(member_id, current.request_id, expect=[ASSIGNED], status=TERMINATED, at=at,
                                  entry=entry(TERMINATED, "TRANSFERRED_OUT", actor, channel=channel,
                                              note=f"to site {to_site.site_id}", at=at),
                                  sets={"ended_on": effective, "termination_reason": TRANSFERRED,
                                        "moved_to_request_id": joined.request_id, "decided_by": actor}),
             *panels.new_enrollment_puts(joined, take_open=False),
             panels.guard_repoint(member_id, current.request_id, joined.request_id, to_site.site_id),
             panels.exit_put(current, TRANSFERRED, effective),
             audit(current, "MEMBER_TRANSFERRED", actor, status=TERMINATED, channel=channel,
                   to_site_id=to_site.site_id, to_request_id=joined.request_id, effective_date=effective)]
    try:
        panels.transact(items)
    except panels.StatusChanged as error:
        raise conflict("NOT_ON_PANEL", "The member left the panel meanwhile.") from error
    announce("PanelMemberTransferred", current, actor, status=TERMINATED, to_site_id=to_site.site_id,
             to_request_id=joined.request_id, effective_date=effective.isoformat())
    return panels.get_enrollment(current.request_id), panels.get_enrollment(joined.request_id)
