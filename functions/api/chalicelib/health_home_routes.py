"""Health Home member requests: request a member, the opt-out and early opt-in, staff overrides,
Stage B additions and the Member Request History. Rules live in mainecare.services."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import ApiError
from chalicelib.paging import page_of
from chalicelib.pdf_response import PDF, pdf_response
from chalicelib.query import query_param
from chalicelib.routing import api_route
from mainecare.domain.health_homes.panel import STATUSES
from mainecare.domain.permissions import (
    MEMBER_REQUEST_OPT_IN,
    MEMBER_REQUEST_OPT_OUT,
    PANEL_OVERRIDE,
    PANEL_READ,
    PANEL_REQUEST,
)

PdfDocument = deferred("mainecare.models.documents", "PdfDocument")
(MemberRequestCreate, MemberRequestList, MemberRequestResponse, OptInCreate, OptOutCreate, OverrideCreate,
 StageBAdditionCreate) = deferred(
    "mainecare.models.health_homes", "MemberRequestCreate", "MemberRequestList", "MemberRequestResponse", "OptInCreate",
    "OptOutCreate", "OverrideCreate", "StageBAdditionCreate")
member_decisions = deferred_module("mainecare.services.health_homes.member_decisions")
member_letters = deferred_module("mainecare.services.health_homes.member_letters")
member_requests = deferred_module("mainecare.services.health_homes.member_requests")
request_history = deferred_module("mainecare.services.health_homes.request_history")
visible_enrollment = deferred("mainecare.services.health_homes.common", "visible_enrollment")
request_view = deferred("mainecare.services.health_homes.views", "request_view")

health_homes = Blueprint(__name__)
TAG = "Health Homes"


@api_route(health_homes, "/v1/sites/{site_id}/member-requests", "POST", tag=TAG, permission=PANEL_REQUEST,
           summary="Request a member for the site's Stage A panel: eligibility first; if eligible the letter "
                   "is sent and the 28-day opt-out period starts (the member joins on day 29)",
           request_model=MemberRequestCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def request_member(identity, body, site_id):
    return request_view(member_requests.request_member(identity, site_id, body.member_id), identity)


@api_route(health_homes, "/v1/sites/{site_id}/member-requests", "GET", tag=TAG, permission=PANEL_READ,
           audit_read=True,
           query=("status", "limit", "next_token"),
           summary="Member Request History: every request at the site with its decision, reasons and dates "
                   "(?status=PENDING|ASSIGNED|OPTED_OUT|DENIED|TERMINATED|MOVED); a practice sees an "
                   "auto-assignment from the day after its letter date",
           response_model=MemberRequestList)
def member_request_history(identity, site_id):
    status = query_param(health_homes, "status")
    if status is not None and status.upper() not in STATUSES:
        raise ApiError(400, "STATUS_INVALID", f"status is one of {', '.join(STATUSES)}.")
    status = status.upper() if status else None
    found, next_token = page_of(health_homes, request_history.site_history(identity, site_id, status),
                                lambda e: e.request_id, f"member-requests#{site_id}#{status}")
    views = [request_view(e, identity) for e in found]
    return MemberRequestList(site_id=site_id, status=status, requests=views, count=len(views), next_token=next_token)


@api_route(health_homes, "/v1/member-requests/{request_id}", "GET", tag=TAG, permission=PANEL_READ,
           audit_read=True,
           summary="One member request with its full status history", response_model=MemberRequestResponse)
def member_request(identity, request_id):
    return request_view(visible_enrollment(identity, request_id), identity)


@api_route(health_homes, "/v1/member-requests/{request_id}/letter", "GET", tag=TAG, permission=PANEL_READ,
           content_types=(PDF,), response_model=PdfDocument,
           summary="The letter sent to the member for this request, as sent (PDF; send Accept: "
                   "application/pdf). Each download is audited")
def member_request_letter(identity, request_id):
    return pdf_response(member_letters.sent_letter(identity, request_id), f"letter-{request_id}.pdf")


@api_route(health_homes, "/v1/member-requests/{request_id}/opt-out", "POST", tag=TAG,
           permission=MEMBER_REQUEST_OPT_OUT, summary="Member Services records the member's opt-out "
           "(only while the request is pending; the timer is stopped)",
           request_model=OptOutCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def opt_out(identity, body, request_id):
    return request_view(member_decisions.opt_out(identity, request_id, body.channel, body.note,
                                                scope=body.scope), identity)


@api_route(health_homes, "/v1/member-requests/{request_id}/opt-in", "POST", tag=TAG,
           permission=MEMBER_REQUEST_OPT_IN, summary="Early opt-in by phone or a signed Stage A form: the "
           "member joins the panel at once and the timer is stopped",
           request_model=OptInCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def opt_in(identity, body, request_id):
    return request_view(member_decisions.opt_in(identity, request_id, body.channel, body.note), identity)


@api_route(health_homes, "/v1/member-requests/{request_id}/override", "POST", tag=TAG,
           permission=PANEL_OVERRIDE, summary="Staff override a Stage A denial caused by earlier Stage B "
           "services, with a recorded reason: the request becomes pending and the letter is sent",
           request_model=OverrideCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def override(identity, body, request_id):
    return request_view(member_requests.override(identity, request_id, body.reason), identity)


@api_route(health_homes, "/v1/sites/{site_id}/stage-b-additions", "POST", tag=TAG, permission=PANEL_REQUEST,
           summary="Add a BHH-certified member to the site's Stage B panel at once (the site must be "
                   "affiliated, with an MOU, with the member's BHH organization)",
           request_model=StageBAdditionCreate, response_model=MemberRequestResponse, extra_errors=(409,))
def stage_b_addition(identity, body, site_id):
    return request_view(member_requests.add_stage_b(identity, site_id, body.member_id), identity)
