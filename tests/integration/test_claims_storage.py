"""Claims through the real routes: idempotency keys over their whole life, and claims of any legal size."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import boto3

from mainecare.config import settings

SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "events" / "api" / "claim_professional.json").read_text())
BILLER = "biller@downeast.example"


def _post(api, aws, payload, key=None):
    headers = {**aws.auth(BILLER), **({"Idempotency-Key": key} if key else {})}
    return api.http.post("/v1/claims", headers=headers, body=json.dumps(payload))


def _claims_listed(api, aws) -> list[dict]:
    return json.loads(api.http.get("/v1/claims", headers=aws.auth(BILLER)).body)["claims"]


def _idempotency_records() -> list[dict]:
    return boto3.client("dynamodb").scan(TableName=settings().table("Idempotency"))["Items"]


def _expire_idempotency_records() -> None:
    table = settings().table("Idempotency")
    for item in _idempotency_records():
        boto3.client("dynamodb").update_item(TableName=table, Key={"id": item["id"]},
                                             UpdateExpression="SET expiration = :past",
                                             ExpressionAttributeValues={":past": {"N": "1"}})


def _with_pcn(pcn: str) -> dict:
    claim = copy.deepcopy(SAMPLE)
    claim["claimInformation"]["patientControlNumber"] = pcn
    return claim


def test_a_new_body_after_the_key_expired_is_a_new_claim(loaded, api):
    first = _post(api, loaded, _with_pcn("PCN-FIRST"), key="expiring-key-0001")
    assert first.status_code == 201
    _expire_idempotency_records()
    second = _post(api, loaded, _with_pcn("PCN-SECOND"), key="expiring-key-0001")
    assert second.status_code == 201
    assert "Idempotent-Replayed" not in second.headers
    first_id, second_id = json.loads(first.body)["claim_id"], json.loads(second.body)["claim_id"]
    assert first_id != second_id
    assert sorted(c["patient_control_number"] for c in _claims_listed(api, loaded)) == ["PCN-FIRST", "PCN-SECOND"]


def test_the_same_body_after_the_key_expired_is_still_one_claim(loaded, api):
    first = json.loads(_post(api, loaded, SAMPLE, key="expiring-key-0002").body)
    _expire_idempotency_records()
    again = _post(api, loaded, SAMPLE, key="expiring-key-0002")
    assert again.status_code == 201
    assert json.loads(again.body)["claim_id"] == first["claim_id"]
    assert len(_claims_listed(api, loaded)) == 1


def test_a_retry_after_a_request_died_mid_way_stores_the_claim_once(loaded, api):
    first = json.loads(_post(api, loaded, SAMPLE, key="dying-request-01").body)
    # The first request stored its claim but its idempotency record was lost (the function died
    # before completing it and the lock ran out): the retry runs again and finds the same claim id.
    table = settings().table("Idempotency")
    for item in _idempotency_records():
        boto3.client("dynamodb").delete_item(TableName=table, Key={"id": item["id"]})
    retry = _post(api, loaded, SAMPLE, key="dying-request-01")
    assert retry.status_code == 201
    assert json.loads(retry.body)["claim_id"] == first["claim_id"]
    assert len(_claims_listed(api, loaded)) == 1


def test_a_key_still_in_progress_answers_409(loaded, api):
    table = settings().table("Idempotency")
    _post(api, loaded, SAMPLE, key="in-progress-key1")
    (record,) = _idempotency_records()
    boto3.client("dynamodb").update_item(
        TableName=table, Key={"id": record["id"]}, UpdateExpression="SET #s = :p, in_progress_expiration = :later",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":p": {"S": "INPROGRESS"}, ":later": {"N": "99999999999999"}})
    response = _post(api, loaded, SAMPLE, key="in-progress-key1")
    assert response.status_code == 409
    assert json.loads(response.body)["error"]["code"] == "IDEMPOTENCY_IN_PROGRESS"


def test_a_rejected_claim_frees_its_key_for_the_corrected_one(loaded, api):
    bad = copy.deepcopy(SAMPLE)
    bad["providers"][0]["npi"] = "1234567890"  # fails the NPI check digit: 422, nothing stored
    assert _post(api, loaded, bad, key="corrected-later-1").status_code == 422
    fixed = _post(api, loaded, SAMPLE, key="corrected-later-1")
    assert fixed.status_code == 201
    assert len(_claims_listed(api, loaded)) == 1


def _institutional_claim_with_drug_lines(count: int) -> dict:
    claim = copy.deepcopy(SAMPLE)
    template = claim["claimInformation"]["serviceLines"][1]
    service = template.pop("professionalService")
    del service["compositeDiagnosisCodePointers"]
    template["institutionalService"] = {"serviceLineRevenueCode": "0636", **service}
    lines = []
    for number in range(1, count + 1):
        line = copy.deepcopy(template)
        line["assignedNumber"] = str(number)
        lines.append(line)
    claim["claimInformation"]["serviceLines"] = lines
    claim["claimInformation"]["claimChargeAmount"] = str(Decimal(service["lineItemChargeAmount"]) * count)
    return claim


def test_a_claim_with_hundreds_of_drug_lines_is_stored_whole(loaded, api):
    response = _post(api, loaded, _institutional_claim_with_drug_lines(300))
    assert response.status_code == 201, response.body
    outcome = json.loads(response.body)
    assert len(outcome["lines"]) == 300 and {line["status"] for line in outcome["lines"]} == {"PAYABLE"}
    detail = json.loads(api.http.get(f"/v1/claims/{outcome['claim_id']}", headers=loaded.auth(BILLER)).body)
    assert len(detail["claim"]["claimInformation"]["serviceLines"]) == 300
    extract = json.loads(api.http.get("/v1/rebate-extract?quarter=2026Q2",
                                      headers=loaded.auth("staff@mainecare.example")).body)
    assert [(n["ndc11"], n["lines"], n["hcpcs_units"]) for n in extract["ndcs"]] == [("50242006101", 300, "12000")]


def test_a_claim_too_large_to_store_answers_413_and_stores_nothing(loaded, api, monkeypatch):
    from mainecare.stores import claims as claim_store

    monkeypatch.setattr(claim_store, "MAX_BODY_BYTES", 100)
    response = _post(api, loaded, SAMPLE, key="too-large-key-01")
    assert response.status_code == 413
    assert json.loads(response.body)["error"]["code"] == "CLAIM_TOO_LARGE"
    assert _claims_listed(api, loaded) == [] and _idempotency_records() == []
