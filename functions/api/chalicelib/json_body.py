"""Reads a request body as JSON with every size bounded before anything is built from it.

Python's json module on its own builds whatever it is sent: a float from 1e999999999 (inf), an
integer of 4,300 digits (and a ValueError past that), lists nested until the interpreter's
recursion limit, strings holding lone surrogates that DynamoDB cannot store. Fuzzing found each of
those answering 500 or swelling the server's memory. Here the body must be UTF-8 of a bounded size,
every number is at most MAX_NUMBER_TEXT characters with a bounded exponent and arrives as a Decimal
(never a float: nothing is rounded), nesting is at most MAX_DEPTH, and every string is valid Unicode.
Messages say what is wrong, never what was sent.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from chalicelib.errors import ApiError

MAX_BODY_BYTES = 2 * 1024 * 1024  # a 999-line institutional claim is well under this
MAX_NUMBER_TEXT = 32
MAX_EXPONENT = 40  # |adjusted exponent|: 1e40 and 1e-40 are the extremes any field could mean
MAX_DEPTH = 32
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _NumberRefused(ValueError):
    """Raised inside json.loads by the number hooks; never carries the literal."""


def _integer(literal: str) -> int:
    if len(literal) > MAX_NUMBER_TEXT:
        raise _NumberRefused
    return int(literal)


def _decimal(literal: str) -> Decimal:
    if len(literal) > MAX_NUMBER_TEXT:
        raise _NumberRefused
    try:
        value = Decimal(literal)
    except InvalidOperation:
        raise _NumberRefused from None
    if not value.is_finite() or (value and abs(value.adjusted()) > MAX_EXPONENT):
        raise _NumberRefused
    return value


def _constant(_literal: str) -> Any:
    raise _NumberRefused  # NaN, Infinity, -Infinity are not JSON


def _invalid(message: str) -> ApiError:
    return ApiError(400, "INVALID_JSON", message)


def _check_shape(document: Any) -> None:
    """Depth and string checks without recursion, so no input can exhaust the stack here."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            if depth > MAX_DEPTH:
                raise _invalid(f"The body is nested more than {MAX_DEPTH} levels deep.")
            for key, item in value.items():
                _check_text(key)
                pending.append((item, depth + 1))
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                raise _invalid(f"The body is nested more than {MAX_DEPTH} levels deep.")
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_text(value)


def _check_text(value: str) -> None:
    if not value.isascii() and _LONE_SURROGATE.search(value):
        raise _invalid("The body holds a \\u escape that is not a Unicode character (a lone surrogate).")


def read_json(raw: bytes | None) -> Any:
    """The parsed body, or ApiError: 400 BODY_MISSING / INVALID_JSON, 413 BODY_TOO_LARGE."""
    if not raw:
        raise ApiError(400, "BODY_MISSING", "Send a JSON request body.")
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(413, "BODY_TOO_LARGE", f"The body is larger than {MAX_BODY_BYTES // 1024} KB.")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise _invalid("The body is not valid UTF-8 text.") from None
    try:
        document = json.loads(text, parse_int=_integer, parse_float=_decimal, parse_constant=_constant)
    except _NumberRefused:
        raise _invalid(f"A number in the body is longer than {MAX_NUMBER_TEXT} characters or out of "
                       "range (NaN and Infinity are not JSON).") from None
    except RecursionError:
        raise _invalid(f"The body is nested more than {MAX_DEPTH} levels deep.") from None
    except json.JSONDecodeError as error:
        # error.msg is the json module's fixed description ("Expecting value"), never the input.
        raise _invalid(f"The body is not valid JSON: {error.msg}.") from None
    _check_shape(document)
    return document
