"""The utilization-management edits on a claim: a code on the list needs an approved authorization
with units; a drug off the rebate list needs a prior authorization naming its NDC; a claim needing
none never reads the member's authorizations (one query per claim of a 100k-claim file would cost
more than the file)."""

from __future__ import annotations

from datetime import date

from mainecare.domain.authorizations.model import Authorization, ServiceRequest, decide
from mainecare.domain.claims.edits import run_edits
from tests.unit.claims.claims_fixtures import BRIEF_MEMBER, brief_claim, context, replace_line


def _approved(code: str, code_set: str = "HCPCS", units: int = 1) -> Authorization:
    asked = Authorization("PA-1", "PRIOR_AUTHORIZATION", "DOWNEAST", BRIEF_MEMBER, "1234567893", "1234567893",
                          (ServiceRequest(code_set, code, units),), date(2026, 4, 1), date(2026, 4, 30), ())
    return decide(asked, "APPROVE")


def _codes(result, line: int) -> list[str]:
    return [f.code for f in result.line_findings[line]]


def test_a_claim_needing_no_authorization_never_reads_any():
    def must_not_read(member_id):
        raise AssertionError("read the member's authorizations")

    result = run_edits(brief_claim(), context(authorizations_for=must_not_read,
                                              authorization_required=lambda code, dos: False,
                                              on_rebate_list=lambda ndc, dos: True))
    assert result.draws == []


def test_a_listed_code_denies_without_an_authorization_and_draws_with_one():
    claim = brief_claim()
    first = claim.lines[0]
    needs = {"code": first.procedure_code}
    required = context(authorization_required=lambda code, dos: code == needs["code"],
                       authorizations_for=lambda member_id: ())
    assert "AUTHORIZATION_REQUIRED" in _codes(run_edits(claim, required), first.line_number)
    covered = context(authorization_required=lambda code, dos: code == needs["code"],
                      authorizations_for=lambda member_id: (_approved(first.procedure_code, units=5),))
    result = run_edits(claim, covered)
    assert "AUTHORIZATION_REQUIRED" not in _codes(result, first.line_number)
    assert [(d.line_number, d.authorization_id) for d in result.draws] == [(first.line_number, "PA-1")]


def test_a_drug_off_the_rebate_list_denies_unless_its_ndc_is_prior_authorized():
    claim = brief_claim()
    drug = next(line for line in claim.lines if line.drug)
    ndc = "".join(ch for ch in drug.drug.ndc_raw if ch.isdigit())
    off = context(on_rebate_list=lambda code, dos: False, authorizations_for=lambda member_id: ())
    assert "NDC_NOT_ON_REBATE_LIST" in _codes(run_edits(claim, off), drug.line_number)
    authorized = context(on_rebate_list=lambda code, dos: False,
                         authorizations_for=lambda member_id: (_approved(ndc, "NDC", units=100),))
    assert "NDC_NOT_ON_REBATE_LIST" not in _codes(run_edits(claim, authorized), drug.line_number)
    unknown = context(on_rebate_list=lambda code, dos: None, authorizations_for=lambda member_id: ())
    assert "NDC_NOT_ON_REBATE_LIST" not in _codes(run_edits(claim, unknown), drug.line_number)


def test_an_ndc_another_edit_found_wrong_is_not_judged_against_the_rebate_list_too():
    claim = brief_claim()
    drug = next(line for line in claim.lines if line.drug)
    wrong = replace_line(claim, drug.line_number, procedure_code="J1234")  # the pair is on no crosswalk
    result = run_edits(wrong, context(on_rebate_list=lambda code, dos: False, authorizations_for=lambda m: ()))
    assert "NDC_HCPCS_PAIR_INVALID" in _codes(result, drug.line_number)
    assert "NDC_NOT_ON_REBATE_LIST" not in _codes(result, drug.line_number)
