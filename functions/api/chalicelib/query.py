"""Query-string parsing with the same 400 envelope as bodies."""

from __future__ import annotations

import re
from datetime import date

from chalicelib.errors import ApiError
from mainecare.services import clock

# date.fromisoformat also reads 20260204 and 2026-W06-3; the API's dates are YYYY-MM-DD only.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def params(blueprint) -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})


def query_param(blueprint, name: str) -> str | None:
    """One query parameter, stripped; None when absent or blank."""
    value = params(blueprint).get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def date_param(blueprint, name: str = "date") -> date:
    """?date=YYYY-MM-DD, today (Maine) when absent."""
    text = query_param(blueprint, name)
    if text is None:
        return clock.today()
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(name)
        return date.fromisoformat(text)
    except ValueError as error:
        raise ApiError(400, "DATE_INVALID", f"{name} must be YYYY-MM-DD.") from error


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
