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


DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# Every query parameter a route may declare (routing.api_route(query=...)): its schema and meaning.
QUERY_PARAMETERS = {
    "from": (DATE, "First day of the range (YYYY-MM-DD), inclusive"),
    "to": (DATE, "Last day of the range (YYYY-MM-DD), inclusive"),
    "date": (DATE, "The day the answer is for (YYYY-MM-DD); default today in Maine"),
    "date_of_birth": (DATE, "The member's birth date, which must match the member id"),
    "last_name": ({"type": "string", "maxLength": 128}, "The member's last name, which must match the member id"),
    "month": ({"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}, "A month, YYYY-MM"),
    "quarter": ({"type": "string", "pattern": r"^\d{4}Q[1-4]$"}, "A calendar quarter, e.g. 2026Q2"),
    "format": ({"type": "string"}, "The answer's format (json, and pdf, csv or xlsx where the route offers it)"),
    "status": ({"type": "string"}, "Only items with this status (values in the route's summary)"),
    "member": ({"type": "string", "maxLength": 128}, "Only this member's items"),
    "box": ({"type": "string", "enum": ["INBOX", "SENT"], "default": "INBOX"}, "Messages to the site or sent by it"),
    "user": ({"type": "string", "maxLength": 128}, "A user's e-mail (or system:<job>)"),
    "trading_partner": ({"type": "string", "maxLength": 128},
                        "Program staff only: the trading partner whose items to list (others: their own)"),
    "limit": ({"type": "integer", "minimum": 1, "maximum": 500, "default": 100}, "Items per page"),
    "next_token": ({"type": "string", "maxLength": 2048}, "The previous page's next_token; omit for the first"),
}
HEADERS = {
    "Idempotency-Key": ({"type": "string", "pattern": r"^[A-Za-z0-9_:.\-]{8,128}$"},
                        "A retry with the same key and body answers the first result (Idempotent-Replayed: "
                        "true) instead of storing the claim twice; the same key with another body answers 409"),
}


def _parameters(spec) -> list[dict]:
    path = [{"name": p.strip("{}"), "in": "path", "required": True, "schema": {"type": "string"}}
            for p in spec.path.split("/") if p.startswith("{")]
    query = [{"name": name, "in": "query", "required": False, "schema": QUERY_PARAMETERS[name][0],
              "description": QUERY_PARAMETERS[name][1]} for name in spec.query]
    headers = [{"name": name, "in": "header", "required": False, "schema": HEADERS[name][0],
                "description": HEADERS[name][1]} for name in spec.headers]
    return path + query + headers


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
    content = {media_type: {"schema": refs[(spec.response_model, "serialization")]} if media_type == "application/json"
               else {"schema": {"type": "string"} if media_type.startswith("text/")
                     else {"type": "string", "format": "binary"}}
               for media_type in spec.content_types}
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
    parameters = _parameters(spec)
    if parameters:
        operation["parameters"] = parameters
    if spec.request_model:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": refs[(spec.request_model, "validation")]}}}
    return operation


def openapi_document() -> dict:
    """The document of every route declared so far: importing the app (or chalicelib.blueprints)
    declares them all. Not imported from here: the document is itself a route of the app."""
    if not ROUTES:
        raise RuntimeError("no route is declared yet: import the app (or chalicelib.blueprints) first")
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
