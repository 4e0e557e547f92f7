"""NDC validation through the real routes, with crosswalks loaded by the real ingest handler."""

from __future__ import annotations

import json

import pytest

ADMIN = "admin@downeast.example"


def post(api, aws, path, payload, email=ADMIN):
    response = api.http.post(path, headers=aws.auth(email), body=json.dumps(payload))
    return response.status_code, json.loads(response.body)


def test_seed_example_format_only(loaded, api):
    status, body = post(api, loaded, "/v1/ndc/validate", {"ndc": "00703-5145-01"})
    assert status == 200
    assert body == {"ndc11": "00703514501", "ndc12": None, "format_valid": True, "claim_ready": True,
                    "pair_valid": None, "matched": [],
                    "errors": [], "warnings": []}


def test_brief_example_pair_valid_on_asp_of_its_quarter(loaded, api):
    status, body = post(api, loaded, "/v1/ndc/validate",
                        {"ndc": "50242-0061-01", "hcpcs": "J9035", "date_of_service": "2026-04-10"})
    assert status == 200
    assert body["pair_valid"] is True
    assert body["matched"] == [{"source": "ASP", "version": "2026Q2"}]


def test_pair_on_pdac_only_passes(loaded, api):
    _, body = post(api, loaded, "/v1/ndc/validate",
                   {"ndc": "12345678901", "hcpcs": "J7613", "date_of_service": "2026-04-10"})
    assert body["pair_valid"] is True
    assert body["matched"] == [{"source": "PDAC", "version": "2026-11-01"}]


def test_pair_outside_its_pdac_dates_is_invalid_and_says_why(loaded, api):
    _, body = post(api, loaded, "/v1/ndc/validate",
                   {"ndc": "12345678905", "hcpcs": "J7613", "date_of_service": "2026-04-01"})
    assert body["pair_valid"] is False
    assert [e["code"] for e in body["errors"]] == ["NDC_HCPCS_PAIR_NOT_IN_EFFECT"]


def test_missing_asp_quarter_is_reported_not_silently_not_found(loaded, api):
    _, body = post(api, loaded, "/v1/ndc/validate",
                   {"ndc": "50242-0060-01", "hcpcs": "J9035", "date_of_service": "2024-01-02"})
    assert body["pair_valid"] is None
    assert "ASP_QUARTER_NOT_LOADED" in [e["code"] for e in body["errors"]]


def test_bare_ten_digits_resolved_by_reference_data_with_a_warning(loaded, api):
    _, body = post(api, loaded, "/v1/ndc/validate", {"ndc": "5024206001"})
    assert body["ndc11"] == "50242006001"
    assert body["format_valid"] is True
    # The claim edits never guess: the same value on a claim line denies, and the answer says so.
    assert body["claim_ready"] is False
    assert [w["code"] for w in body["warnings"]] == ["NDC_10_DIGIT_RESOLVED", "NDC_NOT_CLAIM_READY"]
    assert "50242006001" in body["warnings"][1]["message"]


def test_a_hyphenated_ten_digit_ndc_is_readable_but_not_claim_ready(loaded, api):
    _, body = post(api, loaded, "/v1/ndc/validate", {"ndc": "0002-7597-01"})
    assert (body["ndc11"], body["format_valid"], body["claim_ready"]) == ("00002759701", True, False)
    _, sent_right = post(api, loaded, "/v1/ndc/validate", {"ndc": "00002-7597-01"})
    assert sent_right["claim_ready"] is True and sent_right["warnings"] == []


@pytest.mark.parametrize("payload, code", [
    ({"ndc": "0070351450A"}, "NDC_NOT_NUMERIC"),
    ({"ndc": "007035145"}, "NDC_WRONG_LENGTH"),
    ({"ndc": "1234567890"}, "NDC_AMBIGUOUS"),
    ({"ndc": "00703514501", "hcpcs": "J9035"}, "PAIR_INCOMPLETE"),
    ({"ndc": "00703514501", "hcpcs": "J9035", "date_of_service": "2026-02-30"}, "DATE_OF_SERVICE_INVALID"),
    ({"ndc": "00703514501", "hcpcs": "99", "date_of_service": "2026-04-10"}, "HCPCS_INVALID"),
])
def test_bad_items_answer_200_with_a_specific_code(loaded, api, payload, code):
    status, body = post(api, loaded, "/v1/ndc/validate", payload)
    assert status == 200
    assert code in [e["code"] for e in body["errors"]]


@pytest.mark.parametrize("raw, code", [
    ("", "BODY_MISSING"),
    ("{not json", "INVALID_JSON"),
    (json.dumps({"ndc": 703514501}), "VALIDATION_ERROR"),
    (json.dumps({"ndc": "00703514501", "extra": 1}), "VALIDATION_ERROR"),
    (json.dumps({"hcpcs": "J9035"}), "VALIDATION_ERROR"),
])
def test_malformed_requests_are_400(loaded, api, raw, code):
    response = api.http.post("/v1/ndc/validate", headers=loaded.auth(ADMIN), body=raw)
    assert response.status_code == 400
    assert json.loads(response.body)["error"]["code"] == code


def test_validation_errors_do_not_echo_submitted_values(loaded, api):
    response = api.http.post("/v1/ndc/validate", headers=loaded.auth(ADMIN),
                             body=json.dumps({"ndc": ["SECRET-MEMBER-A12345678"]}))
    assert response.status_code == 400
    assert "A12345678" not in response.body.decode()


def test_batch_answers_in_order(loaded, api):
    items = [{"ndc": "00703-5145-01"}, {"ndc": "bad"},
             {"ndc": "50242-0061-01", "hcpcs": "J9035", "date_of_service": "2026-04-10"}]
    status, body = post(api, loaded, "/v1/ndc/validate-batch", {"items": items})
    assert status == 200
    assert body["count"] == 3
    assert [r["format_valid"] for r in body["results"]] == [True, False, True]
    assert body["results"][2]["pair_valid"] is True


def test_batch_of_1000_is_accepted_and_1001_refused(loaded, api):
    status, body = post(api, loaded, "/v1/ndc/validate-batch", {"items": [{"ndc": "00703514501"}] * 1000})
    assert status == 200 and body["count"] == 1000
    status, body = post(api, loaded, "/v1/ndc/validate-batch", {"items": [{"ndc": "00703514501"}] * 1001})
    assert status == 400
    assert body["error"]["code"] == "VALIDATION_ERROR"


def test_empty_batch_is_400(loaded, api):
    status, body = post(api, loaded, "/v1/ndc/validate-batch", {"items": []})
    assert status == 400


@pytest.mark.parametrize(("dos", "valid"), [("2033-03-06", False), ("2033-03-07", True)])
def test_a_twelve_digit_ndc_is_read_from_the_fda_date_of_service(loaded, api, dos, valid):
    _, body = post(api, loaded, "/v1/ndc/validate", {"ndc": "050242-0061-01", "hcpcs": "J9035", "date_of_service": dos})
    assert body["format_valid"] is valid
    assert (body["ndc12"], body["ndc11"]) == (("050242006101", "50242006101") if valid else (None, None))
