"""Builds the OpenAPI 3.1 document from the route declarations and the pydantic contracts."""

from __future__ import annotations

from pydantic.json_schema import models_json_schema

from chalicelib.routing import ROUTES
from mainecare.models.common import ErrorEnvelope

REF = "#/components/schemas/{model}"
ERROR_TEXT = {
    400: "The request is malformed or fails the contract",
    401: "No token, or a token that fails verification",
    403: "The caller lacks the permission this route needs",
    404: "Not found, or not the caller's trading partner's",
    409: "Conflicts with the current state (already decided, idempotency key reused)",
    413: "The body is larger than the API reads (2 MB), or a claim too large to store in one record",
    422: "Well-formed but refused by the rules (e.g. a claim failing claim-level edits); details list why",
    500: "Unexpected failure (logged with a correlation id)",
}


def _schemas() -> dict[tuple, dict]:
    models = {ErrorEnvelope}
    for spec in ROUTES:
        models.add(spec.response_model)
        if spec.request_model:
            models.add(spec.request_model)
    pairs = [(m, mode) for m in sorted(models, key=lambda m: m.__name__)
             for mode in ("validation", "serialization")]
    refs, definitions = models_json_schema(pairs, ref_template=REF)
    return refs, definitions.get("$defs", {})


def _operation(spec, refs) -> dict:
    content = {"application/json": {"schema": refs[(spec.response_model, "serialization")]}}
    for media_type in spec.content_types[1:]:
        content[media_type] = {"schema": {"type": "string", "format": "binary"}}
    responses = {str(spec.status): {"description": "Created" if spec.status == 201 else "OK",
                                    "content": content}}
    for status in spec.errors:
        responses[str(status)] = {"description": ERROR_TEXT[status], "content": {"application/json": {
            "schema": refs[(ErrorEnvelope, "serialization")]}}}
    operation = {
        "operationId": f"{spec.method.lower()}_{spec.path.strip('/').replace('/', '_').replace('-', '_')}"
        .replace("{", "").replace("}", "").replace(".", "_"),
        "summary": spec.summary,
        "tags": [spec.tag],
        "responses": responses,
        "security": [{"bearerAuth": []}] if spec.permission else [],
    }
    if spec.permission:
        operation["x-permission"] = " or ".join((spec.permission, *spec.also))
    params = [p.strip("{}") for p in spec.path.split("/") if p.startswith("{")]
    if params:
        operation["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                                   for p in params]
    if spec.request_model:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": refs[(spec.request_model, "validation")]}}}
    return operation


def openapi_document() -> dict:
    import chalicelib.blueprints  # noqa: F401  (declaring the routes fills ROUTES)

    refs, definitions = _schemas()
    paths: dict[str, dict] = {}
    for spec in sorted(ROUTES, key=lambda s: (s.path, s.method)):
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "MaineCare Serverless API",
            "version": "1.0.0",
            "description": "Claims intake, NDC validation and Health Home services for MaineCare "
                           "trading partners. Send a Cognito ID token as a bearer token. Every error "
                           "answers {\"error\": {\"code\", \"message\"}}.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": definitions,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                               "description": "Cognito ID token (username = e-mail)"}},
        },
    }
