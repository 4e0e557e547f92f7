"""Contract of the unauthenticated health route."""

from __future__ import annotations

from mainecare.models.base import ApiModel


class ReferenceVersions(ApiModel):
    asp: list[str]
    pdac: str | None


class HealthResponse(ApiModel):
    status: str
    reference: ReferenceVersions
