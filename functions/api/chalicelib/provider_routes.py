"""Providers: their licences with history (kept by the weekly licence sync) and maintenance cases."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.paging import page_of
from chalicelib.routing import api_route
from mainecare.domain.permissions import PROVIDER_MAINTENANCE, PROVIDER_READ, PROVIDER_REVIEW

(CaseDecisionIn, LicenseOut, LicenseSpanOut, LicensesResponse, MaintenanceCaseIn, MaintenanceCaseList,
 MaintenanceCaseOut) = deferred(
    "mainecare.models.providers", "CaseDecisionIn", "LicenseOut", "LicenseSpanOut", "LicensesResponse",
    "MaintenanceCaseIn", "MaintenanceCaseList", "MaintenanceCaseOut")
provider_records = deferred_module("mainecare.services.providers.provider_records")

provider_routes = Blueprint(__name__)
TAG = "Providers"


def _span(span) -> LicenseSpanOut:
    return LicenseSpanOut(status=span.status, starts=span.starts, expires=span.expires,
                          visible_from=span.visible_from)


def _case(case) -> MaintenanceCaseOut:
    return MaintenanceCaseOut.model_validate(case)


@api_route(provider_routes, "/v1/providers/{npi}/licenses", "GET", tag=TAG, permission=PROVIDER_READ,
           summary="The provider's licences as the weekly sync keeps them: the current span and every earlier "
                   "one (a renewal is visible from the Tuesday after the Monday run). Another partner's "
                   "provider answers 404.", response_model=LicensesResponse)
def provider_licenses(identity, npi):
    found = provider_records.licenses(identity, npi)
    return LicensesResponse(npi=npi, licenses=[
        LicenseOut(license_number=number, profession=spans[-1].profession, current=_span(spans[-1]),
                   history=[_span(s) for s in spans]) for number, spans in found.items()])


@api_route(provider_routes, "/v1/providers/{npi}/maintenance-cases", "GET", tag=TAG, permission=PROVIDER_READ,
           summary="The provider's maintenance cases (opened by the provider or by the licence sync) and "
                   "their status", response_model=MaintenanceCaseList, query=("limit", "next_token"))
def maintenance_cases(identity, npi):
    found, next_token = page_of(provider_routes, provider_records.case_list(identity, npi), lambda c: c.case_id,
                                f"maintenance-cases#{npi}")
    return MaintenanceCaseList(npi=npi, cases=[_case(c) for c in found], next_token=next_token)


@api_route(provider_routes, "/v1/providers/{npi}/maintenance-cases", "POST", tag=TAG,
           permission=PROVIDER_MAINTENANCE, request_model=MaintenanceCaseIn, response_model=MaintenanceCaseOut,
           summary="Open a maintenance case: add a licence, change a rendering provider's or service "
                   "location's details, or change 'accepting new patients' (it must match the service "
                   "location's: 422 ACCEPTING_NEW_PATIENTS_MISMATCH)", extra_errors=(409,))
def open_maintenance_case(identity, body, npi):
    details = body.model_dump(mode="json", exclude={"type"}, exclude_none=True)
    return _case(provider_records.open_case(identity, npi, body.type, details))


@api_route(provider_routes, "/v1/maintenance-cases/{case_id}/decision", "POST", tag=TAG,
           permission=PROVIDER_REVIEW, request_model=CaseDecisionIn, response_model=MaintenanceCaseOut,
           summary="Staff: apply or deny an open case; applying writes the change, the decision and the audit "
                   "record in one transaction", extra_errors=(409,))
def decide_maintenance_case(identity, body, case_id):
    return _case(provider_records.decide(identity, case_id, body.decision == "APPLY", body.reason))
