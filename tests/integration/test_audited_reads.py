"""Every read of member data is audited: a route whose answer carries member data declares
audit_read (the API records who read what, when, from which partner, once it answered), unless its
service audits the read itself with a more specific entry."""

from __future__ import annotations

import json
from pathlib import Path

import chalicelib.blueprints  # noqa: F401 (declaring the routes fills ROUTES)
from chalicelib.routing import ROUTES

ROOT = Path(__file__).resolve().parents[2]
# Reads their services audit with a more specific entry (ELIGIBILITY_INQUIRY, DASHBOARD_VIEWED, ...).
AUDITED_IN_SERVICE = {("GET", "/v1/members/{member_id}/eligibility"),
                      ("GET", "/v1/members/{member_id}/health-home-eligibility"),
                      ("GET", "/v1/sites/{site_id}/dashboard"), ("GET", "/v1/member-requests/{request_id}/letter"),
                      ("GET", "/v1/members/me/claims-history")}


def _carries_member_data(spec) -> bool:
    schema = json.dumps(spec.response_model.model_json_schema())
    return any(name in schema for name in ('"member_id"', '"memberId"', '"members"'))


def test_every_read_answering_member_data_is_audited():
    unaudited = sorted((s.method, s.path) for s in ROUTES if s.method == "GET" and _carries_member_data(s)
                       and not s.audit_read and (s.method, s.path) not in AUDITED_IN_SERVICE)
    assert unaudited == [], f"declare audit_read=True (or audit in the service): {unaudited}"
    assert sum(1 for s in ROUTES if s.audit_read) >= 10


def test_a_claim_read_is_recorded_with_the_reader_and_their_partner(loaded, api):
    biller = loaded.auth("biller@downeast.example")
    claim = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
    stored = json.loads(api.http.post("/v1/claims", headers=biller, body=json.dumps(claim)).body)
    assert api.http.get(f"/v1/claims/{stored['claim_id']}", headers=biller).status_code == 200
    staff = loaded.auth("staff@mainecare.example")
    trail = json.loads(api.http.get("/v1/admin/audit?user=biller@downeast.example", headers=staff).body)["entries"]
    reads = [e for e in trail if e["action"] == "READ"]
    assert reads[-1]["entity"] == f"CLAIM#{stored['claim_id']}" and reads[-1]["actor_partner"] == "DOWNEAST"
    assert reads[-1]["details"]["route"] == "/v1/claims/{claim_id}"
    other = loaded.auth("admin@pinetree.example")
    assert api.http.get(f"/v1/claims/{stored['claim_id']}", headers=other).status_code == 404
    trail = json.loads(api.http.get("/v1/admin/audit?user=admin@pinetree.example", headers=staff).body)["entries"]
    assert not [e for e in trail if e["action"] == "READ"]  # a refused read answered nothing, so records nothing
