"""A set local clock reaches what the API writes and the opt-out timer it starts (moto in process)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

PRACTICE = "admin@downeast.example"


def test_a_set_clock_stamps_the_request_and_the_timer_waits_on_the_system_time_it_maps_to(
        aws, api, monkeypatch, tmp_path):
    from local import demo_health_homes
    from mainecare import clock
    from mainecare.stores import timer

    demo_health_homes.seed_reference()
    setting = tmp_path / "clock.json"
    setting.write_text(json.dumps({"offset_seconds": 10 * 86400}))  # ten days ahead, as `clock set` writes
    monkeypatch.setenv(clock.SETTING_ENV, str(setting))
    monkeypatch.setattr(clock, "RECHECK_SECONDS", 0.0)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 1))  # the letter date: assigned on 2026-01-29

    response = api.http.post("/v1/sites/DOWNEAST-MACHIAS/member-requests", headers=aws.auth(PRACTICE),
                             body=json.dumps({"member_id": "DEMO-0001"}))
    body = json.loads(response.body)
    assert response.status_code == 200 and body["assigns_on"] == "2026-01-29", body

    stamped = datetime.fromisoformat(body["history"][0]["at"])
    assert abs(stamped - (clock.system_now() + timedelta(days=10))) < timedelta(minutes=1)
    execution = aws.session.client("stepfunctions").describe_execution(
        executionArn=timer.execution_arn(body["request_id"]))
    # Midnight in Maine on the 29th is 05:00 UTC; AWS's Wait counts on the system clock, ten days behind.
    assert json.loads(execution["input"])["deadline"] == "2026-01-19T05:00:00Z"
    clock._forget()
