"""NDC-J code combination requests: a partner asks, staff decide, an approved pair validates."""

from __future__ import annotations

import json

STAFF = "staff@mainecare.example"
BILLER = "biller@downeast.example"
# On neither demo crosswalk (see events/reference/README.md): 12345678904 is PDAC-listed with J7613 only.
PAIR = {"ndc": "12345-6789-04", "hcpcs": "J9035"}


def _post(api, aws, path, payload, email):
    response = api.http.post(path, headers=aws.auth(email), body=json.dumps(payload))
    return response.status_code, json.loads(response.body)


def _validate(api, aws, dos):
    return _post(api, aws, "/v1/ndc/validate", {**PAIR, "date_of_service": dos}, BILLER)[1]


def test_approved_pair_becomes_a_third_source_from_its_effective_date(loaded, api):
    assert _validate(api, loaded, "2026-05-01")["pair_valid"] is False
    status, created = _post(api, loaded, "/v1/ndc/combination-requests",
                            {**PAIR, "reason": "Manufacturer relabel; billed under J9035 since April"}, BILLER)
    assert status == 201
    assert (created["ndc11"], created["hcpcs"], created["status"]) == ("12345678904", "J9035", "PENDING")
    status, decided = _post(api, loaded, f"/v1/ndc/combination-requests/{created['request_id']}/decision",
                            {"decision": "APPROVED", "effective_from": "2026-04-01"}, STAFF)
    assert status == 200 and decided["status"] == "APPROVED"
    body = _validate(api, loaded, "2026-05-01")
    assert body["pair_valid"] is True
    assert body["matched"] == [{"source": "APPROVED", "version": "2026-04-01"}]
    assert _validate(api, loaded, "2025-12-15")["pair_valid"] is False  # before its effective date


def test_a_request_is_decided_once(loaded, api):
    _, created = _post(api, loaded, "/v1/ndc/combination-requests", {**PAIR, "reason": "please"}, BILLER)
    path = f"/v1/ndc/combination-requests/{created['request_id']}/decision"
    assert _post(api, loaded, path, {"decision": "DENIED", "note": "not a J9035 drug"}, STAFF)[0] == 200
    status, body = _post(api, loaded, path, {"decision": "APPROVED"}, STAFF)
    assert status == 409 and body["error"]["code"] == "ALREADY_DECIDED"


def test_partners_cannot_decide_and_see_only_their_own_requests(loaded, api):
    _, created = _post(api, loaded, "/v1/ndc/combination-requests", {**PAIR, "reason": "please"}, BILLER)
    status, _ = _post(api, loaded, f"/v1/ndc/combination-requests/{created['request_id']}/decision",
                      {"decision": "APPROVED"}, BILLER)
    assert status == 403
    other = json.loads(api.http.get("/v1/ndc/combination-requests",
                                    headers=loaded.auth("admin@pinetree.example")).body)
    assert other == {"requests": [], "next_token": None}
    staff = json.loads(api.http.get("/v1/ndc/combination-requests", headers=loaded.auth(STAFF)).body)
    assert [r["request_id"] for r in staff["requests"]] == [created["request_id"]]


def test_bad_ndc_in_a_request_is_a_specific_400(loaded, api):
    status, body = _post(api, loaded, "/v1/ndc/combination-requests",
                         {"ndc": "5024206001", "hcpcs": "J9035", "reason": "please"}, BILLER)
    assert status == 400 and body["error"]["code"] == "NDC_AMBIGUOUS"


def test_unknown_request_is_404(loaded, api):
    status, _ = _post(api, loaded, "/v1/ndc/combination-requests/nope/decision", {"decision": "DENIED"}, STAFF)
    assert status == 404
