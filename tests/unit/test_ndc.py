import pytest

from mainecare.domain.errors import RuleError
from mainecare.domain.ndc import (
    format_ndc_542,
    hcpcs_error,
    normalize_hcpcs,
    normalize_ndc,
    ten_digit_candidates,
)


def test_mainecare_example_with_hyphens():
    parsed = normalize_ndc("00703-5145-01")
    assert parsed.ndc11 == "00703514501"
    assert parsed.errors == ()
    assert parsed.format_valid is True
    assert parsed.resolved_by_reference is False


@pytest.mark.parametrize(
    "raw, ndc11",
    [
        ("0002-7597-01", "00002759701"),  # 4-4-2: zero in front of the labeler
        ("50242-060-01", "50242006001"),  # 5-3-2: zero in front of the product
        ("60575-4112-1", "60575411201"),  # 5-4-1: zero in front of the package
        ("00703-5145-01", "00703514501"),  # 5-4-2 as is
        ("00703514501", "00703514501"),  # bare 11 digits as is
        ("  50242-0061-01 \t", "50242006101"),  # surrounding whitespace
    ],
)
def test_brief_conversion_table(raw, ndc11):
    parsed = normalize_ndc(raw)
    assert parsed.ndc11 == ndc11
    assert parsed.format_valid is True


def test_raw_value_is_kept_verbatim():
    assert normalize_ndc(" 0002-7597-01 ").raw == " 0002-7597-01 "


def test_ndc_is_a_string_with_leading_zeros():
    parsed = normalize_ndc("0002-7597-01")
    assert isinstance(parsed.ndc11, str)
    assert parsed.ndc11.startswith("000")


def test_ten_digit_candidates_in_layout_order():
    assert ten_digit_candidates("5024206001") == ("05024206001", "50242006001", "50242060001")


def test_ten_digit_without_reference_is_ambiguous():
    parsed = normalize_ndc("5024206001")
    assert parsed.ndc11 is None
    assert parsed.format_valid is False
    (error,) = parsed.errors
    assert error.code == "NDC_AMBIGUOUS"
    assert error.candidates == ("05024206001", "50242006001", "50242060001")
    for reading in ("05024206001 (4-4-2)", "50242006001 (5-3-2)", "50242060001 (5-4-1)"):
        assert reading in error.message


def test_ten_digit_resolved_when_exactly_one_reading_is_known():
    parsed = normalize_ndc("5024206001", is_known=lambda ndc: ndc == "50242006001")
    assert parsed.ndc11 == "50242006001"
    assert parsed.resolved_by_reference is True
    assert parsed.format_valid is True


def test_ten_digit_with_two_known_readings_stays_ambiguous_and_lists_them():
    known = {"05024206001", "50242060001"}
    parsed = normalize_ndc("5024206001", is_known=known.__contains__)
    (error,) = parsed.errors
    assert error.code == "NDC_AMBIGUOUS"
    assert error.candidates == ("05024206001", "50242060001")
    assert parsed.ndc11 is None


def test_ten_digit_with_no_known_reading_offers_all_three():
    parsed = normalize_ndc("5024206001", is_known=lambda ndc: False)
    (error,) = parsed.errors
    assert error.code == "NDC_AMBIGUOUS"
    assert error.candidates == ("05024206001", "50242006001", "50242060001")
    assert "no reading is in the reference files" in error.message


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_missing(raw):
    (error,) = normalize_ndc(raw).errors
    assert error.code == "NDC_MISSING"


def test_letters_are_not_numeric():
    (error,) = normalize_ndc("00703-51X5-01").errors
    assert error.code == "NDC_NOT_NUMERIC"
    assert "asterisk" not in error.message


def test_asterisk_is_explained_as_label_placeholder():
    (error,) = normalize_ndc("0002-*7597-01").errors
    assert error.code == "NDC_NOT_NUMERIC"
    assert "asterisk is a label placeholder" in error.message


@pytest.mark.parametrize("raw", ["00703-514501", "00703--5145-01", "-00703-5145-01", "0070-3-5145-01"])
def test_hyphenated_needs_three_non_empty_segments(raw):
    (error,) = normalize_ndc(raw).errors
    assert error.code == "NDC_BAD_SEGMENTS"


@pytest.mark.parametrize("raw, layout", [("0070-514-01", "4-3-2"), ("00703-5145-001", "5-4-3")])
def test_other_segment_layouts_are_named(raw, layout):
    (error,) = normalize_ndc(raw).errors
    assert error.code == "NDC_BAD_SEGMENTS"
    assert f"segment layout {layout}" in error.message


def test_hyphenated_twelve_digit_layout_mentions_2033():
    (error,) = normalize_ndc("000703-5145-01").errors
    assert error.code == "NDC_BAD_SEGMENTS"
    assert "6-4-2" in error.message
    assert "2033-03-07" in error.message


def test_twelve_digits_only_from_2033():
    (error,) = normalize_ndc("000703514501").errors
    assert error.code == "NDC_WRONG_LENGTH"
    assert "12-digit 6-4-2 NDCs are only accepted from 2033-03-07 (FDA final rule)" in error.message


@pytest.mark.parametrize("raw", ["123456789", "1234567890123"])
def test_other_lengths(raw):
    parsed = normalize_ndc(raw)
    (error,) = parsed.errors
    assert error.code == "NDC_WRONG_LENGTH"
    assert f"{len(raw)} digits" in error.message


def test_error_dict_shape():
    error = normalize_ndc("5024206001").errors[0]
    assert set(error.to_dict()) == {"code", "message", "candidates"}
    assert RuleError("X", "y").to_dict() == {"code": "X", "message": "y"}


def test_format_ndc_542():
    assert format_ndc_542("00703514501") == "00703-5145-01"
    with pytest.raises(ValueError):
        format_ndc_542("0703514501")


@pytest.mark.parametrize("code", ["J9035", "j9035", " q5105 ", "96413", "0001F", "0075t"])
def test_hcpcs_accepted(code):
    assert hcpcs_error(code) is None


def test_normalize_hcpcs_uppercases():
    assert normalize_hcpcs(" j9035 ") == "J9035"
    assert normalize_hcpcs("0075t") == "0075T"


@pytest.mark.parametrize("code", [None, "", "J903", "J90355", "JJ035", "9641", "00703514501", "J-9035"])
def test_hcpcs_invalid(code):
    error = hcpcs_error(code)
    assert error is not None
    assert error.code == "HCPCS_INVALID"
