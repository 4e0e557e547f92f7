"""How documents for people write money and dates: $6,400.00 and April 10, 2026, never 6400 or
2026-04-10 (those are for machines: JSON, X12, CSV)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation


def money(value: Decimal | str | int | float | None) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def long_date(value: date | str | None) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day:%B} {day.day}, {day.year}"


def short_date(value: date | str | None) -> str:
    """For table columns: 04/10/2026, as Maine's paper forms write dates."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.month:02d}/{day.day:02d}/{day.year}"
