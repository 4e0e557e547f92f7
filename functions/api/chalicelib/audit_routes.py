"""Program staff query the audit trail."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.query import optional_date, page_params, params
from chalicelib.routing import api_route
from mainecare.domain.permissions import AUDIT_READ

AuditEntry, AuditPage = deferred("mainecare.models.accounts", "AuditEntry", "AuditPage")
audit_trail = deferred_module("mainecare.services.accounts.audit_trail")

audit_routes = Blueprint(__name__)


@api_route(audit_routes, "/v1/admin/audit", "GET", tag="Accounts", permission=AUDIT_READ, response_model=AuditPage,
           query=("member", "user", "from", "to", "limit", "next_token"),
           summary="Program staff: the audit trail of one member (?member=) or one user (?user=e-mail), oldest "
                   "first, from/to by date, a page at a time; every query is audited too")
def audit_query(identity):
    query = params(audit_routes)
    limit, token = page_params(audit_routes)
    found, next_token = audit_trail.query(identity, query.get("member"), query.get("user"),
                                          optional_date(query, "from"), optional_date(query, "to"),
                                          limit=limit, token=token)
    return AuditPage(entries=[AuditEntry(**e) for e in found], count=len(found), next_token=next_token)
