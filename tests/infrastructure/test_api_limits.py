"""The numbers behind the API's limits hold: the body cap fits the largest legal claim, and the
Content-Length rule's regular expression matches exactly the sizes above the cap (no synthesis)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infra.api_limits import (
    API_GATEWAY_BODY_LIMIT_BYTES,
    MAX_REQUEST_BODY_BYTES,
    PER_IP_LIMIT,
    PER_IP_WINDOW_SECONDS,
    STAGE_BURST_LIMIT,
    STAGE_RATE_LIMIT,
    decimal_above,
)
from mainecare.models.claims_json import ClaimRequest

ROOT = Path(__file__).resolve().parents[2]
INSTITUTIONAL_MAX_LINES = 999  # TR3 837I loop 2400 repeat
WAF_BODY_INSPECTION_MAX = 64 * 1024  # the most WAF can inspect of an API Gateway body
COMMON_RULE_SET_BODY_LIMIT = 8 * 1024  # AWSManagedRulesCommonRuleSet SizeRestrictions_BODY


def _full_line(number: int) -> dict:
    """A drug line with every optional field the request layout carries, at its TR3 length."""
    return {
        "assignedNumber": str(number), "serviceDate": "20260410", "serviceDateEnd": "20260411",
        "institutionalService": {
            "serviceLineRevenueCode": "0636", "procedureIdentifier": "HC", "procedureCode": "J9035",
            "procedureModifiers": ["JW", "JZ", "59", "XU"], "description": "X" * 80,
            "lineItemChargeAmount": "9999999.99", "measurementUnit": "UN", "serviceUnitCount": "99999.999",
        },
        "drugIdentification": {
            "serviceIdQualifier": "N4", "nationalDrugCode": "50242006101", "nationalDrugUnitCount": "9999999.999",
            "measurementUnitCode": "ML", "linkSequenceNumber": "L" * 50, "pharmacyPrescriptionNumber": "P" * 50,
        },
        "renderingProvider": {"npi": "1234567893"},
    }


def largest_institutional_claim() -> dict:
    claim = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
    info = claim["claimInformation"]
    info["placeOfServiceCode"] = "13"  # 837I: facility type code
    info["claimDateInformation"] = {"statementBeginDate": "20260401", "statementEndDate": "20260430"}
    info["healthCareCodeInformation"] = [{"diagnosisTypeCode": "ABK", "diagnosisCode": "C189"}] + [
        {"diagnosisTypeCode": "ABF", "diagnosisCode": "Z5111"}] * 11
    info["serviceLines"] = [_full_line(n) for n in range(1, INSTITUTIONAL_MAX_LINES + 1)]
    return claim


def test_the_largest_legal_claim_fits_under_the_body_cap_even_pretty_printed():
    claim = largest_institutional_claim()
    request = ClaimRequest.model_validate(claim)  # it is a claim the API accepts, not just a big document
    assert len(request.claimInformation.serviceLines) == INSTITUTIONAL_MAX_LINES
    compact = len(json.dumps(claim, separators=(",", ":")).encode())
    pretty = len(json.dumps(claim, indent=2).encode())
    assert compact < pretty < MAX_REQUEST_BODY_BYTES < API_GATEWAY_BODY_LIMIT_BYTES
    # Why the cap is a Content-Length rule and the common rule set's body size rule is only counted:
    assert compact > WAF_BODY_INSPECTION_MAX > COMMON_RULE_SET_BODY_LIMIT


def test_per_ip_rate_is_a_fraction_of_the_stage_rate_and_the_burst_covers_the_steady_rate():
    assert PER_IP_WINDOW_SECONDS in (60, 120, 300, 600)  # the windows WAF offers
    assert PER_IP_LIMIT / PER_IP_WINDOW_SECONDS < STAGE_RATE_LIMIT <= STAGE_BURST_LIMIT
    assert PER_IP_LIMIT >= 10  # WAF's minimum for a rate-based rule


@pytest.mark.parametrize("limit", [0, 7, 9, 10, 99, 100, 1234567, 2_000_000, MAX_REQUEST_BODY_BYTES])
def test_decimal_above_matches_exactly_the_larger_integers_near_the_limit(limit):
    pattern = re.compile(decimal_above(limit))
    near = {limit + d for d in range(-12, 13)} | {10 ** k + d for k in range(9) for d in (-1, 0, 1)}
    for value in sorted(n for n in near if n >= 0):
        assert bool(pattern.match(str(value))) == (value > limit), value
        assert bool(pattern.match("00" + str(value))) == (value > limit), value


@given(st.integers(min_value=0, max_value=10**12))
def test_decimal_above_the_body_cap_agrees_with_integer_comparison(value):
    assert bool(re.match(decimal_above(MAX_REQUEST_BODY_BYTES), str(value))) == (value > MAX_REQUEST_BODY_BYTES)


@pytest.mark.parametrize("text", ["", "abc", "-5000000", "2000001.0", "2 000 001", "+2000001"])
def test_decimal_above_never_matches_what_is_not_a_plain_decimal(text):
    assert re.match(decimal_above(10), text) is None
