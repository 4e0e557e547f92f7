"""The API's JSON reader: sizes are bounded before anything is built, and numbers are exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chalicelib.errors import ApiError
from chalicelib.json_body import MAX_DEPTH, MAX_NUMBER_TEXT, read_json


def _refusal(raw: bytes) -> tuple[int, str]:
    with pytest.raises(ApiError) as raised:
        read_json(raw)
    return raised.value.status, raised.value.code


def test_numbers_are_exact_decimals_and_integers():
    assert read_json(b'{"a": 0.1, "b": 12, "c": 1e3, "d": -2.50}') == {
        "a": Decimal("0.1"), "b": 12, "c": Decimal("1E+3"), "d": Decimal("-2.50")}


def test_the_longest_allowed_number_is_read_and_one_more_digit_is_refused():
    assert read_json(b"[" + b"9" * MAX_NUMBER_TEXT + b"]") == [int("9" * MAX_NUMBER_TEXT)]
    assert _refusal(b"[" + b"9" * (MAX_NUMBER_TEXT + 1) + b"]") == (400, "INVALID_JSON")


@pytest.mark.parametrize("literal", [b"1e41", b"1e-41", b"1e999999999", b"NaN", b"-Infinity"])
def test_numbers_out_of_range_are_refused(literal):
    assert _refusal(b'{"n": ' + literal + b"}") == (400, "INVALID_JSON")


def test_nesting_is_bounded_without_recursion():
    assert read_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH) is not None
    assert _refusal(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)) == (400, "INVALID_JSON")
    assert _refusal(b"[" * 100_000 + b"]" * 100_000) == (400, "INVALID_JSON")


@pytest.mark.parametrize("raw", [b'"\xff"', b'"\xed\xa0\x80"', b'{"\\udc00": 1}', b'["ok", "\\ud83d"]'])
def test_text_must_be_utf8_without_lone_surrogates(raw):
    assert _refusal(raw) == (400, "INVALID_JSON")


def test_a_surrogate_pair_is_a_character():
    assert read_json(b'"\\ud83d\\ude00"') == "\U0001F600"


def test_empty_and_oversized_bodies():
    assert _refusal(b"") == (400, "BODY_MISSING")
    assert _refusal(b" " * (2 * 1024 * 1024 + 1)) == (413, "BODY_TOO_LARGE")
