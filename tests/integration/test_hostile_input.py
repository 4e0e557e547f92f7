"""Every bad input gets a clear 4xx in the error envelope, quickly, echoing nothing, storing nothing."""

from __future__ import annotations

import copy
import json
import time
import tracemalloc
from pathlib import Path

import pytest

SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "events" / "api" / "claim_professional.json").read_text())
BILLER = "biller@downeast.example"
MARKER = "ZQXMARKER7731"  # a submitted value that must never come back


def _post(api, aws, path, body, email=BILLER, headers=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return api.http.post(path, headers={**aws.auth(email), **(headers or {})}, body=raw)


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.body
    return json.loads(response.body)["error"]


def _stored_items(aws) -> int:
    dynamodb = aws.session.client("dynamodb")
    return sum(dynamodb.scan(TableName=name, Select="COUNT")["Count"]
               for name in dynamodb.list_tables()["TableNames"])


def _line(claim: dict, n: int = 1) -> dict:
    return claim["claimInformation"]["serviceLines"][n]["professionalService"]


# ---------------------------------------------------------------- 1. numbers bounded before conversion

@pytest.mark.parametrize("units", ["1e999999999", "9" * 5000, "1E+400", "0x10", "  ", "12,5"])
def test_a_number_string_with_a_huge_exponent_or_thousands_of_digits_is_400_fast_and_small(aws, api, units):
    claim = copy.deepcopy(SAMPLE)
    _line(claim)["serviceUnitCount"] = units
    tracemalloc.start()
    started = time.monotonic()
    response = _post(api, aws, "/v1/claims/validate", claim)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    error = _error(response, 400)
    assert error["code"] == "VALIDATION_ERROR"
    assert [d["field"] for d in error["details"]] == ["claimInformation.serviceLines.1.professionalService."
                                                      "serviceUnitCount"]
    assert elapsed < 2 and peak < 50_000_000


@pytest.mark.parametrize("literal", ["1e999999999", "-1e999999999", "1" * 5000, "1.5e-999", "NaN", "Infinity"])
def test_a_json_number_too_long_or_out_of_range_is_invalid_json(aws, api, literal):
    raw = json.dumps(SAMPLE).replace('"serviceUnitCount": "1"', f'"serviceUnitCount": {literal}').encode()
    assert literal.encode() in raw
    started = time.monotonic()
    error = _error(_post(api, aws, "/v1/claims/validate", raw), 400)
    assert error["code"] == "INVALID_JSON" and time.monotonic() - started < 2
    assert len(error["message"]) < 160  # a fixed sentence, not the literal


def test_json_numbers_are_read_exactly(loaded, api):
    raw = json.dumps(SAMPLE).replace('"lineItemChargeAmount": "400"', '"lineItemChargeAmount": 400.00').encode()
    assert _post(api, loaded, "/v1/claims/validate", raw).status_code == 200


# ---------------------------------------------------------------- 2. the JSON itself; sizes and line counts

@pytest.mark.parametrize("raw", [
    b'{"controlNumber": "\xff\xfe"}',  # not UTF-8
    b'{"a": "\xed\xa0\x80"}',  # an encoded lone surrogate
    b'{"a": "\\ud800"}',  # a lone surrogate escape
    b"[" * 1000 + b"]" * 1000,
    b'{"a":' * 40 + b"1" + b"}" * 40,
    b'{"n": ' + b"7" * 5000 + b"}",  # past Python's int max-str-digits
    b"\xef\xbb\xbf{}",  # a byte order mark
    b"{'single': 'quotes'}",
])
def test_bodies_that_are_not_bounded_json_are_invalid_json(aws, api, raw):
    error = _error(_post(api, aws, "/v1/claims", raw), 400)
    assert error["code"] == "INVALID_JSON"


def test_a_body_over_2_mb_is_413(aws, api):
    claim = copy.deepcopy(SAMPLE)
    claim["padding"] = "x" * (2 * 1024 * 1024)
    assert _error(_post(api, aws, "/v1/claims", claim), 413)["code"] == "BODY_TOO_LARGE"


@pytest.mark.parametrize(("where", "length"), [
    (("claimInformation", "patientControlNumber"), 39), (("subscriber", "lastName"), 61),
    (("subscriber", "firstName"), 36), (("subscriber", "memberId"), 81), (("providers", 0, "npi"), 11),
    (("subscriber", "address", "address1"), 56), (("controlNumber",), 10),
    (("claimInformation", "healthCareCodeInformation", 0, "diagnosisCode"), 31),
    (("providers", 0, "providerType"), 41),
])
def test_strings_longer_than_their_x12_element_are_refused(aws, api, where, length):
    claim = copy.deepcopy(SAMPLE)
    target = claim
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = (MARKER * 10)[:length]
    error = _error(_post(api, aws, "/v1/claims", claim), 400)
    assert error["details"] == [{"field": ".".join(map(str, where)), "problem": f"String should have at most "
                                 f"{length - 1} characters"}]


def _lines(kind: str, count: int) -> dict:
    claim = copy.deepcopy(SAMPLE)
    line = claim["claimInformation"]["serviceLines"][1]
    if kind == "institutional":
        service = line.pop("professionalService")
        line["institutionalService"] = {"serviceLineRevenueCode": "0636", "procedureCode": service["procedureCode"],
                                        "lineItemChargeAmount": "1", "measurementUnit": "UN",
                                        "serviceUnitCount": "1"}
        claim["claimInformation"]["placeOfServiceCode"] = "13"
    else:
        line["professionalService"]["lineItemChargeAmount"] = "1"
    claim["claimInformation"]["serviceLines"] = [dict(line, assignedNumber=str(n)) for n in range(1, count + 1)]
    claim["claimInformation"]["claimChargeAmount"] = str(count)
    return claim


@pytest.mark.parametrize(("kind", "most"), [("professional", 50), ("institutional", 999)])
def test_a_claim_has_at_most_the_tr3_service_lines(loaded, api, kind, most):
    assert _post(api, loaded, "/v1/claims/validate", _lines(kind, most)).status_code == 200
    before = _stored_items(loaded)
    error = _error(_post(api, loaded, "/v1/claims", _lines(kind, most + 1)), 400)
    assert error["code"] == "VALIDATION_ERROR"
    assert error["details"][0]["field"].startswith("claimInformation")
    assert _stored_items(loaded) == before


# ---------------------------------------------------------------- 3. amounts and dates

@pytest.mark.parametrize(("field", "value", "problem"), [
    ("serviceUnitCount", "-40", "greater than or equal to 0"),
    ("serviceUnitCount", -1, "greater than or equal to 0"),
    ("serviceUnitCount", "1234567890123456", "no more than 15 digits"),
    ("lineItemChargeAmount", "-6000", "greater than or equal to 0"),
    ("lineItemChargeAmount", "12345678901", "no more than 10 digits before the decimal point"),
    ("lineItemChargeAmount", "10.005", "no more than 2 decimal places"),
])
def test_amounts_are_non_negative_with_bounded_digits(aws, api, field, value, problem):
    claim = copy.deepcopy(SAMPLE)
    _line(claim)[field] = value
    error = _error(_post(api, aws, "/v1/claims", claim), 400)
    assert error["details"][0]["field"] == f"claimInformation.serviceLines.1.professionalService.{field}"
    assert problem in error["details"][0]["problem"]


def test_the_largest_bounded_amounts_are_accepted(loaded, api):
    claim = copy.deepcopy(SAMPLE)
    _line(claim)["serviceUnitCount"] = "999999999999999"
    _line(claim, 0)["lineItemChargeAmount"] = "9999993599.99"
    claim["claimInformation"]["claimChargeAmount"] = "9999999999.99"
    assert _post(api, loaded, "/v1/claims/validate", claim).status_code == 200


def test_a_negative_drug_line_cannot_lower_the_rebate_extract(loaded, api):
    assert _post(api, loaded, "/v1/claims", SAMPLE).status_code == 201
    negative = copy.deepcopy(SAMPLE)
    negative["claimInformation"]["patientControlNumber"] = "PCN-NEG"
    _line(negative)["serviceUnitCount"] = "-40"
    negative["claimInformation"]["serviceLines"][1]["drugIdentification"]["nationalDrugUnitCount"] = "-16"
    assert _post(api, loaded, "/v1/claims", negative).status_code == 400
    extract = json.loads(api.http.get("/v1/rebate-extract?quarter=2026Q2",
                                      headers=loaded.auth("staff@mainecare.example")).body)
    assert [(n["hcpcs_units"], n["ndc_quantity"]) for n in extract["ndcs"]] == [("40", "16")]


@pytest.mark.parametrize("day", ["2026024", "202604100", "2026-04-10", "20261301", 20260410, "20260410T"])
def test_a_service_date_not_written_yyyymmdd_is_a_format_error_naming_the_field(aws, api, day):
    claim = copy.deepcopy(SAMPLE)
    claim["claimInformation"]["serviceLines"][0]["serviceDate"] = day
    error = _error(_post(api, aws, "/v1/claims", claim), 400)
    assert error["details"] == [{"field": "claimInformation.serviceLines.0.serviceDate",
                                 "problem": "Value error, must be a date written YYYYMMDD, e.g. 20260410"}]


@pytest.mark.parametrize("query", ["from=20260204", "to=2026-W06-3", "from=2026-2-4"])
def test_query_dates_are_yyyy_mm_dd_only(aws, api, query):
    error = _error(api.http.get(f"/v1/claims?{query}", headers=aws.auth(BILLER)), 400)
    assert error["code"] == "INVALID_QUERY"


def test_an_ndc_date_of_service_error_does_not_repeat_the_date(loaded, api):
    body = {"ndc": "00703514501", "hcpcs": "J9035", "date_of_service": f"2026{MARKER}"}
    answer = _post(api, loaded, "/v1/ndc/validate", body)
    assert answer.status_code == 200 and MARKER not in answer.body.decode()


# ---------------------------------------------------------------- 4. no echo of names, values or exception text

def test_an_unknown_key_is_named_generically_not_echoed(aws, api):
    body = {"ndc": "00703514501", f"DOE_JANE_{MARKER}": "1970-01-01"}
    error = _error(_post(api, aws, "/v1/ndc/validate", body), 400)
    assert error["details"] == [{"field": "(unknown field)", "problem": "Extra inputs are not permitted"}]
    nested = {"items": [{"ndc": "00703514501", f"member_{MARKER}": 1}]}
    error = _error(_post(api, aws, "/v1/ndc/validate-batch", nested), 400)
    assert error["details"][0]["field"] == "items.0.(unknown field)"
    assert MARKER not in json.dumps(error)


def test_ids_in_the_path_that_name_nothing_we_hold_are_404(aws, api):
    for path in (f"/v1/claims/{'C' * 500}", f"/v1/claims/{MARKER}%20%3Cscript%3E"):
        error = _error(api.http.get(path, headers=aws.auth(BILLER)), 404)
        assert error["code"] == "NOT_FOUND" and MARKER not in error["message"]


def test_over_long_query_values_are_400(aws, api):
    error = _error(api.http.get(f"/v1/claims?member={MARKER * 20}", headers=aws.auth(BILLER)), 400)
    assert error["code"] == "INVALID_QUERY" and MARKER not in json.dumps(error)


def test_an_unexpected_failure_answers_500_and_logs_neither_its_message_nor_the_body(aws, api, monkeypatch):
    import io
    import logging

    from mainecare.observability import logger

    def explode(request, index):
        raise KeyError(f"member {MARKER} DOE JANE 1970-01-01")

    monkeypatch.setattr("chalicelib.ndc_routes.validate_ndc", explode)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger().registered_formatter)
    logger().addHandler(handler)
    try:
        response = _post(api, aws, "/v1/ndc/validate", {"ndc": MARKER})
    finally:
        logger().removeHandler(handler)
    assert _error(response, 500)["code"] == "INTERNAL_ERROR"
    logged = json.loads(stream.getvalue())
    assert logged["exception_name"] == "KeyError" and "explode" in logged["exception"]  # type and place ...
    assert MARKER not in response.body.decode() + stream.getvalue()  # ... never the message or the body


# ---------------------------------------------------------------- 5. security headers on every answer

SECURITY = {"X-Content-Type-Options": "nosniff", "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
            "Cache-Control": "no-store"}


def _secured(response) -> bool:
    return all(response.headers.get(k) == v for k, v in SECURITY.items())


def test_security_headers_on_json_csv_pdf_and_every_error(loaded, api):
    from local import demo_health_homes

    demo_health_homes.seed_reference()
    staff = loaded.auth("staff@mainecare.example")
    member = {**loaded.auth("ada.member@demo.example"), "Accept": "application/pdf"}
    answers = {
        "json": api.http.get("/v1/health"),
        "csv": api.http.get("/v1/rebate-extract?quarter=2026Q2&format=csv", headers=staff),
        "pdf": api.http.post("/v1/members/me/creditable-coverage-letter", headers=member),
        "400": _post(api, loaded, "/v1/claims", b"{"),
        "401": api.http.get("/v1/me"),
        "403": api.http.get("/v1/rebate-extract?quarter=2026Q2", headers=loaded.auth(BILLER)),
        "404": api.http.get("/v1/no/such/path"),
        "405": api.http.delete("/v1/claims", headers=loaded.auth(BILLER)),
        "415": api.http.post("/v1/claims", headers={**loaded.auth(BILLER), "Content-Type": "text/plain"}, body=b"x"),
    }
    assert {name: r.status_code for name, r in answers.items()} == {
        "json": 200, "csv": 200, "pdf": 200, "400": 400, "401": 401, "403": 403, "404": 404, "405": 405, "415": 415}
    assert answers["csv"].headers["Content-Type"] == "text/csv"
    assert answers["pdf"].headers["Content-Type"] == "application/pdf"
    assert [name for name, r in answers.items() if not _secured(r)] == []


# ---------------------------------------------------------------- 6. Chalice's and the gateway's own answers

def test_an_unknown_path_is_404_in_the_envelope_and_never_echoes_the_token(aws, api):
    token = aws.token(BILLER)
    for method in ("GET", "POST", "DELETE"):
        response = api.http.request(method, f"/v1/{MARKER}", headers={"Authorization": f"Bearer {token}"})
        assert _error(response, 404) == {"code": "NOT_FOUND", "message": "No such path."}
        assert token not in response.body.decode() and MARKER not in response.body.decode()


def test_chalices_own_answers_use_the_envelope_and_echo_nothing(aws, api):
    wrong_method = api.http.put("/v1/claims", headers=aws.auth(BILLER), body=b"{}")
    assert _error(wrong_method, 405)["code"] == "METHOD_NOT_ALLOWED"
    assert sorted(wrong_method.headers["Allow"].split(", ")) == ["GET", "POST"]
    assert _error(api.http.options("/v1/claims"), 405)["code"] == "METHOD_NOT_ALLOWED"
    media = api.http.post("/v1/claims", headers={**aws.auth(BILLER), "Content-Type": f"text/{MARKER}"}, body=b"{}")
    assert _error(media, 415)["code"] == "UNSUPPORTED_MEDIA_TYPE" and MARKER not in media.body.decode()


def test_the_local_server_answers_as_the_test_client_does(aws):
    import http.client
    import threading

    from chalice.config import Config

    from local.gateway import local_server
    from local.handlers import load_module
    from local.stack import free_port

    app = load_module("api").app
    port = free_port()
    server = local_server(app, Config.create(chalice_stage="dev", app_name=app.app_name), "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        token = aws.token(BILLER)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/no/such/path", headers={"Authorization": f"Bearer {token}"})
        answer = connection.getresponse()
        body = answer.read().decode()
        assert answer.status == 404 and json.loads(body)["error"]["code"] == "NOT_FOUND"
        assert token not in body and answer.getheader("X-Content-Type-Options") == "nosniff"
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("POST", "/v1/claims")
        connection.putheader("Content-Length", str(10 * 1024 ** 3))  # announced, never sent
        connection.endheaders()
        answer = connection.getresponse()
        assert answer.status == 413 and json.loads(answer.read())["error"]["code"] == "BODY_TOO_LARGE"
        connection.close()
    finally:
        server.shutdown()
