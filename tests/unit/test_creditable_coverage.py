"""Issue 16 item 9: any MaineCare coverage is creditable coverage to state on the letter, with its
kind; a member with only limited coverage (QMB, Pharmacy Only) is never told "no record"."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from mainecare.documents.member_documents import creditable_coverage_pdf
from mainecare.domain.health_homes.coverage import creditable_periods
from mainecare.domain.members.spans import CoverageSpan
from mainecare.stores.policy import policy_value

POLICY = policy_value("health_home_coverage", date(2026, 12, 3))


def test_limited_coverage_is_stated_with_its_kind():
    spans = [CoverageSpan(start=date(2024, 1, 1), end=date(2024, 12, 31), code="PHARMACY_ONLY"),
             CoverageSpan(start=date(2025, 1, 1), code="QMB")]
    assert creditable_periods(spans, POLICY) == [
        ("Limited MaineCare coverage: Pharmacy Only", date(2024, 1, 1), date(2024, 12, 31)),
        ("Limited MaineCare coverage: Medicare secondary coverage (QMB)", date(2025, 1, 1), None),
    ]


def test_full_and_limited_periods_come_oldest_first():
    spans = [CoverageSpan(start=date(2025, 1, 1), code="ACS"), CoverageSpan(start=date(2023, 5, 1),
                                                                            end=date(2024, 12, 31), code="QMB")]
    assert [p[0] for p in creditable_periods(spans, POLICY)] == [
        "Limited MaineCare coverage: Medicare secondary coverage (QMB)",
        "Full MaineCare coverage: Adults and Children Services"]


def test_a_pharmacy_only_member_is_not_told_there_is_no_record():
    periods = creditable_periods([CoverageSpan(start=date(2025, 3, 1), code="PHARMACY_ONLY")], POLICY)
    pdf = creditable_coverage_pdf("Pat Example", "X1", None, periods, date(2026, 12, 3))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "no record of coverage" not in text
    assert "Limited MaineCare coverage: Pharmacy Only" in text and "March 1, 2025" in text
