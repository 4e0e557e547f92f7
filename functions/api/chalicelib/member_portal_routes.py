"""The member portal: a member's own Claims History Report and Letter of Creditable Coverage."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.pdf_response import PDF, pdf_response
from chalicelib.query import optional_date, params
from chalicelib.routing import api_route
from mainecare.domain.permissions import MEMBER_SELF

PdfDocument = deferred("mainecare.models.documents", "PdfDocument")
ClaimsHistory, MemberClaim = deferred("mainecare.models.member_portal", "ClaimsHistory", "MemberClaim")
member_portal = deferred_module("mainecare.services.members.portal")

portal = Blueprint(__name__)


def _wantspdf_response(query: dict) -> bool:
    accept = portal.current_request.headers.get("accept", "")
    return query.get("format") == "pdf" or PDF in accept


@api_route(portal, "/v1/members/me/claims-history", "GET",  tag="Members", content_types=("application/json", PDF),
           query=("from", "to", "format"),
           summary="The signed-in member's Claims History Report (JSON; PDF with Accept: application/pdf, "
                   "which API Gateway requires for a binary answer); filters from, to (service dates)",
           permission=MEMBER_SELF, response_model=ClaimsHistory)
def claims_history(identity):
    query = params(portal)
    rows = member_portal.claims_history(identity, optional_date(query, "from"), optional_date(query, "to"))
    if _wantspdf_response(query):
        return pdf_response(member_portal.claims_history_document(identity, rows), "claims-history.pdf")
    return ClaimsHistory(member_id=identity.member_id, claims=[MemberClaim(**r) for r in rows])


@api_route(portal, "/v1/members/me/creditable-coverage-letter", "POST", tag="Members",
           content_types=(PDF,), summary="A Letter of Creditable Coverage (PDF; send Accept: application/pdf) "
                                         "stating the signed-in member's MaineCare coverage periods",
           permission=MEMBER_SELF, response_model=PdfDocument)
def creditable_coverage_letter(identity):
    return pdf_response(member_portal.creditable_coverage_letter(identity), "creditable-coverage.pdf")
