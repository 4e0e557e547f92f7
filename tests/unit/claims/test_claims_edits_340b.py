from dataclasses import replace
from datetime import date

import pytest

from mainecare.domain.claims.context import EditContext, Enrollment340B
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.edits_340b import is_340b_line
from mainecare.domain.claims.model import DateRange, OtherPayer, ServiceFacility
from tests.unit.claims.claims_fixtures import NO_MEMBERS, brief_claim, context, crosswalks, replace_line

BILLING = "1234567893"
SITE = "1558598797"


def enrolled(npi, site, dos):
    return Enrollment340B(npi, site, "DSH200001") if npi == BILLING else None


def not_enrolled(npi, site, dos):
    return None


def with_modifiers(*modifiers, claim=None):
    return replace_line(claim or brief_claim(), 2, modifiers=modifiers)


MEDICARE_FIRST = (OtherPayer("P", "MB", "00435", "MEDICARE B"),)


def findings(claim, ctx):
    return [f for f in run_edits(claim, ctx).line_findings[2] if f.code == "MODIFIER_340B_MISMATCH"]


@pytest.mark.parametrize(
    "provider, modifiers, other_payers, mismatch",
    [
        (enrolled, ("JG",), (), False),
        (enrolled, ("UC",), (), False),
        (enrolled, (), (), True),  # 340B site must say JG or UC
        (enrolled, ("TB",), (), True),  # TB only when secondary to Medicare
        (enrolled, ("TB",), MEDICARE_FIRST, False),
        (enrolled, ("JG",), MEDICARE_FIRST, False),
        (enrolled, ("JG", "UC"), (), True),  # contradiction
        (enrolled, (), MEDICARE_FIRST, True),
        (not_enrolled, ("JG",), (), True),  # claims 340B without enrolment at the site
        (not_enrolled, ("TB",), MEDICARE_FIRST, True),
        (not_enrolled, (), (), False),
        (not_enrolled, ("UC",), (), False),
    ],
)
def test_modifier_rules(provider, modifiers, other_payers, mismatch):
    claim = replace(with_modifiers(*modifiers), other_payers=other_payers)
    assert len(findings(claim, context(provider_340b=provider))) == int(mismatch)


def test_secondary_to_commercial_still_needs_jg_not_tb():
    commercial = (OtherPayer("P", "CI", "999", "ACME HEALTH"),)
    claim = replace(with_modifiers("TB"), other_payers=commercial)
    (f,) = findings(claim, context(provider_340b=enrolled))
    assert f.message == (
        "Line 2: TB is for claims secondary to Medicare; use JG when MaineCare is primary or "
        "secondary to commercial insurance."
    )


def test_warning_before_a_deny_policy_carries_n363_only():
    (f,) = findings(brief_claim(), context(provider_340b=enrolled))
    assert (f.severity, f.carc, f.rarc, f.line, f.hcpcs, f.ndc) == (
        "warn",
        None,
        "N363",
        2,
        "J9035",
        "50242006101",
    )
    assert f.message == (
        "Line 2: NPI 1234567893 is a 340B site at the billing address: a 340B drug line needs JG, "
        "or UC when the drug was not bought under 340B."
    )


POLICY = [
    {"effective_from": "2022-10-12", "value": {"mode": "warn"}},
    {"effective_from": "2026-07-01", "value": {"mode": "deny"}},
]


@pytest.mark.parametrize(
    "dos, severity, carc", [(date(2026, 6, 30), "warn", None), (date(2026, 7, 1), "deny", "4")]
)
def test_effective_dated_policy_switches_to_deny(dos, severity, carc):
    claim = replace_line(
        replace_line(brief_claim(), 1, service_dates=DateRange(dos)), 2, service_dates=DateRange(dos)
    )
    ctx = context(provider_340b=enrolled, modifier_340b_policy=POLICY, today=date(2026, 8, 1))
    (f,) = findings(claim, ctx)
    assert (f.severity, f.carc, f.rarc) == (severity, carc, "N363")


def test_dos_before_any_policy_version_only_warns():
    ctx = context(provider_340b=enrolled, modifier_340b_policy=POLICY[1:])
    assert findings(brief_claim(), ctx)[0].severity == "warn"


def test_bad_policy_mode_is_refused():
    with pytest.raises(ValueError, match="mode must be 'warn' or 'deny', not 'pend'"):
        EditContext(
            crosswalks(),
            date(2026, 4, 15),
            modifier_340b_policy=[{"effective_from": "2026-01-01", "value": {"mode": "pend"}}],
            member_coverage=NO_MEMBERS,
        )


def test_enrolment_is_asked_for_the_service_location_and_dos():
    calls = []

    def provider(npi, site, dos):
        calls.append((npi, site, dos))
        return None

    claim = replace(with_modifiers("JG"), service_facility=ServiceFacility(SITE, "INFUSION CENTER"))
    (f,) = findings(claim, context(provider_340b=provider))
    assert calls == [(BILLING, SITE, date(2026, 4, 10))]
    assert f.message == (
        "Line 2: modifier JG marks a 340B drug, but NPI 1234567893 is not a 340B site billing MaineCare at "
        "1558598797 on the date of service."
    )


def test_non_drug_lines_are_not_checked():
    assert run_edits(brief_claim(), context(provider_340b=enrolled)).line_findings[1] == []


ENROLMENT = Enrollment340B(BILLING, None)


@pytest.mark.parametrize(
    "modifiers, enrolment, expected",
    [
        (("JG",), ENROLMENT, True),
        ((), ENROLMENT, True),  # a carve-in site's drug is 340B unless it says UC
        (("UC",), ENROLMENT, False),
        (("JG",), None, True),  # says 340B: kept out even if HRSA does not list the site
        ((), None, False),
        (("UC",), None, False),
    ],
)
def test_is_340b_line_for_the_rebate_extract(modifiers, enrolment, expected):
    claim = with_modifiers(*modifiers)
    assert is_340b_line(claim, claim.line(2), enrolment) is expected


def test_line_without_ndc_is_never_in_the_rebate_extract():
    claim = brief_claim()
    assert is_340b_line(claim, claim.line(1), ENROLMENT) is False
