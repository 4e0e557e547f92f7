"""What the Health Home blueprints share: service refusals as API errors."""

from __future__ import annotations

import contextlib

from chalicelib.errors import ApiError
from mainecare.domain.policy import PolicyNotInEffect
from mainecare.services.health_homes.common import HealthHomeError


@contextlib.contextmanager
def service_errors():
    try:
        yield
    except HealthHomeError as error:
        raise ApiError(error.status, error.code, error.message) from error
    except PolicyNotInEffect as error:  # a date in the body before the rules it is judged by begin
        first = error.first_effective.isoformat() if error.first_effective else "the first rule"
        raise ApiError(400, "DATE_OUT_OF_RANGE", f"The dates in this request must be {first} or later: "
                       "no rule is in effect before then.") from error
