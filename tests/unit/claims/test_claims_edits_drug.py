from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.findings import EditFinding
from mainecare.domain.claims.model import DateRange, DrugIdentification
from tests.unit.claims.claims_fixtures import (
    ALBUTEROL,
    brief_claim,
    context,
    crosswalks,
    replace_drug,
    replace_line,
)

DOS = date(2026, 4, 10)


def line2(claim, ctx=None):
    return run_edits(claim, ctx or context()).line_findings[2]


def codes(claim, ctx=None):
    return [f.code for f in line2(claim, ctx)]


def test_j_code_without_ndc_denies():
    (f,) = line2(replace_line(brief_claim(), 2, drugs=()))
    assert f == EditFinding(
        "NDC_MISSING",
        "Line 2: J9035 is a drug code; an 11-digit NDC (LIN*N4 in loop 2410, or drugIdentification) is "
        "required on every CPT/HCPCS drug line.",
        "deny",
        "16",
        "M119",
        2,
        "",
        "J9035",
        DOS,
    )


def test_non_drug_cpt_without_ndc_passes():
    assert run_edits(brief_claim(), context()).line_findings[1] == []  # 96413 administration


@pytest.mark.parametrize(
    "code, required", [("Q5107", True), ("Q3014", False), ("J3490", True), ("99213", False)]
)
def test_q_codes_need_an_ndc_only_when_on_a_crosswalk(code, required):
    claim = replace_line(brief_claim(), 2, procedure_code=code, drugs=())
    ctx = context(drug_codes=frozenset({"Q5107"}))
    assert codes(claim, ctx) == (["NDC_MISSING"] if required else [])


def test_crosswalk_codes_count_as_drug_codes_by_default():
    assert context().drug_codes == frozenset({"J9035", "J7613"})


def test_ten_digit_ndc_is_never_guessed():
    (f,) = line2(replace_drug(brief_claim(), 2, ndc_raw="5024206101"))
    assert (f.code, f.severity, f.carc, f.rarc, f.ndc) == (
        "NDC_INVALID_FORMAT",
        "deny",
        "16",
        "M119",
        "5024206101",
    )
    assert f.message == (
        "Line 2: NDC '5024206101' has 10 digits; the 11-digit form is required and is not guessed. "
        "MaineCare needs the 11-digit 5-4-2 NDC (e.g. 00703514501)."
    )


@pytest.mark.parametrize("raw", ["50242-060-01", "5024200610A", "502420061011", "", "5024-2006-101"])
def test_invalid_ndc_formats(raw):
    assert codes(replace_drug(brief_claim(), 2, ndc_raw=raw)) == ["NDC_INVALID_FORMAT"]


def test_hyphenated_eleven_digit_ndc_is_accepted():
    assert codes(replace_drug(brief_claim(), 2, ndc_raw="50242-0061-01")) == []


def test_qualifier_other_than_n4_denies_and_stops():
    (f,) = line2(replace_drug(brief_claim(), 2, qualifier="EN", ndc_raw="0123456789012", quantity=None))
    assert (f.code, f.rarc) == ("NDC_QUALIFIER_INVALID", "M119")
    assert f.message == "Line 2: drug qualifier (LIN02) is 'EN'; MaineCare needs N4 with an 11-digit NDC."


@pytest.mark.parametrize(
    "quantity, bad",
    [
        (Decimal("0"), True),
        (Decimal("-1"), True),
        (None, True),
        (Decimal("0.001"), False),
        (Decimal("16"), False),
    ],
)
def test_quantity_must_be_positive(quantity, bad):
    assert codes(replace_drug(brief_claim(), 2, quantity=quantity)) == (
        ["NDC_QUANTITY_INVALID"] if bad else []
    )


def test_quantity_message():
    (f,) = line2(replace_drug(brief_claim(), 2, quantity=Decimal("0")))
    assert (f.message, f.rarc) == ("Line 2: NDC unit count (CTP04) is 0; it must be greater than 0.", "M123")


@pytest.mark.parametrize(
    "unit, bad",
    [
        ("F2", False),
        ("GR", False),
        ("ME", False),
        ("ML", False),
        ("UN", False),
        ("MG", True),
        ("", True),
        ("ml", True),
    ],
)
def test_unit_codes(unit, bad):
    assert codes(replace_drug(brief_claim(), 2, unit=unit)) == (["NDC_UNIT_INVALID"] if bad else [])


def test_pair_on_neither_crosswalk_denies_with_crosswalk_explanation():
    (f,) = line2(replace_drug(brief_claim(), 2, ndc_raw="00703514501"))
    assert (f.code, f.severity, f.carc, f.rarc, f.dos) == (
        "NDC_HCPCS_PAIR_INVALID",
        "deny",
        "16",
        "M119",
        DOS,
    )
    assert f.message.startswith(
        "Line 2: NDC 00703514501 with HCPCS J9035 is not on CMS ASP 2026Q2 or PDAC 2026-04-01 for date of "
        "service 2026-04-10"
    )


def test_pair_found_on_pdac_only_passes():
    claim = replace_drug(replace_line(brief_claim(), 2, procedure_code="J7613"), 2, ndc_raw=ALBUTEROL)
    assert codes(claim) == []


def test_missing_asp_quarter_pends_the_line_instead_of_paying_or_denying_it():
    later = DateRange(date(2026, 7, 1))
    claim = replace_line(replace_line(brief_claim(), 2, service_dates=later), 1, service_dates=later)
    (f,) = line2(claim, context(today=date(2026, 7, 2)))
    assert (f.code, f.severity, f.carc, f.rarc, f.awaiting) == (
        "NDC_CROSSWALK_NOT_LOADED", "pend", None, None, ("ASP#2026Q3",))
    assert "No CMS ASP crosswalk is loaded for 2026Q3" in f.message
    assert f.to_dict()["awaiting"] == ["ASP#2026Q3"]


def test_missing_pdac_file_pends_when_asp_does_not_match():
    ctx = context(crosswalks=crosswalks(pdac_loaded=False))
    (f,) = line2(replace_drug(brief_claim(), 2, ndc_raw="00703514501"), ctx)
    assert (f.code, f.severity, f.awaiting) == ("NDC_CROSSWALK_NOT_LOADED", "pend", ("PDAC",))
    assert codes(brief_claim(), ctx) == []  # a match on ASP alone is enough


def test_with_neither_file_loaded_the_line_awaits_both():
    ctx = context(crosswalks=crosswalks(asp_loaded=False, pdac_loaded=False))
    (f,) = line2(brief_claim(), ctx)
    assert f.awaiting == ("ASP#2026Q2", "PDAC")


def test_a_pend_finding_survives_its_stored_form():
    (f,) = line2(brief_claim(), context(crosswalks=crosswalks(asp_loaded=False, pdac_loaded=False)))
    assert EditFinding.from_dict(f.to_dict()) == f
    assert "awaiting" not in line2(replace_drug(brief_claim(), 2, ndc_raw="00703514501"))[0].to_dict()


def test_noc_code_skips_the_pair_check_but_not_the_format():
    claim = replace_drug(replace_line(brief_claim(), 2, procedure_code="J3490"), 2, ndc_raw="00703514501")
    assert codes(claim) == []
    assert codes(replace_drug(claim, 2, ndc_raw="0703514501")) == ["NDC_INVALID_FORMAT"]


def test_revenue_code_with_ndc_but_no_hcpcs_denies():
    claim = replace_line(brief_claim(), 2, procedure_code="", procedure_qualifier="", revenue_code="0250")
    (f,) = line2(claim)
    assert (f.code, f.rarc) == ("DRUG_LINE_HCPCS_MISSING", "M51")
    assert "revenue code alone (0250) is not acceptable" in f.message


def test_every_drug_of_a_compound_is_checked():
    good = brief_claim().line(2).drug
    bad = replace(good, ndc_raw="1234", link_sequence_number="2")
    claim = replace_line(brief_claim(), 2, drugs=(good, bad))
    ((code, ndc),) = [(f.code, f.ndc) for f in line2(claim)]
    assert (code, ndc) == ("NDC_INVALID_FORMAT", "1234")


def test_several_problems_on_one_line_are_all_reported():
    claim = replace_line(brief_claim(), 2, drugs=(DrugIdentification("N4", "5024206101", None, "XX"),))
    assert codes(claim) == ["NDC_INVALID_FORMAT", "NDC_QUANTITY_INVALID", "NDC_UNIT_INVALID"]
