"""Contract of the unauthenticated health route."""

from __future__ import annotations

from pydantic import BaseModel


class ReferenceVersions(BaseModel):
    asp: list[str]
    pdac: str | None


class HealthResponse(BaseModel):
    status: str
    reference: ReferenceVersions
