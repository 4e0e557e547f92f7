from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.claims.context import LicenseStatus
from mainecare.domain.claims.decision import ClaimDecision, decide
from mainecare.domain.claims.edits import run_edits
from tests.unit.claims.claims_fixtures import brief_claim, context, crosswalks, replace_drug


def decided(claim, channel, ctx=None):
    return decide(claim, run_edits(claim, ctx or context()), channel)


BAD_NDC = replace_drug(brief_claim(), 2, ndc_raw="5024206101")  # 10 digits: invalid on a claim


def test_bad_ndc_on_837_rejects_the_whole_claim():
    decision = decided(BAD_NDC, "edi")
    assert decision.status == "REJECTED"
    assert decision.line_statuses == {1: "REJECTED", 2: "REJECTED"}
    assert [(r.code, r.line, r.ndc) for r in decision.reasons] == [("NDC_INVALID_FORMAT", 2, "5024206101")]


def test_same_claim_on_the_api_denies_only_the_bad_line():
    decision = decided(BAD_NDC, "api")
    assert decision.status == "ACCEPTED"
    assert decision.line_statuses == {1: "PAYABLE", 2: "DENIED"}
    assert [(r.code, r.line) for r in decision.reasons] == [("NDC_INVALID_FORMAT", 2)]
    assert decision.reasons_for_line(2) == decision.reasons
    assert decision.reasons_for_line(1) == ()


@pytest.mark.parametrize("ndc", ["", "00703514501"])  # missing; pair on neither crosswalk
def test_other_invalid_ndc_findings_also_reject_on_837(ndc):
    claim = replace_drug(brief_claim(), 2, ndc_raw=ndc)
    assert decided(claim, "edi").status == "REJECTED"
    assert decided(claim, "api").line_statuses == {1: "PAYABLE", 2: "DENIED"}


def test_non_ndc_denial_on_837_denies_the_line_only():
    claim = replace_drug(brief_claim(), 2, quantity=Decimal("0"))
    decision = decided(claim, "edi")
    assert (decision.status, decision.line_statuses) == ("ACCEPTED", {1: "PAYABLE", 2: "DENIED"})


def test_licence_denial_is_a_line_denial_in_both_channels():
    ctx = context(license_status=lambda npi, day: LicenseStatus("MD1", "Expired"))
    for channel in ("edi", "api"):
        decision = decided(brief_claim(), channel, ctx)
        assert (decision.status, decision.line_statuses) == ("ACCEPTED", {1: "DENIED", 2: "DENIED"})


def test_claim_level_reject_rejects_in_both_channels():
    claim = replace(brief_claim(), frequency_code="5")
    for channel in ("edi", "api"):
        decision = decided(claim, channel)
        assert decision.status == "REJECTED"
        assert [r.code for r in decision.reasons] == ["FREQUENCY_CODE_INVALID"]


@pytest.mark.parametrize("channel", ["edi", "api"])
def test_a_pair_no_loaded_crosswalk_can_judge_pends_the_claim_in_both_channels(channel):
    ctx = context(crosswalks=crosswalks(asp_loaded=False))
    decision = decided(brief_claim(), channel, ctx)
    assert (decision.status, decision.line_statuses) == ("PENDED", {1: "PAYABLE", 2: "PENDED"})
    assert decision.accepted  # accepted into adjudication: the 277CA says A2
    assert [(r.code, r.severity, r.line) for r in decision.reasons] == [("NDC_CROSSWALK_NOT_LOADED", "pend", 2)]
    assert decision.awaiting == ("ASP#2026Q2",)


def test_payable_when_the_loaded_crosswalks_settle_the_pair():
    decision = decided(brief_claim(), "api")
    assert (decision.status, decision.line_statuses, decision.awaiting) == (
        "ACCEPTED", {1: "PAYABLE", 2: "PAYABLE"}, ())


def test_a_denial_on_a_pended_line_wins():
    ctx = context(crosswalks=crosswalks(asp_loaded=False))
    claim = replace_drug(brief_claim(), 2, quantity=Decimal("0"))
    decision = decided(claim, "api", ctx)
    assert (decision.status, decision.line_statuses) == ("ACCEPTED", {1: "PAYABLE", 2: "DENIED"})
    assert [r.code for r in decision.reasons] == ["NDC_QUANTITY_INVALID"]


def test_a_claim_level_reject_rejects_a_claim_that_would_pend():
    ctx = context(crosswalks=crosswalks(asp_loaded=False))
    decision = decided(replace(brief_claim(), frequency_code="5"), "edi", ctx)
    assert decision.status == "REJECTED" and not decision.accepted


def test_a_stored_decision_reads_back_equal():
    ctx = context(crosswalks=crosswalks(asp_loaded=False, pdac_loaded=False))
    for claim in (brief_claim(), BAD_NDC):
        decision = decided(claim, "api", ctx)
        assert ClaimDecision.from_dict(decision.to_dict()) == decision


def test_edi_rejection_lists_claim_and_ndc_reasons_together():
    claim = replace(BAD_NDC, diagnoses=())
    assert [r.code for r in decided(claim, "edi").reasons] == ["DIAGNOSIS_MISSING", "NDC_INVALID_FORMAT"]
    assert [r.code for r in decided(claim, "api").reasons] == ["DIAGNOSIS_MISSING"]


def test_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="channel must be 'api' or 'edi'"):
        decided(brief_claim(), "portal")


def test_to_dict_shape():
    out = decided(BAD_NDC, "api").to_dict()
    assert out["status"] == "ACCEPTED"
    assert out["lineStatuses"] == {"1": "PAYABLE", "2": "DENIED"}
    assert out["reasons"][0] == {
        "code": "NDC_INVALID_FORMAT",
        "message": out["reasons"][0]["message"],
        "severity": "deny",
        "carc": "16",
        "rarc": "M119",
        "line": 2,
        "ndc": "5024206101",
        "hcpcs": "J9035",
        "dos": date(2026, 4, 10).isoformat(),
    }
