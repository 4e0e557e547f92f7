"""The member's answer to a pending request: opt out, or opt in before the 28 days are over.

Both are conditional on the request still being PENDING, exactly like the timer's assignment, so
whichever of the three lands first decides and the others change nothing (409 for the API, a
quiet end for the timer). A decided request's timer is stopped; if stopping fails, the timer's own
condition fails later and it ends quietly.
"""

from __future__ import annotations

from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes.exits import opt_out_reason
from mainecare.domain.health_homes.panel import ASSIGNED, OPTED_OUT, PENDING, Enrollment
from mainecare.services.health_homes import transfers
from mainecare.services.health_homes.common import announce, audit, conflict, entry, invalid, visible_enrollment
from mainecare.stores import panels, timer
from mainecare.stores.policy import policy_value


def _already_decided(request_id: str) -> Exception:
    current = panels.get_enrollment(request_id)
    status = current.status if current else "UNKNOWN"
    return conflict("REQUEST_ALREADY_DECIDED", f"The request is no longer pending (status {status}).")


def _decide(identity: Identity, request_id: str, *, status: str, action: str, channel: str,
            note: str | None, sets: dict, release_guard: bool, exit_reason: str | None = None,
            today: date | None = None) -> Enrollment:
    enrollment = visible_enrollment(identity, request_id)
    if enrollment.status != PENDING:
        raise _already_decided(request_id)
    today = today or clock.today()
    if status == OPTED_OUT and enrollment.assigns_on and today >= enrollment.assigns_on:
        # The 28 days are over; the timer is only late. The member has joined by the rules, so an
        # opt-out now is a termination by the practice ("No Longer Wants Health Home Services").
        raise conflict("OPT_OUT_PERIOD_OVER", f"The opt-out period ended on {enrollment.last_day_to_opt_out}; "
                       f"the member joins the panel on {enrollment.assigns_on}. To leave now, the site "
                       "terminates the member.")
    actor, at = identity.email, clock.now_text()
    items = [panels.status_update(enrollment.member_id, request_id, expect=[PENDING], status=status, at=at,
                                  entry=entry(status, action, actor, channel=channel, note=note, at=at),
                                  sets={"decided_at": at, "decided_by": actor, **sets})]
    if transfers.is_transfer(enrollment):  # the membership the transfer would replace
        items += transfers.decision_writes(enrollment, status, sets.get("assigned_on") or today, actor, at)
    elif release_guard:  # an opt-out frees the member at once
        items.append(panels.guard_release(enrollment.member_id, request_id, effective=today, today=today))
    if exit_reason:
        items.append(panels.exit_put(enrollment, exit_reason, today))
    items.append(audit(enrollment, action, actor, status=status, previous=PENDING, channel=channel,
                       **{k: v for k, v in sets.items()}))
    try:
        panels.transact(items)
    except panels.StatusChanged as error:
        raise _already_decided(request_id) from error
    timer.stop(enrollment.execution_arn or timer.execution_arn(request_id), f"member {action.lower()}")
    decided = panels.get_enrollment(request_id)
    announce("MemberRequestOptedOut" if status == OPTED_OUT else "MemberRequestAssigned", decided, actor,
             status=status, channel=channel, assigned_on=sets.get("assigned_on") and sets["assigned_on"].isoformat())
    return decided


def opt_out(identity: Identity, request_id: str, channel: str, note: str | None = None, *,
            today: date | None = None, scope: str = "PRACTICE") -> Enrollment:
    """Later FAQ q5: the member opts out "of Health Home services or assignment to your practice"
    (scope HEALTH_HOME_SERVICES or PRACTICE); either way the request ends, and the scope decides
    what later auto-assignments leave alone (domain/health_homes/exits.py)."""
    on = today or clock.today()
    allowed = policy_value("health_home_opt_out", on)["opt_out_channels"]
    if channel not in allowed:
        raise invalid("CHANNEL_NOT_ALLOWED", f"Record an opt-out received by {' or '.join(allowed)}.")
    return _decide(identity, request_id, status=OPTED_OUT, action="OPTED_OUT", channel=channel, note=note,
                   sets={"opt_out_scope": scope}, release_guard=True, exit_reason=opt_out_reason(scope), today=on)


def opt_in(identity: Identity, request_id: str, channel: str, note: str | None = None, *,
           today: date | None = None) -> Enrollment:
    """Early opt-in: by calling Member Services, or (from January 2015) by a signed Stage A form."""
    on = today or clock.today()
    allowed = policy_value("health_home_opt_out", on)["early_opt_in_channels"]
    if channel not in allowed:
        raise invalid("CHANNEL_NOT_IN_EFFECT", f"On {on.isoformat()} a member opts in early by "
                      f"{' or '.join(allowed)}.")
    return _decide(identity, request_id, status=ASSIGNED, action="OPTED_IN_EARLY", channel=channel, note=note,
                   sets={"assigned_on": on}, release_guard=False)
