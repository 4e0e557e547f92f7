"""Query-string parsing with the same 400 envelope as bodies."""

from __future__ import annotations

import re
from datetime import date

from chalicelib.errors import ApiError


def params(blueprint) -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})


def optional_date(query: dict, name: str) -> str | None:
    value = query.get(name)
    if value is None:
        return None
    try:
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
