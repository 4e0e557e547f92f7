"""What the Health Home blueprints share: service refusals as API errors."""

from __future__ import annotations

import contextlib

from chalicelib.errors import ApiError
from mainecare.services.health_home_common import HealthHomeError


@contextlib.contextmanager
def service_errors():
    try:
        yield
    except HealthHomeError as error:
        raise ApiError(error.status, error.code, error.message) from error
