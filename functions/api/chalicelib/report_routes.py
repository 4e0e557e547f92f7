"""The six Health Home reports, as JSON, PDF or an Excel workbook (later FAQ question 37)."""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib.deferred import deferred, deferred_module
from chalicelib.errors import json_response
from chalicelib.pdf_response import PDF, pdf_response
from chalicelib.query import one_of, params
from chalicelib.routing import api_route
from mainecare import clock
from mainecare.domain.permissions import PANEL_READ

to_json, to_pdf, to_xlsx = deferred("mainecare.documents.tables", "to_json", "to_pdf", "to_xlsx")
ReportTable = deferred("mainecare.models.documents", "ReportTable")
reports = deferred_module("mainecare.services.health_homes.reports")

report_routes = Blueprint(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@api_route(report_routes, "/v1/sites/{site_id}/reports/{report}", "GET", tag="Health Homes", permission=PANEL_READ,
           audit_read=True,
           query=("month", "format"),
           content_types=("application/json", PDF, XLSX),
           summary="A Health Home report: member-panel, member-attestation, payment-summary, payment-detail, "
                   "unattested-member-panel or dashboard-visit-summary, for ?month=YYYY-MM (default this month; "
                   "the two summaries show every month), as ?format=json|pdf|xlsx (PDF and Excel need a matching "
                   "Accept header for API Gateway's binary answer)", response_model=ReportTable)
def report(identity, site_id, report):
    query = params(report_routes)
    fmt = (one_of(query, "format", frozenset({"JSON", "PDF", "XLSX"})) or "JSON").lower()
    month = query.get("month")
    built = reports.build(identity, site_id, report, month)
    name = f"{report}-{site_id}-{month or 'current'}"
    if fmt == "pdf":
        return pdf_response(to_pdf(built, clock.today()), f"{name}.pdf")
    if fmt == "xlsx":
        return Response(to_xlsx(built), status_code=200, headers={
            "Content-Type": XLSX, "Content-Disposition": f'attachment; filename="{name}.xlsx"',
            "Cache-Control": "no-store"})
    return json_response(to_json(built))
