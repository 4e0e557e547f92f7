"""Dates outside the program's rules, through the real handlers: before the first policy version the
answer is 400 DATE_OUT_OF_RANGE naming the parameter and the range (never 500); far in the future
it is a plain answer."""

from __future__ import annotations

import json
from datetime import date

import pytest

STAFF = "staff@mainecare.example"
SITE = "DOWNEAST-MACHIAS"


@pytest.fixture
def call(aws, api, monkeypatch):
    from local import demo_health_homes
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 1))
    demo_health_homes.seed_reference()
    headers = aws.auth(STAFF)

    def send(path: str, body: dict | None = None) -> tuple[int, dict]:
        if body is None:
            response = api.http.get(path, headers=headers)
        else:
            response = api.http.post(path, headers=headers, body=json.dumps(body))
        return response.status_code, json.loads(response.body)

    return send


@pytest.mark.parametrize(("path", "parameter", "sent"), [
    ("/v1/members/DEMO-0001/eligibility?date=0001-01-01&date_of_birth=1970-03-04", "date", "0001-01-01"),
    ("/v1/members/DEMO-0001/eligibility?date=2012-12-31&date_of_birth=1970-03-04", "date", "2012-12-31"),
    ("/v1/members/DEMO-0001/health-home-eligibility?date=0001-01-01&date_of_birth=1970-03-04", "date", "0001-01-01"),
    (f"/v1/sites/{SITE}/panel?month=0000-01", "month", "0000-01"),
    (f"/v1/sites/{SITE}/panel?month=0001-01", "month", "0001-01"),
    (f"/v1/sites/{SITE}/panel?month=2012-12", "month", "2012-12"),
])
def test_a_date_before_the_first_rules_is_a_400_naming_the_parameter_and_the_range(call, path, parameter, sent):
    status, body = call(path)
    assert status == 400 and body["error"]["code"] == "DATE_OUT_OF_RANGE", body
    message = body["error"]["message"]
    assert message.startswith(f"{parameter} must be 2013-01") and "9999-12" in message
    assert sent not in message  # the range, not the value sent


@pytest.mark.parametrize("path", [
    "/v1/members/DEMO-0001/eligibility?date=2013-01-01&date_of_birth=1970-03-04",
    "/v1/members/DEMO-0001/eligibility?date=9999-12-31&date_of_birth=1970-03-04",
    "/v1/members/DEMO-0001/health-home-eligibility?date=9999-12-31&date_of_birth=1970-03-04",
    f"/v1/sites/{SITE}/panel?month=2013-01",
    f"/v1/sites/{SITE}/panel?month=9999-12",
])
def test_the_first_day_of_the_rules_and_the_far_future_get_a_plain_answer(call, path):
    status, body = call(path)
    assert status == 200, body


def test_a_bad_month_keeps_its_own_codes(call):
    assert call(f"/v1/sites/{SITE}/panel?month=2026-13")[1]["error"]["code"] == "MONTH_INVALID"
    assert call(f"/v1/sites/{SITE}/panel?month=26-01")[1]["error"]["code"] == "MONTH_INVALID"
    assert call(f"/v1/sites/{SITE}/panel")[1]["error"]["code"] == "MONTH_MISSING"


def test_a_body_date_before_the_rules_it_is_judged_by_is_a_400_too(call):
    status, body = call("/v1/members/DEMO-0001/services",
                        {"start_date": "0001-01-01", "section": "13", "provider_id": "PROV-1"})
    assert status == 400 and body["error"]["code"] == "DATE_OUT_OF_RANGE", body
    assert "2013-01-01" in body["error"]["message"] and "0001-01-01" not in body["error"]["message"]
