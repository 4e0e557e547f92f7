"""Day 29 re-checks eligibility (issue 16 item 7): a member who no longer qualifies on the day the
request would assign them (full coverage lost during the 28 days, a Stage B or duplicative service
begun) is not assigned; the request ends DENIED with the reasons.

The timer itself runs no code at the deadline (one conditional DynamoDB update: nothing to fail at
midnight, nothing to scale), so the re-check runs where the data changes instead: when a request is
made (eligibility on the assignment day too, so a coverage end already on file stops it) and when
the eligibility feed or a recorded service changes what we know of a member. Eligibility on day 29
is a function of the data held, so judging it at every change of that data, for the assignment
day, gives the answer a check at midnight on day 29 would; a change that arrives after day 29 is
a termination's business, as for any member on a panel.
"""

from __future__ import annotations

from collections.abc import Iterable

from mainecare import clock
from mainecare.domain.health_homes import eligibility
from mainecare.domain.health_homes.panel import DENIED, PENDING, Enrollment
from mainecare.services.health_homes.common import audit, entry, rules_on
from mainecare.stores import members, panels, practices

ACTOR = "system:assignment-day-check"


def reasons_on_assignment_day(enrollment: Enrollment, member) -> list[eligibility.Reason]:
    day = enrollment.assigns_on
    site = practices.get_site(enrollment.site_id)
    found = (eligibility.site_reasons(site, day, new_patient=False) if site else []) + list(
        eligibility.stage_a(member, day, rules_on(day)).reasons)
    if enrollment.override_reason:  # staff already overrode the earlier Stage B services
        found = [r for r in found if not r.overridable]
    return found


def recheck(member_ids: Iterable[str]) -> list[str]:
    """Re-judge each member's pending Stage A request for its assignment day; end the ones that fail.
    Returns the request ids ended (never member data: the caller logs counts)."""
    today, ended = clock.today(), []
    for member_id in member_ids:
        pending = panels.open_enrollment(member_id, today=today)
        if pending is None or pending.status != PENDING or pending.stage != "A" or not pending.assigns_on:
            continue
        member = members.get_member(member_id)
        reasons = reasons_on_assignment_day(pending, member) if member else []
        if reasons and _end(pending, reasons, today):
            ended.append(pending.request_id)
    return ended


def _end(pending: Enrollment, reasons, today) -> bool:
    at = clock.now_text()
    action = "NOT_ELIGIBLE_ON_ASSIGNMENT_DAY"
    try:
        panels.transact([
            panels.deny_pending(pending.member_id, pending.request_id, at=at, reasons=reasons,
                                entry=entry(DENIED, action, ACTOR, at=at,
                                            note=f"not eligible on {pending.assigns_on.isoformat()}")),
            panels.guard_release(pending.member_id, pending.request_id, effective=today, today=today),
            audit(pending, action, ACTOR, status=DENIED, previous=PENDING, reasons=[r.code for r in reasons],
                  assigns_on=pending.assigns_on)])
    except panels.StatusChanged:
        return False  # decided meanwhile (opt-out, opt-in, the timer): nothing to end
    # The timer is left to run: its condition (still PENDING) fails on day 29 and it ends quietly,
    # so the feed's function needs no Step Functions or EventBridge rights; the audit record says it.
    return True
