"""Bounded field types for request contracts: every number, date and string has a size before it is used.

Numbers are checked as text before they become Decimals. Decimal("1e999999999") is cheap to hold,
but formatting it for storage writes a billion digits: one 2 KB request once took the API from
0.5 GB to 8 GB. So a number sent as a string must be plain digits with an optional sign and decimal
point (no exponent), and its size is checked again as a Decimal (JSON numbers arrive as Decimals
already bounded by the JSON reader, chalicelib/json_body.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

MAX_NUMBER_TEXT = 32
_PLAIN_DECIMAL = re.compile(r"-?(?:\d{1,20}(?:\.\d{0,20})?|\.\d{1,20})")
_CCYYMMDD = re.compile(r"\d{8}")


def _plain_number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_TEXT or not _PLAIN_DECIMAL.fullmatch(text):
            raise ValueError("must be a number written with digits and an optional decimal point, e.g. 125.50")
        return text
    return value


def _ccyymmdd(value: Any) -> Any:
    """An X12 date: exactly eight digits CCYYMMDD (strptime alone reads 2026024 as 2026-02-04)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _CCYYMMDD.fullmatch(value.strip()):
        try:
            return datetime.strptime(value.strip(), "%Y%m%d").date()
        except ValueError:
            pass
    raise ValueError("must be a date written YYYYMMDD, e.g. 20260410")


# A claim or line charge: at most 10 integer digits and 2 decimals, never negative.
Money = Annotated[Decimal, BeforeValidator(_plain_number),
                  Field(ge=0, max_digits=12, decimal_places=2, allow_inf_nan=False)]
# Service units and NDC quantities: at most 15 digits (the X12 R 1/15 element), never negative.
Quantity = Annotated[Decimal, BeforeValidator(_plain_number), Field(ge=0, max_digits=15, allow_inf_nan=False)]
X12Date = Annotated[date, BeforeValidator(_ccyymmdd)]


def text(max_length: int) -> Any:
    """An optional string of at most max_length characters (the TR3 element's maximum)."""
    return Annotated[str, Field(max_length=max_length)]


def required_text(max_length: int) -> Any:
    return Annotated[str, Field(min_length=1, max_length=max_length)]


# For strings with no TR3 maximum of their own: long enough for any real value, short enough that a
# claim of the TR3's largest size stays far below DynamoDB's 400 KB item limit.
GENERIC_MAX_TEXT = 256
