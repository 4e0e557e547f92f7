"""The Health Home month: the Member Dashboard (each view is the month's scan) and the monthly
attestation, saved in parts during the window (later FAQ questions 24-36)."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import json_response
from chalicelib.query import month_param
from chalicelib.routing import api_route
from mainecare.domain.permissions import PANEL_ATTEST, PANEL_READ

(AttestationResponse, AttestationSave, AttestedMemberOut, DashboardMember, DashboardResponse, MemberRefusal,
 UtilizationOut) = deferred(
    "mainecare.models.attestations", "AttestationResponse", "AttestationSave", "AttestedMemberOut", "DashboardMember",
    "DashboardResponse", "MemberRefusal", "UtilizationOut")
attestations = deferred_module("mainecare.services.health_homes.attestations")
dashboard = deferred_module("mainecare.services.health_homes.dashboard")

month_routes = Blueprint(__name__)
TAG = "Health Homes"


def _answer(state) -> AttestationResponse:
    return AttestationResponse(
        site_id=state.site_id, month=state.month, window_opens=state.window_opens, window_closes=state.window_closes,
        final=state.final, dashboard_scanned=state.dashboard_scanned,
        members=[AttestedMemberOut(**m.__dict__) for m in state.members],
        errors=[MemberRefusal(**e.__dict__) for e in state.errors])


@api_route(month_routes, "/v1/sites/{site_id}/dashboard", "GET", query=("month",), tag=TAG, permission=PANEL_READ,
           summary="The site's Member Dashboard for ?month=YYYY-MM: each panel member's utilization over the 12 "
                   "months ending that month (hospitalizations, ED visits, drug lines, last primary care visit) "
                   "and gaps-in-care signals. Each view is recorded as this month's dashboard scan.",
           response_model=DashboardResponse)
def member_dashboard(identity, site_id):
    month = month_param(month_routes)
    start, end, rows = dashboard.dashboard(identity, site_id, month)
    return DashboardResponse(site_id=site_id, month=month, period_start=start, period_end=end, members=[
        DashboardMember(member_id=r.member_id, name=r.name,
                        utilization=UtilizationOut(**{**r.utilization.__dict__,
                                                      "signals": list(r.utilization.signals)}))
        for r in rows])


@api_route(month_routes, "/v1/sites/{site_id}/attestations/{month}", "GET", tag=TAG, permission=PANEL_READ,
           audit_read=True,
           summary="The month's saved attestation: window, final or not, whether the dashboard was scanned, "
                   "and every attested member", response_model=AttestationResponse)
def attestation(identity, site_id, month):
    return _answer(attestations.state(identity, site_id, month))


@api_route(month_routes, "/v1/sites/{site_id}/attestations/{month}", "PUT", tag=TAG, permission=PANEL_ATTEST,
           summary="Attest members for the month, in parts if need be, from the 21st to the month's last day "
                   "(409 ATTESTATION_WINDOW_CLOSED outside it). Members the rules refuse come back in `errors` "
                   "(207) and the rest are saved.", request_model=AttestationSave,
           response_model=AttestationResponse, extra_errors=(409,))
def save_attestation(identity, body, site_id, month):
    state = attestations.save(identity, site_id, month, [(m.member_id, m.activity) for m in body.members],
                              final=body.final)
    answer = _answer(state)
    return json_response(answer.model_dump(mode="json"), 207 if state.errors else 200)
