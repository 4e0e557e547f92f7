"""Referrals, prior authorizations and certification requests: the partner's front door and staff's
review queue."""

from __future__ import annotations

from datetime import date

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.query import one_of, optional_date, page_params, params
from chalicelib.routing import api_route
from mainecare.domain.authorizations.model import CANCELLED, SUBMITTED
from mainecare.domain.permissions import (
    AUTHORIZATIONS_READ,
    AUTHORIZATIONS_REVIEW,
    AUTHORIZATIONS_SUBMIT,
    HEALTH_HOME_RECORD_SERVICES,
)

(AttachmentIn, AttachmentUpload, AuthorizationCreate, AuthorizationList, AuthorizationOut, BhhCertificationIn,
 BhhCertificationOut, DecisionIn, ExtendIn, ServiceOut) = deferred(
    "mainecare.models.authorizations", "AttachmentIn", "AttachmentUpload", "AuthorizationCreate", "AuthorizationList",
    "AuthorizationOut", "BhhCertificationIn", "BhhCertificationOut", "DecisionIn", "ExtendIn", "ServiceOut")
requests = deferred_module("mainecare.services.authorizations.requests")
bhh_certifications = deferred_module("mainecare.services.health_homes.bhh_certifications")

authorization_routes = Blueprint(__name__)
TAG = "Authorizations"
ONE = "/v1/authorizations/{authorization_id}"
STATUSES = frozenset({SUBMITTED, "PENDED", "APPROVED", "DENIED", CANCELLED})


def _out(a, urgent: bool = False) -> AuthorizationOut:
    return AuthorizationOut(
        authorization_id=a.authorization_id, kind=a.kind, status=a.status, trading_partner_id=a.trading_partner_id,
        member_id=a.member_id, requesting_npi=a.requesting_npi, servicing_npi=a.servicing_npi,
        services=[ServiceOut(**s.__dict__) for s in a.services], starts=a.starts, ends=a.ends,
        diagnoses=list(a.diagnoses), submitted_at=a.submitted_at,
        decide_by=requests.due_date(date.fromisoformat(a.submitted_at[:10]), urgent),
        approved_units=a.approved_units, approved_starts=a.approved_starts, approved_ends=a.approved_ends,
        units_used=a.units_used, units_left=a.units_left, decision_reason=a.decision_reason,
        information_requested=a.information_requested)


@api_route(authorization_routes, "/v1/authorizations", "POST", tag=TAG, permission=AUTHORIZATIONS_SUBMIT,
           request_model=AuthorizationCreate, response_model=AuthorizationOut, status=201,
           summary="Submit a referral, prior authorization or certification request: member, requesting and "
                   "servicing NPIs, services (HCPCS/CPT, revenue code, or NDC) with units, a date span, diagnoses")
def submit(identity, body):
    created = requests.submit(identity, body.kind, body.member_id, body.requesting_npi, body.servicing_npi,
                              [s.model_dump() for s in body.services], body.starts, body.ends, body.diagnoses)
    return _out(created, body.urgent)


@api_route(authorization_routes, "/v1/authorizations", "GET", tag=TAG, permission=AUTHORIZATIONS_READ,
           audit_read=True,
           also=(AUTHORIZATIONS_REVIEW,), response_model=AuthorizationList,
           query=("status", "member", "from", "to", "trading_partner", "limit", "next_token"),
           summary="The partner's requests, newest first, paged; filters status, member, from/to (submitted "
                   "dates); staff name the partner with ?trading_partner=")
def list_authorizations(identity):
    query = params(authorization_routes)
    limit, token = page_params(authorization_routes)
    found, next_token = requests.page(identity, one_of(query, "status", STATUSES), query.get("member"),
                                      optional_date(query, "from"), optional_date(query, "to"),
                                      query.get("trading_partner"), limit=limit, token=token)
    return AuthorizationList(authorizations=[_out(a) for a in found], count=len(found), next_token=next_token)


@api_route(authorization_routes, "/v1/authorization-queue", "GET", tag=TAG, permission=AUTHORIZATIONS_REVIEW,
           audit_read=True,
           response_model=AuthorizationList, query=("limit", "next_token"),
           summary="Staff: open requests (submitted or pended), oldest first, paged")
def review_queue(identity):
    limit, token = page_params(authorization_routes)
    found, next_token = requests.review_queue(limit=limit, token=token)
    return AuthorizationList(authorizations=[_out(a) for a in found], count=len(found), next_token=next_token)


@api_route(authorization_routes, ONE, "GET", tag=TAG, permission=AUTHORIZATIONS_READ, also=(AUTHORIZATIONS_REVIEW,),
           audit_read=True,
           response_model=AuthorizationOut,
           summary="One request: status, decision, approved units and span, units left")
def get_authorization(identity, authorization_id):
    return _out(requests.visible(identity, authorization_id))


@api_route(authorization_routes, ONE + "/decision", "POST", tag=TAG, permission=AUTHORIZATIONS_REVIEW,
           request_model=DecisionIn, response_model=AuthorizationOut, extra_errors=(409,),
           summary="Staff: approve (units and span, at most what was asked), deny with a reason, or pend asking "
                   "for more information; audited, announced on EventBridge, messaged to the requesting site")
def decide(identity, body, authorization_id):
    return _out(requests.decide(identity, authorization_id, body.decision, reason=body.reason,
                                units=body.approved_units, starts=body.approved_starts, ends=body.approved_ends,
                                information=body.information_requested))


@api_route(authorization_routes, ONE + "/cancel", "POST", tag=TAG, permission=AUTHORIZATIONS_SUBMIT,
           response_model=AuthorizationOut, extra_errors=(409,), summary="Cancel an open request")
def cancel(identity, authorization_id):
    return _out(requests.cancel(identity, authorization_id))


@api_route(authorization_routes, ONE + "/extend", "POST", tag=TAG, permission=AUTHORIZATIONS_SUBMIT,
           request_model=ExtendIn, response_model=AuthorizationOut, extra_errors=(409,),
           summary="Ask to extend an approved authorization (a later end, more units): it goes back to review")
def extend(identity, body, authorization_id):
    return _out(requests.extend(identity, authorization_id, body.ends, body.more_units))


@api_route(authorization_routes, ONE + "/attachments", "POST", tag=TAG, permission=AUTHORIZATIONS_SUBMIT,
           request_model=AttachmentIn, response_model=AttachmentUpload, status=201,
           summary="A presigned upload for a supporting document (PDF, PNG, JPEG or TIFF, at most 10 MB); S3 "
                   "refuses any other type or size")
def attachment(identity, body, authorization_id):
    return AttachmentUpload(**requests.attachment_upload(identity, authorization_id, body.content_type, body.size))


@api_route(authorization_routes, "/v1/members/{member_id}/bhh-certification", "POST", tag=TAG,
           permission=HEALTH_HOME_RECORD_SERVICES, request_model=BhhCertificationIn, response_model=BhhCertificationOut,
           summary="Staff or the state's contractor: upload a member's Behavioral Health Home certification (BHH "
                   "organization, dates, document); the Health Home rules read it (Stage B, duplication)")
def bhh_certification(identity, body, member_id):
    found = bhh_certifications.upload(identity, member_id, body.organization_id, body.certified_on, body.ends_on,
                                      body.document_key)
    return BhhCertificationOut(member_id=member_id, **found.__dict__)
