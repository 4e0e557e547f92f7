"""Domain values -> response contracts. A practice sees confidential reasons collapsed and no
staff detail; staff (health_home:all_sites) see everything."""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import eligibility
from mainecare.domain.health_homes.panel import Enrollment
from mainecare.models.health_homes import HistoryView, MemberRequestResponse, ReasonView
from mainecare.services.health_homes.common import sees_all

DECISIONS = {
    "DENIED": "Not eligible: see reasons",
    "PENDING": "Letter sent; the member joins on {assigns_on} unless they opt out",
    "OPTED_OUT": "The member opted out",
    "ASSIGNED": "On the panel since {assigned_on}",
    "TERMINATED": "Terminated from {ended_on}",
    "MOVED": "Moved to another site of the system from {ended_on}",
}


def reason_views(reasons, staff: bool) -> list[ReasonView]:
    if staff:
        return [ReasonView(code=r.code, message=r.message, detail=r.detail, overridable=r.overridable)
                for r in reasons]
    return [ReasonView(code=r.code, message=r.message) for r in eligibility.for_practice(reasons)]


def request_view(enrollment: Enrollment, identity: Identity) -> MemberRequestResponse:
    e = enrollment
    return MemberRequestResponse(
        request_id=e.request_id, site_id=e.site_id, member_id=e.member_id, stage=e.stage, source=e.source,
        status=e.status, decision=DECISIONS[e.status].format(assigns_on=e.assigns_on, assigned_on=e.assigned_on,
                                                            ended_on=e.ended_on),
        reason=e.summary_reason(), reasons=reason_views(e.reasons, sees_all(identity)), batch=e.batch,
        requested_at=e.requested_at, letter_date=e.letter_date, opt_out_period_begins=e.letter_date,
        last_day_to_opt_out=e.last_day_to_opt_out, assigns_on=e.assigns_on, assigned_on=e.assigned_on,
        ended_on=e.ended_on, termination_reason=e.termination_reason, opt_out_scope=e.opt_out_scope,
        moved_to_request_id=e.moved_to_request_id,
        moved_from_request_id=e.moved_from_request_id,
        override_reason=e.override_reason if sees_all(identity) else None,
        letter_key=e.letter_key, decided_at=e.decided_at,
        history=[HistoryView(at=h.at, status=h.status, action=h.action, actor=h.actor, channel=h.channel,
                             note=h.note if sees_all(identity) or h.action != "STAGE_B_DENIAL_OVERRIDDEN" else None)
                 for h in e.history],
    )
