"""FDA's final rule (BRIEF section 1): every NDC is 12 digits 6-4-2 from 2033-03-07, and an existing
NDC converts by a leading zero on its labeler code. The switch is policy (ndc_format), by date of
service: a 12-digit NDC is refused the day before and accepted on the day."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.model import DateRange
from mainecare.domain.ndc import (
    ELEVEN_DIGIT_ONLY,
    NDC_FORMAT_POLICY,
    TWELVE_DIGIT_ACCEPTED,
    formats_on,
    normalize_ndc,
)
from mainecare.stores.policy import policy_versions
from tests.unit.claims.claims_fixtures import brief_claim, context, replace_drug, replace_line

SWITCH = date(2033, 3, 7)
DAY_BEFORE = date(2033, 3, 6)


def test_the_shipped_policy_switches_on_the_fda_date_of_service():
    versions = policy_versions(NDC_FORMAT_POLICY)
    assert formats_on(versions, DAY_BEFORE) == ELEVEN_DIGIT_ONLY
    assert formats_on(versions, SWITCH) == TWELVE_DIGIT_ACCEPTED
    assert formats_on((), SWITCH) == ELEVEN_DIGIT_ONLY  # no policy given: today's rule


def test_before_the_switch_twelve_digits_are_refused_with_the_date():
    for value in ("012345678901", "012345-6789-01"):
        parsed = normalize_ndc(value)
        assert not parsed.format_valid
        assert "2033-03-07" in parsed.errors[0].message


@pytest.mark.parametrize(("value", "ndc12", "ndc11"), [
    ("012345678901", "012345678901", "12345678901"),      # a converted NDC keeps its 11-digit form
    ("012345-6789-01", "012345678901", "12345678901"),
    ("123456-7890-12", "123456789012", None),              # a new 6-digit labeler has none
    ("00703-5145-01", "000703514501", "00703514501"),     # 11 digits still name one product
])
def test_from_the_switch_the_six_four_two_form_is_read(value, ndc12, ndc11):
    parsed = normalize_ndc(value, formats=TWELVE_DIGIT_ACCEPTED)
    assert (parsed.format_valid, parsed.ndc12, parsed.ndc11) == (True, ndc12, ndc11)
    assert parsed.billing_ndc == (ndc11 or ndc12)


def test_a_twelve_digit_value_in_another_layout_is_still_refused():
    assert not normalize_ndc("1234-56789-012", formats=TWELVE_DIGIT_ACCEPTED).format_valid
    assert not normalize_ndc("1234567890123", formats=TWELVE_DIGIT_ACCEPTED).format_valid


def _drug_line_codes(ndc: str, dos: date) -> list[str]:
    on = DateRange(dos)
    claim = replace_line(replace_line(brief_claim(), 2, service_dates=on), 1, service_dates=on)
    claim = replace_drug(claim, 2, ndc_raw=ndc)
    ctx = context(today=date(2033, 6, 1), ndc_format_policy=policy_versions(NDC_FORMAT_POLICY))
    return [f.code for f in run_edits(claim, ctx).line_findings[2]]


def test_a_claim_line_with_a_twelve_digit_ndc_denies_the_day_before_the_switch():
    assert "NDC_INVALID_FORMAT" in _drug_line_codes("050242006101", DAY_BEFORE)


def test_a_claim_line_with_a_twelve_digit_ndc_is_read_from_the_switch():
    found = _drug_line_codes("050242006101", SWITCH)
    assert "NDC_INVALID_FORMAT" not in found
    assert found == ["NDC_CROSSWALK_NOT_LOADED"]  # then checked like any NDC (no 2033 crosswalk loaded)
