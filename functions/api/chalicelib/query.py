"""Query-string parsing with the same 400 envelope as bodies."""

from __future__ import annotations

import re
from datetime import date

from chalicelib.errors import ApiError
from mainecare import clock
from mainecare.services.dated_rules import first_day_of_rules

# date.fromisoformat also reads 20260204 and 2026-W06-3; the API's dates are YYYY-MM-DD only.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def params(blueprint) -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})


def query_param(blueprint, name: str) -> str | None:
    """One query parameter, stripped; None when absent or blank."""
    value = params(blueprint).get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def calendar_date_param(blueprint, name: str) -> date | None:
    """?name=YYYY-MM-DD as a plain calendar date (a birth date: no rule range applies); None when absent."""
    text = query_param(blueprint, name)
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # fromisoformat alone would take 20260410 too
        raise ApiError(400, "DATE_INVALID", f"{name} must be YYYY-MM-DD.")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ApiError(400, "DATE_INVALID", f"{name} must be YYYY-MM-DD.") from error


def date_param(blueprint, name: str = "date") -> date:
    """?date=YYYY-MM-DD, today (Maine) when absent; never before the program's rules begin."""
    on = calendar_date_param(blueprint, name)
    if on is None:
        return clock.today()
    first = first_day_of_rules()
    if on < first:
        raise ApiError(400, "DATE_OUT_OF_RANGE", f"{name} must be {first.isoformat()} or later (up to "
                       f"{date.max.isoformat()}): the program's rules begin on {first.isoformat()}.")
    return on


def month_param(blueprint, name: str = "month") -> str:
    """?month=YYYY-MM (required), never before the month the program's rules begin."""
    text = query_param(blueprint, name)
    if text is None:
        raise ApiError(400, "MONTH_MISSING", f"Send ?{name}=YYYY-MM.")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ApiError(400, "MONTH_INVALID", f"{name} must be YYYY-MM.")
    first = first_day_of_rules()
    if text < f"{first:%Y-%m}":  # same-width digits: text order is month order (and 0000 is no year)
        raise ApiError(400, "DATE_OUT_OF_RANGE", f"{name} must be {first:%Y-%m} or later (up to 9999-12): "
                       f"the program's rules begin on {first.isoformat()}.")
    return text


def optional_date(query: dict, name: str) -> str | None:
    value = query.get(name)
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(name)
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise ApiError(400, "INVALID_QUERY", f"{name} must be a date YYYY-MM-DD.") from error


def one_of(query: dict, name: str, allowed: frozenset[str]) -> str | None:
    value = query.get(name)
    if value is not None and value.upper() not in allowed:
        raise ApiError(400, "INVALID_QUERY", f"{name} must be one of {', '.join(sorted(allowed))}.")
    return value.upper() if value else None


def quarter(query: dict) -> str:
    value = (query.get("quarter") or "").upper()
    if not re.fullmatch(r"\d{4}Q[1-4]", value):
        raise ApiError(400, "INVALID_QUERY", "quarter must look like 2026Q2.")
    return value


PAGE_DEFAULT, PAGE_MAX = 100, 500


def page_params(blueprint) -> tuple[int, str | None]:
    """?limit= (1 to 500, default 100) and ?next_token= (as a previous page answered it)."""
    text = query_param(blueprint, "limit")
    if text is None:
        limit = PAGE_DEFAULT
    elif not text.isdigit() or not 1 <= int(text) <= PAGE_MAX:
        raise ApiError(400, "INVALID_QUERY", f"limit must be a whole number from 1 to {PAGE_MAX}.")
    else:
        limit = int(text)
    return limit, query_param(blueprint, "next_token")
