"""Community Care Team panels (later FAQ questions 47, 49): program staff add a member for a CCT."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.routing import api_route
from mainecare.domain.permissions import PANEL_REQUEST

(CctAdditionCreate, CctAdditionResponse) = deferred(
    "mainecare.models.attestations", "CctAdditionCreate", "CctAdditionResponse")
cct_panels = deferred_module("mainecare.services.health_homes.cct_panels")

cct = Blueprint(__name__)


@api_route(cct, "/v1/community-care-teams/{cct_id}/panel", "POST", tag="Health Homes", permission=PANEL_REQUEST,
           summary="Add a member to a Community Care Team's panel: the member must be on an affiliated Health "
                   "Home's panel and receive a Health Home service that month, and the CCT must stay within its "
                   "cap (5% of its affiliated Health Homes' members, rolling-year average; 422 CCT_CAP_EXCEEDED "
                   "with the figures). Program staff (every site) only.",
           request_model=CctAdditionCreate, response_model=CctAdditionResponse, extra_errors=(409, 422))
def add_member(identity, body, cct_id):
    return CctAdditionResponse(**cct_panels.add_member(identity, cct_id, body.member_id, body.month,
                                                       service_delivered=body.service_delivered))
