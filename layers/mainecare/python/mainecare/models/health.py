"""Contracts of the unauthenticated routes: health, the OpenAPI document and the docs pages."""

from __future__ import annotations

from pydantic import RootModel

from mainecare.models.base import ApiModel


class ReferenceVersions(ApiModel):
    asp: list[str]
    pdac: str | None


class HealthResponse(ApiModel):
    status: str
    reference: ReferenceVersions


class OpenApiDocument(RootModel[dict]):
    pass


class TextDocument(RootModel[str]):  # an HTML page or a script the docs page serves
    pass
