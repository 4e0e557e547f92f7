"""Unauthenticated routes: health and the API's own description."""

from __future__ import annotations

from chalice import Blueprint
from pydantic import RootModel

from chalicelib.routing import api_route
from mainecare.models.health import HealthResponse
from mainecare.services.reference.index import current_index

public = Blueprint(__name__)


class OpenApiDocument(RootModel[dict]):
    pass


@api_route(public, "/v1/health", "GET", summary="Liveness and the loaded reference data versions",
           tag="Health", permission=None, response_model=HealthResponse)
def health():
    return HealthResponse(status="ok", reference=current_index().versions())


@api_route(public, "/v1/openapi.json", "GET", summary="This API's OpenAPI 3.1 document", tag="Health",
           permission=None, response_model=OpenApiDocument)
def openapi():
    from chalicelib.openapi import openapi_document  # built on demand: keeps cold starts lean

    return OpenApiDocument(openapi_document())


