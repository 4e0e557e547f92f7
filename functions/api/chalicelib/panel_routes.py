"""A site's Health Home panel: the monthly view with attestability, terminations and staff moves."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.query import month_param
from chalicelib.routing import api_route
from mainecare.domain.permissions import PANEL_MOVE, PANEL_READ, PANEL_TERMINATE

(MemberRequestResponse, MoveCreate, MoveResponse, PanelMember, PanelResponse, TerminationCreate) = deferred(
    "mainecare.models.health_homes", "MemberRequestResponse", "MoveCreate", "MoveResponse", "PanelMember",
    "PanelResponse", "TerminationCreate")
panel_changes = deferred_module("mainecare.services.health_homes.panel_changes")
request_view = deferred("mainecare.services.health_homes.views", "request_view")

panels = Blueprint(__name__)
TAG = "Health Homes"


@api_route(panels, "/v1/sites/{site_id}/panel", "GET", query=("month",), tag=TAG, permission=PANEL_READ,
           audit_read=True,
           summary="The members on the site's panel in a month (?month=YYYY-MM) and whether each is "
                   "attestable: on the panel by the end of the cut-off day in effect that month",
           response_model=PanelResponse)
def panel(identity, site_id):
    month = month_param(panels)
    cutoff_day, cutoff, rows = panel_changes.panel(identity, site_id, month)
    members = [PanelMember(member_id=r.enrollment.member_id, name=r.member_name,
                           request_id=r.enrollment.request_id, stage=r.enrollment.stage,
                           status=r.enrollment.status, assigned_on=r.enrollment.assigned_on,
                           ended_on=r.enrollment.ended_on, attestable=r.attestable,
                           not_attestable_reason=r.not_attestable_reason) for r in rows]
    return PanelResponse(site_id=site_id, month=month, cutoff_day=cutoff_day, cutoff_date=cutoff,
                         members=members, count=len(members), attestable_count=sum(m.attestable for m in members))


@api_route(panels, "/v1/sites/{site_id}/panel/{member_id}/termination", "POST", tag=TAG,
           permission=PANEL_TERMINATE, summary="Terminate a member from the site's panel with a reason from "
           "the fixed list and an effective date; three reasons also block future auto-assignment here",
           request_model=TerminationCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def terminate(identity, body, site_id, member_id):
    ended = panel_changes.terminate(identity, site_id, member_id, body.reason, body.effective_date)
    return request_view(ended, identity)


@api_route(panels, "/v1/sites/{site_id}/panel/{member_id}/move", "POST", tag=TAG, permission=PANEL_MOVE,
           summary="Staff move a member to another site of the same system umbrella, without a new request",
           request_model=MoveCreate, response_model=MoveResponse, extra_errors=(409,))
def move(identity, body, site_id, member_id):
    moved_out, moved_in = panel_changes.move(identity, site_id, member_id, body.to_site_id, body.effective_date)
    return MoveResponse(moved_out=request_view(moved_out, identity), moved_in=request_view(moved_in, identity))
