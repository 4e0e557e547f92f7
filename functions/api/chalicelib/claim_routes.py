"""Claims: submit and validate (JSON), status and history, the rebate extract."""

from __future__ import annotations

import re

from chalice import Blueprint, Response

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import ApiError, json_response, not_found
from chalicelib.query import one_of, optional_date, page_params, params, quarter
from chalicelib.routing import api_route
from mainecare.domain.permissions import CLAIMS_READ, CLAIMS_READ_ALL, CLAIMS_SUBMIT, REBATE_READ

(ClaimDetail, ClaimList, ClaimOutcome, ClaimSummary, RebateExtract) = deferred(
    "mainecare.models.claims_api", "ClaimDetail", "ClaimList", "ClaimOutcome", "ClaimSummary", "RebateExtract")
ClaimRequest = deferred("mainecare.models.claims_json", "ClaimRequest")
claim_queries = deferred_module("mainecare.services.claims.queries")
submit_claim, validate_claim = deferred("mainecare.services.claims.submit_claim", "submit_claim", "validate_claim")

claims = Blueprint(__name__)
IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_\-:.]{8,128}")


def _idempotency_key() -> str | None:
    key = claims.current_request.headers.get("idempotency-key")
    if key is not None and not IDEMPOTENCY_KEY.fullmatch(key):
        raise ApiError(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 8-128 characters: letters, "
                       "digits, - _ : .")
    return key


@api_route(claims, "/v1/claims", "POST", status=201, extra_errors=(409, 413, 422), tag="Claims",
           headers=("Idempotency-Key",),
           summary="Submit a professional or institutional claim (JSON). Lines with an invalid NDC or an "
                   "NDC/HCPCS pair on neither crosswalk are denied; the other lines go on. A drug line no "
                   "loaded crosswalk can judge pends the claim (status PENDED) until the file is loaded. "
                   "Honours Idempotency-Key.", permission=CLAIMS_SUBMIT, request_model=ClaimRequest,
           response_model=ClaimOutcome)
def submit(identity, body):
    key = _idempotency_key()
    outcome, replayed = submit_claim(identity, body, claims.current_request.raw_body or b"", key)
    return json_response(outcome.model_dump(mode="json"), 201,
                         {"Idempotent-Replayed": "true"} if replayed else None)


@api_route(claims, "/v1/claims/validate", "POST", tag="Claims",
           summary="Run every edit on a claim and store nothing", permission=CLAIMS_SUBMIT,
           request_model=ClaimRequest, response_model=ClaimOutcome)
def validate(identity, body):
    return validate_claim(body)


@api_route(claims, "/v1/claims/{claim_id}", "GET", tag="Claims", summary="A claim's status, lines and reasons",
           audit_read=True,
           permission=CLAIMS_READ, response_model=ClaimDetail)
def claim_status(identity, claim_id):
    found = claim_queries.visible_claim(identity, claim_id)
    if found is None:
        raise not_found("claim")
    return ClaimDetail(**found.summary(), claim=found.claim, decision=found.decision)


@api_route(claims, "/v1/claims", "GET", tag="Claims",
           audit_read=True,
           query=("status", "from", "to", "member", "trading_partner", "limit", "next_token"),
           summary="The caller's trading partner's claims, newest first, a page at a time (?limit= up to 500, "
                   "default 100; ?next_token= from the previous page); filters status, from, to (received "
                   "dates), member", permission=CLAIMS_READ, response_model=ClaimList)
def claim_list(identity):
    query = params(claims)
    limit, token = page_params(claims)
    found, next_token = claim_queries.partner_claims_page(
        identity, one_of(query, "status", claim_queries.STATUSES), optional_date(query, "from"),
        optional_date(query, "to"), query.get("member"), query.get("trading_partner"), limit=limit, token=token)
    return ClaimList(claims=[ClaimSummary(**c.summary()) for c in found], count=len(found), next_token=next_token)


@api_route(claims, "/v1/members/{member_id}/claims", "GET", query=("from", "to", "limit", "next_token"), tag="Claims",
           audit_read=True,
           summary="A member's claims history (program staff), a page at a time (?limit=, ?next_token=)",
           permission=CLAIMS_READ_ALL, response_model=ClaimList)
def member_claims(identity, member_id):
    query = params(claims)
    limit, token = page_params(claims)
    found, next_token = claim_queries.member_history_page(member_id, optional_date(query, "from"),
                                                          optional_date(query, "to"), limit=limit, token=token)
    return ClaimList(claims=[ClaimSummary(**c.summary()) for c in found], count=len(found), next_token=next_token)


@api_route(claims, "/v1/rebate-extract", "GET",  tag="Claims", content_types=("application/json", "text/csv"),
           query=("quarter", "format"),
           summary="Drug units by NDC for a quarter's rebate invoice, 340B lines left out (?quarter=2026Q2, "
                   "&format=csv)", permission=REBATE_READ, response_model=RebateExtract)
def rebate_extract(identity):
    query = params(claims)
    extract = RebateExtract(**claim_queries.rebate_extract(quarter(query)))
    if query.get("format") == "csv":
        lines = ["ndc11,ndc_unit,lines,hcpcs_units,ndc_quantity"] + [
            f"{n.ndc11},{n.ndc_unit},{n.lines},{n.hcpcs_units},{n.ndc_quantity}" for n in extract.ndcs]
        return Response("\n".join(lines) + "\n", status_code=200, headers={
            "Content-Type": "text/csv", "Content-Disposition": f'attachment; filename="rebate-{extract.quarter}.csv"'})
    return extract
