"""The OpenAPI document comes from the app itself; the committed copy must match it."""

from __future__ import annotations

import json
from pathlib import Path

from chalicelib.openapi import openapi_document
from chalicelib.routing import ROUTES

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_document_matches_the_code():
    generated = json.loads(json.dumps(openapi_document(), sort_keys=True))
    assert json.loads(COMMITTED.read_text()) == generated, (
        "docs/openapi.json drifted from the routes: run `make openapi` and commit the result")


def test_every_chalice_route_is_declared_and_documented(api):
    from local.handlers import load_module

    app = load_module("api").app
    served = {(path, method) for path, methods in app.routes.items() for method in methods}
    declared = {(spec.path, spec.method) for spec in ROUTES}
    assert served == declared
    document = openapi_document()
    assert {(p, m.upper()) for p, ops in document["paths"].items() for m in ops} == served


def test_protected_routes_declare_bearer_security_and_error_answers():
    document = openapi_document()
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    validate = document["paths"]["/v1/ndc/validate"]["post"]
    assert validate["security"] == [{"bearerAuth": []}]
    assert validate["x-permission"] == "ndc:validate"
    assert {"200", "400", "401", "403", "500"} <= set(validate["responses"])
    assert document["paths"]["/v1/health"]["get"]["security"] == []


def test_served_document_equals_the_generated_one(aws, api):
    response = api.http.get("/v1/openapi.json")
    assert response.status_code == 200
    assert json.loads(response.body) == json.loads(json.dumps(openapi_document()))
