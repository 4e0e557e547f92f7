"""Member Services acts on a member's Health Home membership when the member calls (later FAQ q7):
leaving Health Homes, or a transfer to a practice in another system."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.routing import api_route
from mainecare.domain.permissions import PANEL_MEMBER_CALLS

(MemberLeaveCreate, MemberRequestResponse, MemberTransferCreate, TransferResponse) = deferred(
    "mainecare.models.health_homes", "MemberLeaveCreate", "MemberRequestResponse", "MemberTransferCreate",
    "TransferResponse")
member_services = deferred_module("mainecare.services.health_homes.member_services")
request_view = deferred("mainecare.services.health_homes.views", "request_view")

member_calls = Blueprint(__name__)
TAG = "Health Homes"


@api_route(member_calls, "/v1/members/{member_id}/health-home/leave", "POST", tag=TAG,
           permission=PANEL_MEMBER_CALLS, summary="Member Services records a member's call to leave Health "
           "Homes after joining a panel: the membership ends ('No Longer Wants Health Home Services') from "
           "tomorrow or a later effective_date", request_model=MemberLeaveCreate,
           response_model=MemberRequestResponse, extra_errors=(409,))
def leave(identity, body, member_id):
    ended = member_services.leave(identity, member_id, body.channel, effective_date=body.effective_date,
                                  note=body.note)
    return request_view(ended, identity)


@api_route(member_calls, "/v1/members/{member_id}/health-home/transfer", "POST", tag=TAG,
           permission=PANEL_MEMBER_CALLS, summary="Member Services transfers a member who called to a site of "
           "another system: the membership ends and the member joins that site the same day, no letter or "
           "opt-out period (the member asked)", request_model=MemberTransferCreate,
           response_model=TransferResponse, extra_errors=(409,))
def transfer(identity, body, member_id):
    out, joined = member_services.transfer(identity, member_id, body.to_site_id, body.channel,
                                           effective_date=body.effective_date, note=body.note)
    return TransferResponse(transferred_out=request_view(out, identity), transferred_in=request_view(joined, identity))
