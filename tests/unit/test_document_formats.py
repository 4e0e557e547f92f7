"""Documents for people write money as money and dates as people write them (issue 15)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from mainecare.documents.formats import long_date, money, short_date
from mainecare.documents.member_documents import claims_history_pdf


@pytest.mark.parametrize(("value", "shown"), [
    ("6400", "$6,400.00"), (Decimal("1234567.5"), "$1,234,567.50"), (0, "$0.00"), ("-12", "-$12.00"), (None, "")])
def test_money(value, shown):
    assert money(value) == shown


def test_dates():
    assert long_date("2026-04-10") == "April 10, 2026"
    assert short_date(date(2026, 4, 1)) == "04/01/2026"


def test_the_claims_history_says_who_it_is_for_the_period_and_money_as_money():
    rows = [{"service_from": "2026-04-10", "service_to": "2026-04-10", "status": "ACCEPTED",
             "total_charge": "6400", "patient_control_number": "PCN0001"},
            {"service_from": "2026-05-01", "service_to": "2026-05-03", "status": "ACCEPTED",
             "total_charge": "125.5", "patient_control_number": "PCN0002"}]
    pdf = claims_history_pdf("Ada Demoperson", "DEMO-0001", rows, date(2026, 12, 3))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "For Ada Demoperson" in text
    assert "Period: services from April 10, 2026 to May 3, 2026" in text
    assert "$6,400.00" in text and "$125.50" in text and "$6,525.50" in text
    assert "04/10/2026" in text and "2026-04-10" not in text
