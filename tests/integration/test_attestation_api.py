"""The Health Home month through the API: the dashboard view is the scan, the attestation window,
saving in parts with per-member refusals (issue 9)."""

from __future__ import annotations

import json
from datetime import date

from tests.integration.test_health_home_api import OTHER_PRACTICE, PRACTICE, SITE, hh  # noqa: F401 (fixture)

PATH = f"/v1/sites/{SITE}/attestations/2026-01"


def _put(hh, body, email=PRACTICE):  # noqa: F811
    response = hh.api.http.put(PATH.replace(SITE, body.pop("_site", SITE)), headers=hh.auth(email),
                               body=json.dumps(body))
    return response.status_code, json.loads(response.body)


def _on(monkeypatch, day: date) -> None:
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: day)


def test_outside_the_window_a_save_is_refused_with_its_dates(hh, monkeypatch):  # noqa: F811
    hh.assigned("DEMO-0001")
    _on(monkeypatch, date(2026, 1, 20))
    status, body = _put(hh, {"members": [{"member_id": "DEMO-0001", "activity": "DASHBOARD_SCAN"}]})
    assert status == 409 and body["error"]["code"] == "ATTESTATION_WINDOW_CLOSED"
    assert body["error"]["details"] == [{"window_opens": "2026-01-21", "window_closes": "2026-01-31"}]


def test_the_dashboard_scan_then_saving_in_parts(hh, monkeypatch):  # noqa: F811
    hh.assigned("DEMO-0001")
    hh.assigned("DEMO-0003")
    _on(monkeypatch, date(2026, 1, 22))
    status, body = _put(hh, {"members": [{"member_id": "DEMO-0001", "activity": "DASHBOARD_SCAN"}]})
    assert status == 207 and [e["code"] for e in body["errors"]] == ["DASHBOARD_NOT_SCANNED"]
    assert body["members"] == []

    status, board = hh.get(PRACTICE, f"/v1/sites/{SITE}/dashboard?month=2026-01")
    assert status == 200 and {m["member_id"] for m in board["members"]} == {"DEMO-0001", "DEMO-0003"}
    assert "NO_PRIMARY_CARE_VISIT" in board["members"][0]["utilization"]["signals"]

    status, body = _put(hh, {"members": [{"member_id": "DEMO-0001", "activity": "DASHBOARD_SCAN"},
                                         {"member_id": "DEMO-0011", "activity": "DASHBOARD_SCAN"}]})
    assert status == 207 and body["dashboard_scanned"] is True
    assert [m["member_id"] for m in body["members"]] == ["DEMO-0001"]
    assert [(e["member_id"], e["code"]) for e in body["errors"]] == [("DEMO-0011", "NOT_ATTESTABLE")]

    _on(monkeypatch, date(2026, 1, 23))  # the next day, the rest, and the month is done
    status, body = _put(hh, {"members": [{"member_id": "DEMO-0003", "activity": "DASHBOARD_SCAN"}], "final": True})
    assert status == 200 and body["final"] is True
    assert [m["member_id"] for m in body["members"]] == ["DEMO-0001", "DEMO-0003"]
    status, again = _put(hh, {"members": []})
    assert status == 409 and again["error"]["code"] == "ATTESTATION_FINAL"
    _, read = hh.get(PRACTICE, PATH)
    assert [m["activity"] for m in read["members"]] == ["DASHBOARD_SCAN", "DASHBOARD_SCAN"]


def test_another_practices_site_answers_404(hh, monkeypatch):  # noqa: F811
    _on(monkeypatch, date(2026, 1, 22))
    assert hh.get(OTHER_PRACTICE, PATH)[0] == 404
    assert hh.get(OTHER_PRACTICE, f"/v1/sites/{SITE}/dashboard?month=2026-01")[0] == 404
    assert _put(hh, {"members": []}, email=OTHER_PRACTICE)[0] == 404


def test_the_monthly_refresh_stores_each_sites_dashboard(hh, monkeypatch):  # noqa: F811
    from local.handlers import invoke
    from local.jobs import job_event
    from mainecare.stores import dashboards

    hh.assigned("DEMO-0001")
    answer = invoke("dashboard_refresh", job_event("dashboard_refresh", date(2026, 1, 10), None))
    assert (answer["status"], answer["month"]) == ("DONE", "2026-01") and answer["members"] >= 1
    assert dashboards.refreshed_at(SITE, "2026-01") is not None
    assert "DEMO-0001" in dashboards.snapshot(SITE, "2026-01")
    _on(monkeypatch, date(2026, 1, 22))
    status, board = hh.get(PRACTICE, f"/v1/sites/{SITE}/dashboard?month=2026-01")
    assert status == 200 and board["members"][0]["utilization"]["signals"] == ["NO_PRIMARY_CARE_VISIT"]


def test_an_837i_stay_in_the_members_history_shows_on_the_dashboard(hh, monkeypatch):  # noqa: F811
    """An 837I as received has no CLM06, which the JSON request contract requires: the dashboard reads
    stored claims without it (models/claims_json_stored.py), so the member's hospital stay counts."""
    from dataclasses import replace

    from mainecare.domain.claims.from_837 import claim_from_segments
    from mainecare.models.claims_json import claim_to_json
    from mainecare.stores import claims as claim_store
    from tests.unit.claims.claims_fixtures import claims_in, sample

    hh.assigned("DEMO-0001")
    stay = claim_from_segments(claims_in(sample("837i_outpatient.txt"))[0])
    stay = replace(stay, facility_code="11", subscriber=replace(stay.subscriber, member_id="DEMO-0001"))
    body = claim_to_json(stay)
    assert "signatureIndicator" not in body["claimInformation"]
    claim_store.put_claim(claim_store.StoredClaim(
        claim_id="CLM-STAY-1", trading_partner_id="DOWNEAST", channel="EDI", status="ACCEPTED",
        received_at="2026-02-12T10:00:00-05:00", patient_control_number=stay.patient_control_number,
        member_id="DEMO-0001", service_from="2026-02-10", service_to="2026-02-10", total_charge="89.93",
        source="test", claim=body, decision={}), [], actor="test")
    _on(monkeypatch, date(2026, 2, 22))
    status, board = hh.get(PRACTICE, f"/v1/sites/{SITE}/dashboard?month=2026-02")
    assert status == 200, board
    (member,) = [m for m in board["members"] if m["member_id"] == "DEMO-0001"]
    assert member["utilization"]["hospitalizations"] == 1
