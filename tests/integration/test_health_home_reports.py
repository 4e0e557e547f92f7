"""The six reports through the API, read back from PDF (pypdf) and Excel (openpyxl) with their
figures (issue 9)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from tests.integration.test_health_home_api import OTHER_PRACTICE, PRACTICE, SITE, STAFF, hh  # noqa: F401
from tests.integration.test_payment_run import _attest

REPORTS = ("member-panel", "member-attestation", "payment-summary", "payment-detail", "unattested-member-panel",
           "dashboard-visit-summary")


@pytest.fixture
def paid(hh, monkeypatch):  # noqa: F811
    from mainecare.services.health_homes import payment_run

    _attest(hh, monkeypatch)
    payment_run.run("2026-01", date(2026, 2, 1))
    return hh


def _get(hh, report: str, fmt: str, email: str = PRACTICE, accept: str = "application/json"):  # noqa: F811
    return hh.api.http.get(f"/v1/sites/{SITE}/reports/{report}?month=2026-01&format={fmt}",
                           headers={**hh.auth(email), "Accept": accept})


@pytest.mark.parametrize("report", REPORTS)
def test_each_report_answers_in_json_for_the_practice_and_staff(paid, report):
    for email in (PRACTICE, STAFF):
        response = _get(paid, report, "json", email)
        assert response.status_code == 200, response.body
        body = json.loads(response.body)
        assert body["title"] and body["for"].startswith("Downeast Health - Machias")


def test_another_practice_gets_404_and_an_unknown_report_404(paid):
    assert _get(paid, "member-panel", "json", OTHER_PRACTICE).status_code == 404
    assert _get(paid, "no-such-report", "json").status_code == 404
    assert _get(paid, "member-panel", "docx").status_code == 400


def test_the_payment_detail_pdf_shows_money_as_money_and_who_it_is_for(paid):
    response = _get(paid, "payment-detail", "pdf", accept="application/pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body)).pages)
    assert "Payment Detail Report" in text and "For Downeast Health - Machias" in text
    assert "Period: January 1, 2026 to January 31, 2026" in text
    assert "$8.50" in text and "$3.50" in text and "$12.00" in text and "Total paid: $24.00" in text


def test_the_payment_summary_workbook_carries_the_figures(paid):
    from openpyxl import load_workbook

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = _get(paid, "payment-summary", "xlsx", accept=xlsx)
    assert response.status_code == 200 and response.headers["Content-Type"] == xlsx
    sheet = load_workbook(io.BytesIO(response.body)).active
    rows = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    assert rows[0] == ["Payment Summary Report"] and rows[1] == ["For Downeast Health - Machias (DOWNEAST-MACHIAS)"]
    header = rows.index(["Month", "Members", "Lines", "Amount"])
    assert rows[header + 1] == ["2026-01", 2, 3, 24.0]
    assert sheet.cell(header + 2, 4).number_format == '"$"#,##0.00'
    assert ["Total paid", 24.0] in rows


def test_the_unattested_panel_and_the_visit_summary(paid, hh):  # noqa: F811
    unattested = json.loads(_get(paid, "unattested-member-panel", "json").body)
    assert unattested["rows"] == []  # both attestable members were attested
    visits = json.loads(_get(paid, "dashboard-visit-summary", "json").body)
    assert [(r["month"], r["views"]) for r in visits["rows"]] == [("2026-01", 1)]
