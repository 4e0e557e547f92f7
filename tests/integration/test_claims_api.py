"""JSON claims through the real routes: the API's NDC rule (deny the line, keep the claim)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "events" / "api" / "claim_professional.json").read_text())
BILLER = "biller@downeast.example"


def _claim(**line_overrides) -> dict:
    claim = copy.deepcopy(SAMPLE)
    claim["claimInformation"]["serviceLines"][1]["drugIdentification"].update(line_overrides)
    return claim


def _post(api, aws, path, payload, email=BILLER, headers=None):
    response = api.http.post(path, headers={**aws.auth(email), **(headers or {})}, body=json.dumps(payload))
    return response


def test_a_clean_claim_is_accepted_stored_and_readable(loaded, api):
    response = _post(api, loaded, "/v1/claims", SAMPLE)
    assert response.status_code == 201
    outcome = json.loads(response.body)
    assert outcome["status"] == "ACCEPTED"
    assert [(line["line"], line["status"]) for line in outcome["lines"]] == [(1, "PAYABLE"), (2, "PAYABLE")]
    stored = api.http.get(f"/v1/claims/{outcome['claim_id']}", headers=loaded.auth(BILLER))
    assert stored.status_code == 200
    detail = json.loads(stored.body)
    assert detail["patient_control_number"] == "PCN0001"
    assert detail["claim"]["claimInformation"]["serviceLines"][1]["drugIdentification"]["nationalDrugCode"] == \
        "50242006101"


def test_a_bad_ndc_denies_only_its_line_through_the_api(loaded, api):
    outcome = json.loads(_post(api, loaded, "/v1/claims", _claim(nationalDrugCode="5024206101")).body)
    assert outcome["status"] == "ACCEPTED"
    assert [(line["line"], line["status"]) for line in outcome["lines"]] == [(1, "PAYABLE"), (2, "DENIED")]
    assert outcome["lines"][1]["reasons"][0]["code"] == "NDC_INVALID_FORMAT"


def test_a_pair_on_neither_crosswalk_denies_the_line(loaded, api):
    outcome = json.loads(_post(api, loaded, "/v1/claims", _claim(nationalDrugCode="00703514501")).body)
    assert [(line["line"], line["status"]) for line in outcome["lines"]] == [(1, "PAYABLE"), (2, "DENIED")]
    assert outcome["lines"][1]["reasons"][0]["code"] == "NDC_HCPCS_PAIR_INVALID"


def test_validate_runs_the_edits_and_stores_nothing(loaded, api):
    response = _post(api, loaded, "/v1/claims/validate", _claim(nationalDrugCode="5024206101"))
    assert response.status_code == 200
    assert json.loads(response.body)["claim_id"] is None
    listed = json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)
    assert listed == {"claims": [], "count": 0, "next_token": None}


def test_claim_level_failure_is_422_and_stores_nothing(loaded, api):
    claim = copy.deepcopy(SAMPLE)
    claim["providers"][0]["npi"] = "1234567890"  # fails the NPI check digit
    response = _post(api, loaded, "/v1/claims", claim)
    assert response.status_code == 422
    error = json.loads(response.body)["error"]
    assert error["code"] == "CLAIM_REJECTED"
    assert "NPI" in json.dumps(error["details"])
    assert json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)["count"] == 0


def test_idempotency_key_returns_the_first_answer(loaded, api):
    headers = {"Idempotency-Key": "retry-0001-abcdef"}
    first = _post(api, loaded, "/v1/claims", SAMPLE, headers=headers)
    second = _post(api, loaded, "/v1/claims", SAMPLE, headers=headers)
    assert first.status_code == second.status_code == 201
    assert json.loads(first.body) == json.loads(second.body)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)["count"] == 1
    changed = _post(api, loaded, "/v1/claims", _claim(nationalDrugCode="50242006001"), headers=headers)
    assert changed.status_code == 409
    assert json.loads(changed.body)["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_another_partners_claim_answers_404(loaded, api):
    claim_id = json.loads(_post(api, loaded, "/v1/claims", SAMPLE).body)["claim_id"]
    response = api.http.get(f"/v1/claims/{claim_id}", headers=loaded.auth("admin@pinetree.example"))
    assert response.status_code == 404
    staff = api.http.get(f"/v1/claims/{claim_id}", headers=loaded.auth("staff@mainecare.example"))
    assert staff.status_code == 200


def test_claims_list_filters_by_status_and_member(loaded, api):
    _post(api, loaded, "/v1/claims", SAMPLE)
    listed = json.loads(api.http.get("/v1/claims?status=ACCEPTED&member=A12345678",
                                     headers=loaded.auth(BILLER)).body)
    assert listed["count"] == 1
    assert json.loads(api.http.get("/v1/claims?member=B00000000", headers=loaded.auth(BILLER)).body)["count"] == 0
    bad = api.http.get("/v1/claims?status=MAYBE", headers=loaded.auth(BILLER))
    assert bad.status_code == 400


def test_staff_see_a_members_history(loaded, api):
    _post(api, loaded, "/v1/claims", SAMPLE)
    history = api.http.get("/v1/members/A12345678/claims", headers=loaded.auth("staff@mainecare.example"))
    assert json.loads(history.body)["count"] == 1
    assert api.http.get("/v1/members/A12345678/claims", headers=loaded.auth(BILLER)).status_code == 403


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_rebate_extract_leaves_out_340b_lines(loaded, api, fmt):
    from datetime import date

    from mainecare.stores import providers

    _post(api, loaded, "/v1/claims", SAMPLE)
    providers.put_340b("1234567893", None, date(2020, 1, 1))
    claim_340b = copy.deepcopy(SAMPLE)
    claim_340b["claimInformation"]["patientControlNumber"] = "PCN0002"
    claim_340b["claimInformation"]["serviceLines"][1]["professionalService"]["procedureModifiers"] = ["JG"]
    _post(api, loaded, "/v1/claims", claim_340b)
    response = api.http.get(f"/v1/rebate-extract?quarter=2026Q2&format={fmt}",
                            headers=loaded.auth("staff@mainecare.example"))
    assert response.status_code == 200
    if fmt == "csv":
        assert response.body.decode().splitlines() == ["ndc11,ndc_unit,lines,hcpcs_units,ndc_quantity",
                                                      "50242006101,ML,1,40,16"]
    else:
        body = json.loads(response.body)
        assert body["excluded_340b_lines"] == 1
        assert body["ndcs"] == [{"ndc11": "50242006101", "ndc_unit": "ML", "lines": 1, "hcpcs_units": "40",
                                 "ndc_quantity": "16"}]


def _interpreter_claim(pcn: str, service_date: str) -> dict:
    claim = copy.deepcopy(SAMPLE)
    info = claim["claimInformation"]
    info["patientControlNumber"], info["claimChargeAmount"] = pcn, "40"
    info["serviceLines"] = [{"assignedNumber": "1", "serviceDate": service_date, "professionalService": {
        "procedureIdentifier": "HC", "procedureCode": "T1013", "lineItemChargeAmount": "40",
        "measurementUnit": "UN", "serviceUnitCount": "4",
        "compositeDiagnosisCodePointers": {"diagnosisCodePointers": [1]}}}]
    return claim


def test_an_interpreter_claim_is_paid_with_a_stored_service_claim_of_the_same_day(loaded, api):
    """Seed 003 q48: interpreter bills are "usually submitted with a claim for the accompanying
    service"; the accompanying claim may be a separate claim from the same provider."""
    alone = json.loads(_post(api, loaded, "/v1/claims", _interpreter_claim("PCN-INT-0", "20260410")).body)
    assert [line["status"] for line in alone["lines"]] == ["DENIED"]
    assert alone["lines"][0]["reasons"][0]["code"] == "INTERPRETER_WITHOUT_SERVICE"
    assert _post(api, loaded, "/v1/claims", SAMPLE).status_code == 201  # the service, 2026-04-10
    same_day = json.loads(_post(api, loaded, "/v1/claims", _interpreter_claim("PCN-INT-1", "20260410")).body)
    other_day = json.loads(_post(api, loaded, "/v1/claims", _interpreter_claim("PCN-INT-2", "20260409")).body)
    assert [line["status"] for line in same_day["lines"]] == ["PAYABLE"]
    assert [line["status"] for line in other_day["lines"]] == ["DENIED"]



def test_the_list_pages_every_claim_exactly_once(loaded, api):
    """Issue 15: lists stopped at 500; every list pages with limit and next_token, newest first."""
    import base64

    for n in range(7):
        claim = copy.deepcopy(SAMPLE)
        claim["claimInformation"]["patientControlNumber"] = f"PAGE{n}"
        assert _post(api, loaded, "/v1/claims", claim).status_code == 201
    seen, token, pages = [], None, 0
    while True:
        url = "/v1/claims?limit=3" + (f"&next_token={token}" if token else "")
        body = json.loads(api.http.get(url, headers=loaded.auth(BILLER)).body)
        seen += [c["patient_control_number"] for c in body["claims"]]
        pages, token = pages + 1, body["next_token"]
        if token is None:
            break
    assert sorted(seen) == [f"PAGE{n}" for n in range(7)] and pages >= 3
    # A token cut for another partner's list (or made up) is refused, never followed.
    forged = base64.urlsafe_b64encode(json.dumps({"pk": "CLAIM#x", "sk": "CLAIM", "gsi1pk": "TP#KATAHDIN",
                                                  "gsi1sk": "9999"}).encode()).decode()
    for bad in (forged, "not-base64!!", "e30"):
        response = api.http.get(f"/v1/claims?next_token={bad}", headers=loaded.auth(BILLER))
        assert response.status_code == 400 and json.loads(response.body)["error"]["code"] == "NEXT_TOKEN_INVALID"
    assert api.http.get("/v1/claims?limit=0", headers=loaded.auth(BILLER)).status_code == 400
    assert api.http.get("/v1/claims?limit=501", headers=loaded.auth(BILLER)).status_code == 400
