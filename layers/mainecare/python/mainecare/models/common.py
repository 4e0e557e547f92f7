"""Contracts shared by every route: the error envelope and error details."""

from __future__ import annotations

from pydantic import ConfigDict

from mainecare.models.base import ApiModel


class ErrorDetail(ApiModel):
    code: str
    message: str
    candidates: list[str] | None = None


class ErrorBody(ApiModel):
    code: str
    message: str
    details: list[dict] | None = None


class ErrorEnvelope(ApiModel):
    """Every 4xx and 5xx answer: {"error": {"code": "...", "message": "..."}}."""

    error: ErrorBody


class StrictRequest(ApiModel):
    """Unknown fields are refused, so a misspelt field name is a 400, not a silent default. A string
    field without a maximum of its own is capped too, so no request can grow a stored item unbounded."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=2000)
