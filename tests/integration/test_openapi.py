"""The OpenAPI document comes from the app itself; the committed copy must match it."""

from __future__ import annotations

import json
from pathlib import Path

import chalicelib.blueprints  # noqa: F401 (declaring the routes fills ROUTES)
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


def test_the_document_passes_openapi_spec_validator():
    from openapi_spec_validator import validate

    validate(json.loads(json.dumps(openapi_document())))


def test_every_declared_query_parameter_and_header_is_in_the_document():
    document = openapi_document()
    for spec in ROUTES:
        parameters = document["paths"][spec.path][spec.method.lower()].get("parameters", [])
        assert [p["name"] for p in parameters if p["in"] == "query"] == list(spec.query), spec.path
        assert [p["name"] for p in parameters if p["in"] == "header"] == list(spec.headers), spec.path
    claims = document["paths"]["/v1/claims"]
    assert {p["name"] for p in claims["get"]["parameters"]} >= {"limit", "next_token", "status", "from", "to"}
    assert [p["name"] for p in claims["post"]["parameters"]] == ["Idempotency-Key"]
    assert 400 in {int(s) for s in document["paths"]["/v1/sites/{site_id}/panel"]["get"]["responses"]}


def test_file_answers_declare_their_media_types():
    paths = openapi_document()["paths"]
    assert set(paths["/v1/rebate-extract"]["get"]["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert set(paths["/v1/sites/{site_id}/reports/{report}"]["get"]["responses"]["200"]["content"]) == {
        "application/json", "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    pdf_only = [p for p, ops in paths.items() for op in ops.values()
                if set(op["responses"].get("200", {}).get("content", {})) == {"application/pdf"}]
    assert pdf_only  # a PDF-only route promises no JSON body
    assert paths["/docs"]["get"]["responses"]["200"]["content"]["text/html"]["schema"] == {"type": "string"}


def test_an_undeclared_query_parameter_is_refused_with_what_the_route_accepts(aws, api):
    response = api.http.get("/v1/claims?stauts=ACCEPTED", headers=aws.auth("biller@downeast.example"))
    body = json.loads(response.body)
    assert response.status_code == 400 and body["error"]["code"] == "UNKNOWN_QUERY_PARAMETER"
    assert "stauts" not in body["error"]["message"] and "next_token" in body["error"]["message"]
    assert api.http.get("/v1/health?x=1").status_code == 400
