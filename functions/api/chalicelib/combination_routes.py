"""NDC-J code combination requests: partners ask, program staff decide."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import not_found
from chalicelib.paging import page_of
from chalicelib.routing import api_route
from mainecare.domain.permissions import NDC_COMBINATION_REQUEST, NDC_COMBINATION_REVIEW

(CombinationDecisionRequest, CombinationRequestCreate, CombinationRequestList, CombinationRequestView) = deferred(
    "mainecare.models.combination_requests", "CombinationDecisionRequest", "CombinationRequestCreate",
    "CombinationRequestList", "CombinationRequestView")
service = deferred_module("mainecare.services.reference.combination_requests")

combinations = Blueprint(__name__)


@api_route(combinations, "/v1/ndc/combination-requests", "POST", status=201,
           summary="Ask MaineCare to add an NDC/HCPCS pair missing from both crosswalks", tag="NDC",
           permission=NDC_COMBINATION_REQUEST, request_model=CombinationRequestCreate,
           response_model=CombinationRequestView)
def create(identity, body):
    return service.submit(identity, body)


@api_route(combinations, "/v1/ndc/combination-requests", "GET", tag="NDC",
           summary="The caller's trading partner's requests (program staff: all)",
           permission=NDC_COMBINATION_REQUEST, also=(NDC_COMBINATION_REVIEW,),
           response_model=CombinationRequestList, query=("limit", "next_token"))
def list_requests(identity):
    found, next_token = page_of(combinations, service.list_for(identity), lambda r: r.request_id,
                                f"combination-requests#{identity.trading_partner_id}")
    return CombinationRequestList(requests=found, next_token=next_token)


@api_route(combinations, "/v1/ndc/combination-requests/{request_id}/decision", "POST", tag="NDC",
           extra_errors=(409,),
           summary="Approve (from an effective date) or deny a request; approved pairs validate",
           permission=NDC_COMBINATION_REVIEW, request_model=CombinationDecisionRequest,
           response_model=CombinationRequestView)
def decide(identity, body, request_id):
    decided = service.decide(identity, request_id, body)
    if decided is None:
        raise not_found("combination request")
    return decided
