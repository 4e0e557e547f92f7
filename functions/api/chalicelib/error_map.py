"""The one place a domain refusal becomes an HTTP answer: kind -> status, same envelope for all."""

from __future__ import annotations

from chalicelib.errors import ApiError
from mainecare.domain.errors import DomainError

STATUS_BY_KIND = {
    "INVALID": 400,
    "UNAUTHENTICATED": 401,
    "NOT_ALLOWED": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "TOO_LARGE": 413,
    "REFUSED": 422,
}


def api_error(error: DomainError) -> ApiError:
    return ApiError(STATUS_BY_KIND[error.kind], error.code, error.message, error.details)
