"""NDC validation routes."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred
from chalicelib.routing import api_route
from mainecare.domain.permissions import NDC_VALIDATE

(NdcBatchRequest, NdcBatchResponse, NdcValidateRequest, NdcValidateResponse) = deferred(
    "mainecare.models.ndc", "NdcBatchRequest", "NdcBatchResponse", "NdcValidateRequest", "NdcValidateResponse")
current_index = deferred("mainecare.services.reference.index", "current_index")
validate_ndc = deferred("mainecare.services.reference.validate_ndc", "validate_ndc")

ndc = Blueprint(__name__)


@api_route(ndc, "/v1/ndc/validate", "POST", summary="Validate an NDC and, optionally, its NDC/HCPCS "
           "pair on a date of service against the CMS ASP and PDAC crosswalks", tag="NDC",
           permission=NDC_VALIDATE, request_model=NdcValidateRequest, response_model=NdcValidateResponse)
def validate(identity, body):
    return validate_ndc(body, current_index())


@api_route(ndc, "/v1/ndc/validate-batch", "POST", summary="Validate up to 1,000 NDCs; answers in order",
           tag="NDC", permission=NDC_VALIDATE, request_model=NdcBatchRequest,
           response_model=NdcBatchResponse)
def validate_batch(identity, body):
    index = current_index()
    results = [validate_ndc(item, index) for item in body.items]
    return NdcBatchResponse(results=results, count=len(results))
