"""Authorizations through the API on moto: request, staff decision (a partial approval), claims
that draw the units (JSON and 837) at the span's edges, the review queue, cancel and extend, the
presigned attachment, and 50 claims racing for the last units."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path

from mainecare.stores import authorizations as authorization_store
from mainecare.stores import inbound

ROOT = Path(__file__).resolve().parents[2]
ADMIN, BILLER, STAFF, OTHER = ("admin@downeast.example", "biller@downeast.example", "staff@mainecare.example",
                               "admin@katahdin.example")
MEMBER, SERVICING = "A12345678", "1234567893"  # the demo claim's member and billing (servicing) provider


def _post(api, aws, path: str, email: str, body: dict):
    response = api.http.post(path, headers=aws.auth(email), body=json.dumps(body))
    return response.status_code, json.loads(response.body)


def _get(api, aws, path: str, email: str):
    response = api.http.get(path, headers=aws.auth(email))
    return response.status_code, json.loads(response.body)


def _request(api, aws, code: str = "E0470", units: int = 5, code_set: str = "HCPCS") -> dict:
    status, body = _post(api, aws, "/v1/authorizations", ADMIN, {
        "kind": "PRIOR_AUTHORIZATION", "member_id": MEMBER, "requesting_npi": "1550000032",
        "servicing_npi": SERVICING, "services": [{"code_set": code_set, "code": code, "units": units}],
        "starts": "2026-04-01", "ends": "2026-04-30", "diagnoses": ["C189"]})
    assert status == 201, body
    return body


def _approve(api, aws, authorization_id: str, **decision) -> dict:
    status, body = _post(api, aws, f"/v1/authorizations/{authorization_id}/decision", STAFF,
                         {"decision": "APPROVE", **decision})
    assert status == 200, body
    return body


def _claim(code: str = "E0470", units: str = "1", day: str = "20260410") -> dict:
    claim = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
    info = claim["claimInformation"]
    info["claimChargeAmount"] = "400"
    info["serviceLines"] = [{"assignedNumber": "1", "serviceDate": day, "professionalService": {
        "procedureIdentifier": "HC", "procedureCode": code, "lineItemChargeAmount": "400", "measurementUnit": "UN",
        "serviceUnitCount": units, "compositeDiagnosisCodePointers": {"diagnosisCodePointers": [1]}}}]
    return claim


def _line(api, aws, claim: dict) -> tuple[str, list[str]]:
    status, body = _post(api, aws, "/v1/claims", BILLER, claim)
    assert status == 201, body
    (line,) = body["lines"]
    return line["status"], [r["code"] for r in line["reasons"]]


def test_a_partial_approval_pays_claims_until_its_units_and_its_last_day(loaded, api, monkeypatch):
    published = []
    monkeypatch.setattr("mainecare.stores.events.publish", lambda kind, detail, source="": published.append(
        (kind, detail, source)) or True)
    assert _line(api, loaded, _claim()) == ("DENIED", ["AUTHORIZATION_REQUIRED"])  # none yet
    asked = _request(api, loaded)
    assert asked["status"] == "SUBMITTED" and asked["decide_by"] > asked["submitted_at"][:10]
    assert _post(api, loaded, f"/v1/authorizations/{asked['authorization_id']}/decision", ADMIN,
                 {"decision": "APPROVE"})[0] == 403  # partners do not decide
    approved = _approve(api, loaded, asked["authorization_id"], approved_units=2, reason="partial")
    assert (approved["approved_units"], approved["units_left"]) == (2, 2)
    assert published == [("AuthorizationDecided", {"authorization_id": asked["authorization_id"],
                                                    "status": "APPROVED", "trading_partner_id": "DOWNEAST",
                                                    "requesting_npi": "1550000032"}, "mainecare.authorizations")]

    assert _line(api, loaded, _claim(units="2", day="20260430")) == ("PAYABLE", [])  # last day, both units
    assert _line(api, loaded, _claim(day="20260410")) == ("DENIED", ["AUTHORIZATION_REQUIRED"])  # none left
    status, after = _get(api, loaded, f"/v1/authorizations/{asked['authorization_id']}", BILLER)
    assert status == 403  # reading needs authorizations:read
    status, after = _get(api, loaded, f"/v1/authorizations/{asked['authorization_id']}", ADMIN)
    assert (after["units_used"], after["units_left"]) == (2, 0)
    assert _get(api, loaded, f"/v1/authorizations/{asked['authorization_id']}", OTHER)[0] == 404


def test_outside_the_span_or_for_another_code_the_line_denies(loaded, api):
    _approve(api, loaded, _request(api, loaded)["authorization_id"])
    assert _line(api, loaded, _claim(day="20260501")) == ("DENIED", ["AUTHORIZATION_REQUIRED"])
    assert _line(api, loaded, _claim(code="L5856")) == ("DENIED", ["AUTHORIZATION_REQUIRED"])
    assert _line(api, loaded, _claim(day="20260401")) == ("PAYABLE", [])
    assert _line(api, loaded, _claim(code="99213")) == ("PAYABLE", [])  # needs none


def test_an_837_claim_draws_from_the_authorization_too(loaded, api):
    approved = _approve(api, loaded, _request(api, loaded, code="L5856", units=1)["authorization_id"])
    text = (ROOT / "events" / "edi" / "brief_837p_ndc.txt").read_text()
    text = text.replace("SV1*HC:96413*400*UN*1***1", "SV1*HC:L5856*400*UN*1***1")
    inbound.put_inbound("DOWNEAST", "auth.txt", text.encode())
    loaded.deliver("EdiIngestQueue")
    assert authorization_store.get(approved["authorization_id"]).units_used == 1
    inbound.put_inbound("DOWNEAST", "auth2.txt", text.replace("000000101", "000000777").encode())
    loaded.deliver("EdiIngestQueue")
    assert authorization_store.get(approved["authorization_id"]).units_used == 1  # nothing left to draw
    claims = json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)["claims"]
    assert len(claims) == 2


def test_the_queue_cancel_extend_and_an_attachment(loaded, api):
    first, second = _request(api, loaded), _request(api, loaded)
    status, queue = _get(api, loaded, "/v1/authorization-queue", STAFF)
    assert status == 200 and [a["authorization_id"] for a in queue["authorizations"]][-2:] == [
        first["authorization_id"], second["authorization_id"]]
    assert _post(api, loaded, f"/v1/authorizations/{first['authorization_id']}/cancel", ADMIN, {})[1]["status"] == \
        "CANCELLED"
    assert _post(api, loaded, f"/v1/authorizations/{first['authorization_id']}/cancel", ADMIN, {})[0] == 409
    _approve(api, loaded, second["authorization_id"])
    assert not _get(api, loaded, "/v1/authorization-queue", STAFF)[1]["authorizations"]
    status, extended = _post(api, loaded, f"/v1/authorizations/{second['authorization_id']}/extend", ADMIN,
                             {"ends": "2026-05-31", "more_units": 3})
    assert status == 200 and extended["status"] == "SUBMITTED" and extended["services"][0]["units"] == 8
    status, upload = _post(api, loaded, f"/v1/authorizations/{second['authorization_id']}/attachments", ADMIN,
                           {"content_type": "application/pdf", "size": 20_000})
    assert status == 201 and upload["fields"]["Content-Type"] == "application/pdf"
    assert upload["key"].startswith(f"DOWNEAST/{second['authorization_id']}/")
    assert _post(api, loaded, f"/v1/authorizations/{second['authorization_id']}/attachments", ADMIN,
                 {"content_type": "application/x-msdownload", "size": 10})[1]["error"]["code"] == \
        "ATTACHMENT_TYPE_INVALID"
    listed = _get(api, loaded, "/v1/authorizations?status=CANCELLED", ADMIN)[1]["authorizations"]
    assert [a["authorization_id"] for a in listed] == [first["authorization_id"]]
    assert _get(api, loaded, "/v1/authorizations", OTHER)[1]["authorizations"] == []


def test_fifty_claims_racing_for_the_last_units_never_draw_below_zero(loaded, api):
    from local.moto_dynamodb import serialize_dynamodb
    from mainecare.domain.authorizations.drawdown import Draw
    from mainecare.stores import claims as claim_store

    # DynamoDB isolates transactions; moto in process does not (local/moto_dynamodb.py), so the test
    # gives moto the isolation the local stack gives it, and the condition is what is tested.
    serialize_dynamodb()

    approved = _approve(api, loaded, _request(api, loaded, units=10)["authorization_id"])
    results: list[str] = []
    lock = threading.Lock()

    def claim_for(n: int):
        from mainecare.stores.claims import StoredClaim

        return StoredClaim(f"RACE{n:03d}", "DOWNEAST", "api", "ACCEPTED", "2026-12-04T00:00:00", f"PCN{n}", MEMBER,
                           "2026-04-10", "2026-04-10", "400", "api", {"n": n}, {"status": "ACCEPTED"})

    def race(n: int):
        try:
            claim_store.put_claim(claim_for(n), [], "race", (Draw(1, approved["authorization_id"], 1, 10),))
            outcome = "stored"
        except claim_store.UnitsTaken:
            outcome = "refused"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("stored") == 10 and results.count("refused") == 40
    assert authorization_store.get(approved["authorization_id"], consistent=True).units_used == 10


def test_a_drug_off_the_rebate_list_denies_unless_a_prior_authorization_names_its_ndc(loaded, api):
    from mainecare.stores import rebate_list

    drug_claim = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
    off_list = (ROOT / "events" / "reference" / "mdrp_products_demo.csv").read_text().replace(
        "50242,0061,01,\n", "")  # the claim's J9035 NDC, taken off the list
    rebate_list.put_incoming("mdrp_off.csv", off_list.encode())
    loaded.deliver("ReferenceIngestQueue")
    rebate_list.forget()
    status, body = _post(api, loaded, "/v1/claims", BILLER, drug_claim)
    assert status == 201 and body["lines"][1]["status"] == "DENIED"
    assert [r["code"] for r in body["lines"][1]["reasons"]] == ["NDC_NOT_ON_REBATE_LIST"]
    assert body["lines"][0]["status"] == "PAYABLE"
    _approve(api, loaded, _request(api, loaded, code="50242006101", units=40, code_set="NDC")["authorization_id"])
    second = copy.deepcopy(drug_claim)
    second["claimInformation"]["patientControlNumber"] = "PCN0002"
    status, body = _post(api, loaded, "/v1/claims", BILLER, second)
    assert status == 201 and [line["status"] for line in body["lines"]] == ["PAYABLE", "PAYABLE"]
    rebate_list.put_incoming("mdrp_demo.csv", (ROOT / "events" / "reference" / "mdrp_products_demo.csv").read_bytes())
    loaded.deliver("ReferenceIngestQueue")
    rebate_list.forget()
    third = copy.deepcopy(drug_claim)
    third["claimInformation"]["patientControlNumber"] = "PCN0003"
    assert [line["status"] for line in _post(api, loaded, "/v1/claims", BILLER, third)[1]["lines"]] == [
        "PAYABLE", "PAYABLE"]  # back on the list


def test_a_void_gives_the_units_back_once_and_a_replacement_draws_them_again(loaded, api):
    approved = _approve(api, loaded, _request(api, loaded, units=2)["authorization_id"])
    status, first = _post(api, loaded, "/v1/claims", BILLER, _claim(units="2"))
    assert status == 201 and first["lines"][0]["status"] == "PAYABLE"
    assert authorization_store.get(approved["authorization_id"]).units_used == 2

    replacement = _claim(units="1")
    replacement["claimInformation"].update(claimFrequencyCode="7", patientControlNumber="PCN0001R",
                                           claimSupplementalInformation={"claimControlNumber": first["claim_id"]})
    status, replaced = _post(api, loaded, "/v1/claims", BILLER, replacement)
    assert status == 201 and replaced["lines"][0]["status"] == "PAYABLE"  # drew from what the original gave back
    assert authorization_store.get(approved["authorization_id"]).units_used == 1

    void = _claim(units="1")
    void["claimInformation"].update(claimFrequencyCode="8", patientControlNumber="PCN0001V",
                                    claimSupplementalInformation={"claimControlNumber": replaced["claim_id"]})
    assert _post(api, loaded, "/v1/claims", BILLER, void)[0] == 201
    assert authorization_store.get(approved["authorization_id"]).units_used == 0
    again = _claim(units="1")
    again["claimInformation"].update(claimFrequencyCode="8", patientControlNumber="PCN0001W",
                                     claimSupplementalInformation={"claimControlNumber": replaced["claim_id"]})
    assert _post(api, loaded, "/v1/claims", BILLER, again)[0] == 201
    assert authorization_store.get(approved["authorization_id"]).units_used == 0  # given back once only
