"""Unauthenticated routes: health and the API's own description."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred
from chalicelib.routing import api_route

openapi_document = deferred("chalicelib.openapi", "openapi_document")  # built on demand
HealthResponse, OpenApiDocument = deferred("mainecare.models.health", "HealthResponse", "OpenApiDocument")
current_index = deferred("mainecare.services.reference.index", "current_index")

public = Blueprint(__name__)


@api_route(public, "/v1/health", "GET", summary="Liveness and the loaded reference data versions",
           tag="Health", permission=None, response_model=HealthResponse)
def health():
    return HealthResponse(status="ok", reference=current_index().versions())


@api_route(public, "/v1/openapi.json", "GET", summary="This API's OpenAPI 3.1 document", tag="Health",
           permission=None, response_model=OpenApiDocument)
def openapi():
    return OpenApiDocument(openapi_document())


