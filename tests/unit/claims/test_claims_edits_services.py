from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.claims.context import LicenseStatus
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.model import DateRange, ServiceLine
from tests.unit.claims.claims_fixtures import brief_claim, context, replace_line

DOS = date(2026, 4, 10)
RENDERING = "1558598797"


def licence(status, expires=None):
    return lambda npi, day: LicenseStatus("MD12345", status, expires)


def licence_codes(claim, lookup):
    result = run_edits(claim, context(license_status=lookup))
    return {
        n: [f.code for f in fs if f.code == "RENDERING_LICENSE_INACTIVE"]
        for n, fs in result.line_findings.items()
    }


def test_licence_expired_before_dos_denies_every_line():
    result = run_edits(brief_claim(), context(license_status=licence("Active", date(2026, 4, 9))))
    (f,) = result.line_findings[1]
    assert (f.code, f.severity, f.carc, f.rarc, f.dos) == (
        "RENDERING_LICENSE_INACTIVE",
        "deny",
        "B7",
        None,
        DOS,
    )
    assert f.message == (
        "Line 1: rendering provider NPI 1234567893 licence MD12345 is 'Active', expired 2026-04-09; "
        "it is not active on the date of service 2026-04-10."
    )
    assert [x.code for x in result.line_findings[2]] == ["RENDERING_LICENSE_INACTIVE"]


@pytest.mark.parametrize(
    "lookup, denied",
    [
        (licence("Active", date(2026, 4, 10)), False),  # expiry day is still licensed
        (licence("Active"), False),
        (licence("ACTIVE", date(2027, 1, 1)), False),
        (licence("Revoked"), True),
        (licence("Expired", date(2026, 12, 31)), True),
        (lambda npi, day: None, False),  # unknown to the ALMS sync: never deny
    ],
)
def test_licence_status_on_dos(lookup, denied):
    assert licence_codes(brief_claim(), lookup)[1] == (["RENDERING_LICENSE_INACTIVE"] if denied else [])


def test_line_rendering_provider_is_the_one_checked():
    asked = []

    def lookup(npi, day):
        asked.append((npi, day))
        return LicenseStatus("MD9", "Expired") if npi == RENDERING else None

    claim = replace_line(brief_claim(), 2, rendering_npi=RENDERING)
    assert licence_codes(claim, lookup) == {1: [], 2: ["RENDERING_LICENSE_INACTIVE"]}
    # one lookup per provider and day, shared by the lines of the claim
    assert asked == [("1234567893", DOS), (RENDERING, DOS)]


def test_licence_expiring_inside_a_date_range_denies_on_the_last_day():
    claim = replace_line(brief_claim(), 1, service_dates=DateRange(date(2026, 4, 8), DOS))
    result = run_edits(claim, context(license_status=licence("Active", date(2026, 4, 9))))
    (f,) = result.line_findings[1]
    assert f.dos == DOS


def interpreter_claim(*codes):
    lines = tuple(
        ServiceLine(n, "HC", code, Decimal("20"), Decimal("4"), service_dates=DateRange(DOS))
        for n, code in enumerate(codes, start=1)
    )
    return replace(brief_claim(), lines=lines, total_charge=Decimal(20 * len(codes)))


def interpreter_codes(claim, cct=False):
    result = run_edits(claim, context(is_community_care_team=lambda npi: cct))
    return {n: [f.code for f in fs] for n, fs in result.line_findings.items()}


def test_interpreter_alone_is_denied_for_non_cct():
    result = run_edits(interpreter_claim("T1013"), context())
    (f,) = result.line_findings[1]
    assert (f.code, f.severity, f.carc, f.rarc, f.hcpcs) == (
        "INTERPRETER_WITHOUT_SERVICE",
        "deny",
        "107",
        None,
        "T1013",
    )
    assert f.message == (
        "Line 1: interpreter services (T1013) are paid with the service they support; no service from this "
        "billing provider on this date of service is on this claim or on a claim already received. Bill them "
        "with or after that service. Only a Community Care Team may bill them alone."
    )


def test_interpreter_alone_is_paid_when_a_stored_claim_of_the_same_provider_and_day_accompanies_it():
    """Seed 003 q48: "These bills are usually submitted with a claim for the accompanying service";
    that claim may be a separate one."""
    asked = []

    def stored(member_id, npi, dos, codes):
        asked.append((npi, dos))
        return npi == "1234567893" and dos == DOS

    result = run_edits(interpreter_claim("T1013"), context(has_accompanying_claim=stored))
    assert result.line_findings == {1: []}
    assert asked == [("1234567893", DOS)]
    other_day = replace(interpreter_claim("T1013"), lines=(replace(interpreter_claim("T1013").lines[0],
                                                                     service_dates=DateRange(date(2026, 4, 9))),))
    assert [f.code for f in run_edits(other_day, context(has_accompanying_claim=stored)).line_findings[1]] == [
        "INTERPRETER_WITHOUT_SERVICE"]


def test_the_interpreter_code_is_policy():
    from mainecare.stores.policy import policy_value

    assert policy_value("interpreter_services", DOS)["codes"] == ["T1013"]


def test_cct_may_bill_interpreter_alone():
    assert interpreter_codes(interpreter_claim("T1013"), cct=True) == {1: []}


def test_interpreter_with_another_service_passes():
    assert interpreter_codes(interpreter_claim("99213", "T1013")) == {1: [], 2: []}


def test_two_interpreter_lines_do_not_accompany_each_other():
    assert interpreter_codes(interpreter_claim("T1013", "T1013")) == {
        1: ["INTERPRETER_WITHOUT_SERVICE"],
        2: ["INTERPRETER_WITHOUT_SERVICE"],
    }


def test_interpreter_code_set_is_configurable():
    result = run_edits(interpreter_claim("T1013"), context(interpreter_codes=frozenset({"T1014"})))
    assert result.line_findings == {1: []}


def test_malformed_procedure_code_denies_line():
    result = run_edits(replace_line(brief_claim(), 1, procedure_code="9641"), context())
    (f,) = result.line_findings[1]
    assert (f.code, f.carc, f.rarc, f.hcpcs) == ("PROCEDURE_CODE_INVALID", "16", "M51", "9641")
