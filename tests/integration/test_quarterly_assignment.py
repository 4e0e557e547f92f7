"""The quarterly auto-assignment end to end on moto: claims stored in the Claims table reach the
claim-line shards through the table's stream and the real claim_lines_extract handler; the real
quarterly_assignment handler runs for a date as `python -m local job` would, and its pending
requests show in the site's list as the later FAQ (questions 1-3) describes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

RUN_DAY = date(2027, 1, 4)
DOWNEAST, KATAHDIN = "1550000016", "1550000024"  # the demo practices' pay-to NPIs
MACHIAS_LOCATION, ELLSWORTH_CLINICIAN = "1550000032", "1550000073"
PRACTICE = "admin@downeast.example"
OTHER_PRACTICE = "admin@katahdin.example"


def _claim(member_id: str, day: date, billing: str, rendering: str, facility: str, code: str):
    from mainecare.domain.claims import model as m

    return m.Claim(
        kind="professional", control_number="0001", submitter=m.Party("SUB", "Submitter"),
        receiver=m.Party("MAINECARE", "MaineCare"), billing=m.BillingProvider(billing, "Billing Org"),
        payer_id="MAINECARE", subscriber=m.Person(last_name="Member", first_name="Test", member_id=member_id),
        patient_control_number=f"PCN-{member_id}", total_charge=Decimal("100"), facility_code="11",
        frequency_code="1", claim_filing_code="MC", signature_indicator="Y", plan_participation="A",
        benefits_assignment="Y", release_of_information="Y",
        lines=(m.ServiceLine(1, "HC", code, Decimal("100"), Decimal("1"), service_dates=m.DateRange(day),
                             rendering_npi=rendering),),
        service_facility=m.ServiceFacility(facility) if facility else None,
    )


class Claims:
    def __init__(self):
        self.count = 0

    def store(self, member_id: str, day: date, billing: str, *, rendering: str = "", facility: str = "",
              code: str = "99213", status: str = "ACCEPTED", times: int = 1) -> None:
        from mainecare.models.claims_json import claim_to_json
        from mainecare.stores import claims as claim_store

        for _ in range(times):
            self.count += 1
            claim = _claim(member_id, day, billing, rendering, facility, code)
            claim_store.put_claim(claim_store.StoredClaim(
                claim_id=f"CLM{self.count:06d}", trading_partner_id="DOWNEAST", channel="API", status=status,
                received_at="2027-01-02T10:00:00-05:00", patient_control_number=claim.patient_control_number,
                member_id=member_id, service_from=day.isoformat(), service_to=day.isoformat(), total_charge="100",
                source="test", claim=claim_to_json(claim), decision={}), [], actor="test")


@pytest.fixture
def quarter(aws, api, monkeypatch):
    from local import demo_health_homes
    from local.streams import StreamReader
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: RUN_DAY)
    # Timers wait on a clock moved forward by whole days, so none ends during the test.
    shift = timedelta(days=(datetime.now(UTC).date() - RUN_DAY).days + 1)
    monkeypatch.setattr(clock, "to_system", lambda instant: instant + shift)
    demo_health_homes.seed_reference()
    claims = Claims()
    # DEMO-0001: in PCCM with Machias; seen at Katahdin -> step 1 names Machias.
    claims.store("DEMO-0001", date(2026, 3, 2), KATAHDIN, times=3)
    # DEMO-0003: an Ellsworth clinician billing under Downeast's pay-to -> step 2 names Ellsworth.
    claims.store("DEMO-0003", date(2026, 5, 5), DOWNEAST, rendering=ELLSWORTH_CLINICIAN, times=2)
    claims.store("DEMO-0003", date(2026, 6, 5), KATAHDIN)
    # DEMO-0011: most primary care at Katahdin -> step 3; Downeast's claims were rejected (not counted).
    claims.store("DEMO-0011", date(2026, 2, 2), KATAHDIN, times=2)
    claims.store("DEMO-0011", date(2026, 2, 3), DOWNEAST, facility=MACHIAS_LOCATION, status="REJECTED", times=5)
    # DEMO-0007: one visit at each, same day -> a tie, no letter.
    claims.store("DEMO-0007", date(2026, 9, 9), DOWNEAST, facility=MACHIAS_LOCATION)
    claims.store("DEMO-0007", date(2026, 9, 9), KATAHDIN)
    # DEMO-0002: Pharmacy Only coverage -> not eligible; DEMO-0009: only claims before the look-back year.
    claims.store("DEMO-0002", date(2026, 4, 4), DOWNEAST, facility=MACHIAS_LOCATION)
    claims.store("DEMO-0009", date(2025, 12, 31), DOWNEAST, facility=MACHIAS_LOCATION)
    StreamReader(aws.session).drain()
    return aws


def _run(day: date = RUN_DAY) -> dict:
    from local.handlers import invoke
    from local.jobs import job_event

    return invoke("quarterly_assignment", job_event("quarterly_assignment", day, None))


def _history(aws, api, email: str, site: str) -> list[dict]:
    response = api.http.get(f"/v1/sites/{site}/member-requests", headers=aws.auth(email))
    assert response.status_code == 200, response.body
    return json.loads(response.body)["requests"]


def test_the_stream_writes_claim_lines_by_month_of_service_without_rejected_claims(quarter):
    from mainecare.stores import claim_lines

    keys = claim_lines.keys_under("claim-lines/")
    assert {k.split("/")[1] for k in keys} == {f"service-month=2026-{m:02d}" for m in (2, 3, 5, 6, 9, 4)} | {
        "service-month=2025-12"}
    rows = [row for key in keys for row in claim_lines.read_lines(key)]
    assert len(rows) == 3 + 3 + 2 + 2 + 1 + 1  # every stored line but the five rejected ones


def test_the_site_order_assigns_through_pccm_rendering_provider_and_plurality(quarter):
    report = _run()
    assert report["status"] == "DONE" and report["batch"] == "2027Q1-01"
    assert (report["lookback_first"], report["lookback_last"]) == ("2026-01-01", "2026-12-31")
    assert report["assigned"] == 3
    assert report["by_step"] == {"PCCM": 1, "PLURALITY": 1, "RENDERING_PROVIDER": 1}
    assert report["by_site"] == {"DOWNEAST-ELLSWORTH": 1, "DOWNEAST-MACHIAS": 1, "KATAHDIN-MILLINOCKET": 1}
    assert report["outcomes"] == {"ASSIGNED": 3, "NOT_ELIGIBLE": 1, "TIE": 1}
    assert report["members_considered"] == 5  # DEMO-0009's only claim is before the look-back year
    assert "DEMO-" not in json.dumps(report)  # the report names no member


def test_a_pending_request_shows_its_batch_and_reaches_the_practice_the_day_after_the_letter(quarter, api,
                                                                                          monkeypatch):
    from mainecare import clock

    _run()
    assert _history(quarter, api, PRACTICE, "DOWNEAST-ELLSWORTH") == []  # letter day: not uploaded yet
    assert _history(quarter, api, "staff@mainecare.example", "DOWNEAST-ELLSWORTH")  # staff see it at once
    monkeypatch.setattr(clock, "today", lambda: RUN_DAY + timedelta(days=1))
    [request] = _history(quarter, api, PRACTICE, "DOWNEAST-ELLSWORTH")
    assert request["status"] == "PENDING" and request["source"] == "AUTO_ASSIGN"
    assert request["reason"] == "Auto Assign Batch 2027Q1-01; opt-out period began 2027-01-04"
    assert request["assigns_on"] == "2027-02-01"  # 28 days from the letter, on the 29th
    assert _history(quarter, api, OTHER_PRACTICE, "KATAHDIN-MILLINOCKET")[0]["batch"] == "2027Q1-01"


def test_a_rerun_of_the_quarter_writes_no_member_twice_even_after_an_opt_out(quarter, api):
    first = _run()
    assert first["assigned"] == 3
    [request] = _history(quarter, api, "staff@mainecare.example", "KATAHDIN-MILLINOCKET")
    response = api.http.post(f"/v1/member-requests/{request['request_id']}/opt-out",
                             headers=quarter.auth("memberservices@mainecare.example"),
                             body=json.dumps({"channel": "PHONE"}))
    assert response.status_code == 200, response.body
    again = _run(RUN_DAY + timedelta(days=10))
    assert again["batch"] == "2027Q1-02" and again["assigned"] == 0
    assert again["outcomes"]["ALREADY_ASSIGNED_THIS_QUARTER"] == 3
    assert len(_history(quarter, api, "staff@mainecare.example", "KATAHDIN-MILLINOCKET")) == 1


def test_every_step_of_the_deployed_machine_is_a_handler_action(quarter):
    from local.handlers import invoke

    started = invoke("quarterly_assignment", {"action": "start", "run_date": "2027-01-04"})
    from mainecare.stores import claim_lines

    for item in claim_lines.get_json(started["shard_list"]):
        assert invoke("quarterly_assignment", {"action": "count_shard", "batch": started["batch"],
                                               "shard": item["key"]})["lines"] > 0
    merged = invoke("quarterly_assignment", {"action": "merge", "batch": started["batch"]})
    assert merged["members"] == 5 and merged["chunks"] == 1
    for item in claim_lines.get_json(merged["chunk_list"]):
        invoke("quarterly_assignment", {"action": "assign_chunk", "batch": started["batch"], "chunk": item["key"]})
    assert invoke("quarterly_assignment", {"action": "finish", "batch": started["batch"]})["assigned"] == 3
    with pytest.raises(ValueError):
        invoke("quarterly_assignment", {"action": "explode"})
