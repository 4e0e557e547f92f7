"""What the Health Home blueprints share: service refusals as API errors, query parameters."""

from __future__ import annotations

import contextlib
from datetime import date

from chalicelib.errors import ApiError
from mainecare.services import clock
from mainecare.services.health_home_common import HealthHomeError


@contextlib.contextmanager
def service_errors():
    try:
        yield
    except HealthHomeError as error:
        raise ApiError(error.status, error.code, error.message) from error


def query_param(blueprint, name: str) -> str | None:
    params = blueprint.current_request.query_params or {}
    value = params.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def date_param(blueprint, name: str = "date") -> date:
    """?date=YYYY-MM-DD, today (Maine) when absent."""
    text = query_param(blueprint, name)
    if text is None:
        return clock.today()
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ApiError(400, "DATE_INVALID", f"{name} must be YYYY-MM-DD.") from error
