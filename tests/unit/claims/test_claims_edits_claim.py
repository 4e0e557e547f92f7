from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.claims import edits
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.findings import CATALOGUE, EditFinding
from mainecare.domain.claims.model import DateRange, ServiceLine
from tests.unit.claims.claims_fixtures import brief_claim, context, replace_line


def test_clean_brief_claim_has_no_findings():
    result = run_edits(brief_claim(), context())
    assert result.claim_errors == []
    assert result.line_findings == {1: [], 2: []}


def test_billing_npi_check_digit_rejects():
    claim = replace(brief_claim(), billing=replace(brief_claim().billing, npi="1234567890"))
    (error,) = run_edits(claim, context()).claim_errors
    assert error == EditFinding(
        "BILLING_NPI_INVALID",
        "Billing provider: NPI '1234567890' fails the check digit: the last digit should be 3 for "
        "these 9 digits.",
        "reject",
        "16",
        "N257",
    )


def test_missing_billing_npi_rejects():
    claim = replace(brief_claim(), billing=replace(brief_claim().billing, npi=""))
    assert [f.code for f in run_edits(claim, context()).claim_errors] == ["BILLING_NPI_INVALID"]


def test_rendering_npi_claim_and_line_level():
    claim = replace_line(replace(brief_claim(), rendering_npi="1558598790"), 2, rendering_npi="12345")
    errors = run_edits(claim, context()).claim_errors
    assert [(e.code, e.line, e.rarc) for e in errors] == [
        ("RENDERING_NPI_INVALID", None, "N290"),
        ("RENDERING_NPI_INVALID", 2, "N290"),
    ]
    assert errors[1].message == "Line 2 rendering provider: NPI '12345' must be exactly 10 digits."


def test_valid_rendering_npis_pass():
    claim = replace_line(replace(brief_claim(), rendering_npi="1558598797"), 2, rendering_npi="1122333341")
    assert run_edits(claim, context()).claim_errors == []


def test_total_charge_must_equal_sum_of_lines():
    claim = replace(brief_claim(), total_charge=Decimal("6300.00"))
    (error,) = run_edits(claim, context()).claim_errors
    assert (error.code, error.severity, error.carc, error.rarc) == (
        "TOTAL_CHARGE_MISMATCH",
        "reject",
        "16",
        "M54",
    )
    assert error.message == "Claim total charge 6300.00 does not equal the sum of the line charges 6400."


def test_total_equal_with_different_scale_passes():
    assert run_edits(replace(brief_claim(), total_charge=Decimal("6400.00")), context()).claim_errors == []


def test_missing_diagnosis_rejects():
    (error,) = run_edits(replace(brief_claim(), diagnoses=()), context()).claim_errors
    assert (error.code, error.rarc) == ("DIAGNOSIS_MISSING", "M76")


@pytest.mark.parametrize(
    "code, rejected", [("1", False), ("7", False), ("8", False), ("2", True), ("", True)]
)
def test_frequency_code(code, rejected):
    errors = run_edits(replace(brief_claim(), frequency_code=code), context()).claim_errors
    assert [e.code for e in errors] == (["FREQUENCY_CODE_INVALID"] if rejected else [])


def test_line_without_any_date_rejects():
    errors = run_edits(replace_line(brief_claim(), 1, service_dates=None), context()).claim_errors
    assert [(e.code, e.line, e.rarc) for e in errors] == [("SERVICE_DATE_MISSING", 1, "M52")]


def test_institutional_line_falls_back_to_statement_dates():
    claim = replace(
        replace_line(brief_claim(), 1, service_dates=None),
        kind="institutional",
        statement_dates=DateRange(date(2026, 4, 1), date(2026, 4, 10)),
    )
    assert run_edits(claim, context()).claim_errors == []


def test_date_of_service_after_processing_date_rejects():
    claim = replace_line(brief_claim(), 1, service_dates=DateRange(date(2026, 4, 15), date(2026, 4, 16)))
    (error,) = run_edits(claim, context()).claim_errors
    assert (error.code, error.line, error.dos) == ("SERVICE_DATE_IN_FUTURE", 1, date(2026, 4, 16))
    assert (
        run_edits(
            replace_line(brief_claim(), 1, service_dates=DateRange(date(2026, 4, 15))), context()
        ).claim_errors
        == []
    )


def test_line_findings_keyed_by_every_line_number():
    extra = ServiceLine(
        7, "HC", "99213", Decimal("100"), Decimal("1"), service_dates=DateRange(date(2026, 4, 10))
    )
    claim = replace(brief_claim(), lines=(*brief_claim().lines, extra), total_charge=Decimal("6500"))
    assert sorted(run_edits(claim, context()).line_findings) == [1, 2, 7]


def _docstring_table() -> dict[str, list[str]]:
    rows = {}
    for line in edits.__doc__.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0] in CATALOGUE:
            rows[cells[0]] = cells
    return rows


def test_docstring_table_matches_catalogue():
    table = _docstring_table()
    assert set(table) == set(CATALOGUE)
    for code, kind in CATALOGUE.items():
        _, _, severity, carc, rarc, _, _ = table[code]
        if code == "MODIFIER_340B_MISMATCH":
            assert (severity, carc, rarc) == ("warn/deny", "4", "N363")
            continue
        assert severity == kind.severity, code
        assert (carc if carc != "-" else None) == kind.carc, code
        assert (rarc if rarc != "-" else None) == kind.rarc, code
