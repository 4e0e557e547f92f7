"""The weekly licence sync through its real handler on moto (as `python -m local job license_sync`
runs it), the licences route, and maintenance cases opened by the sync and by a practice."""

from __future__ import annotations

import json
from datetime import date

import pytest

MONDAY = date(2026, 3, 2)
ADA, BO, CY = "1550000081", "1550000099", "1550000107"
ADMIN, OTHER, STAFF = "admin@downeast.example", "admin@katahdin.example", "staff@mainecare.example"
EXPORT = """license_number,holder,profession,status,expiration_date,title5_review
MD100,Dr Ada Example,Physician,Active,2028-04-30,N
MD200,Bo Sample,Physician,Active,2028-04-30,Y
MD300,Cy Placeholder,Nurse Practitioner,Active,2028-04-30,N
NP900,Cy Placeholder,Nurse Practitioner,Active,2027-12-31,N
BROKEN,Nobody,,Active,not-a-date,N
"""


@pytest.fixture
def licensed(aws, monkeypatch):
    from local import demo_health_homes
    from mainecare import clock
    from mainecare.config import settings
    from mainecare.stores import providers

    monkeypatch.setattr(clock, "today", lambda: MONDAY)
    demo_health_homes.seed_reference()
    for npi, number, holder in ((ADA, "MD100", "Dr Ada Example"), (BO, "MD200", "Bo Sample"),
                                (CY, "MD300", "Cy Placeholder")):
        providers.put_provider(npi, [], "DOWNEAST")
        providers.put_license(npi, number, "ACTIVE", date(2026, 4, 30), holder, "Physician")
    aws.session.client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key="licenses/alms/latest.csv",
                                        Body=EXPORT.encode())
    return aws


def _sync(day: date = MONDAY) -> dict:
    from local.handlers import invoke
    from local.jobs import job_event

    return invoke("license_sync", job_event("license_sync", day, None))


def _get(api, aws, email, path):
    response = api.http.get(path, headers=aws.auth(email))
    return response.status_code, json.loads(response.body)


def test_the_monday_run_renews_skips_title_5_opens_a_case_and_reports_a_bad_row(licensed):
    report = _sync()
    assert report["status"] == "DONE" and report["visible_from"] == "2026-03-03"
    assert [(u["npi"], u["expires"]) for u in report["updated"]] == [(ADA, "2028-04-30"), (CY, "2028-04-30")]
    assert [(s["npi"], s["reason"]) for s in report["skipped"]] == [(BO, "TITLE_5_REVIEW")]
    assert report["cases_opened"] == [{"npi": CY, "license_number": "NP900"}]
    assert [m["row"] for m in report["malformed_rows"]] == [6]
    again = _sync()  # the same Monday again: nothing twice
    assert again["updated"] == [] and again["cases_opened"] == []


def test_a_renewal_reaches_the_portal_and_the_claim_edit_on_tuesday(licensed, api, monkeypatch):
    from mainecare import clock
    from mainecare.services.claims.context import edit_context

    _sync()
    status, body = _get(api, licensed, ADMIN, f"/v1/providers/{ADA}/licenses")
    assert status == 200 and body["licenses"][0]["current"]["expires"] == "2026-04-30"  # Monday: not yet
    assert edit_context(today=MONDAY).license_status(ADA, date(2026, 6, 1)).active_on(date(2026, 6, 1)) is False
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 3))
    status, body = _get(api, licensed, ADMIN, f"/v1/providers/{ADA}/licenses")
    [licence] = body["licenses"]
    assert licence["current"] == {"status": "ACTIVE", "starts": "2026-05-01", "expires": "2028-04-30",
                                  "visible_from": "2026-03-03"}
    assert [h["expires"] for h in licence["history"]] == ["2026-04-30", "2028-04-30"]
    assert edit_context(today=date(2026, 3, 3)).license_status(ADA, date(2026, 6, 1)).active_on(date(2026, 6, 1))


def test_another_partners_provider_and_an_unknown_npi_are_404_and_a_bad_npi_400(licensed, api):
    assert _get(api, licensed, OTHER, f"/v1/providers/{ADA}/licenses")[0] == 404
    assert _get(api, licensed, ADMIN, "/v1/providers/1999999999/licenses")[0] == 404
    assert _get(api, licensed, ADMIN, "/v1/providers/12345/licenses")[0] == 400
    assert _get(api, licensed, STAFF, f"/v1/providers/{ADA}/licenses")[0] == 200


def test_maintenance_cases_mismatch_refused_and_staff_apply_a_new_licence(licensed, api):
    def post(email, path, body):
        response = api.http.post(path, headers=licensed.auth(email), body=json.dumps(body))
        return response.status_code, json.loads(response.body)

    # Calais (service location 1550000057) is not accepting new patients: the provider cannot say it is.
    status, body = post(ADMIN, f"/v1/providers/{ADA}/maintenance-cases",
                        {"type": "ACCEPTING_NEW_PATIENTS", "accepting_new_patients": True,
                         "service_location_npi": "1550000057"})
    assert status == 422 and body["error"]["code"] == "ACCEPTING_NEW_PATIENTS_MISMATCH"
    status, case = post(ADMIN, f"/v1/providers/{ADA}/maintenance-cases",
                        {"type": "ADD_LICENSE", "license": {"license_number": "DEA77", "expires": "2029-01-31"}})
    assert status == 200 and case["status"] == "OPEN"
    assert post(OTHER, f"/v1/providers/{ADA}/maintenance-cases", {"type": "ADD_LICENSE"})[0] == 404
    assert post(ADMIN, f"/v1/maintenance-cases/{case['case_id']}/decision", {"decision": "APPLY"})[0] == 403
    status, decided = post(STAFF, f"/v1/maintenance-cases/{case['case_id']}/decision", {"decision": "APPLY"})
    assert status == 200 and decided["status"] == "APPLIED"
    status, again = post(STAFF, f"/v1/maintenance-cases/{case['case_id']}/decision", {"decision": "DENY"})
    assert status == 409 and again["error"]["code"] == "CASE_ALREADY_DECIDED"
    numbers = [lic["license_number"] for lic in _get(api, licensed, ADMIN, f"/v1/providers/{ADA}/licenses")[1]
               ["licenses"]]
    assert numbers == ["DEA77", "MD100"]
    assert [c["status"] for c in _get(api, licensed, ADMIN, f"/v1/providers/{ADA}/maintenance-cases")[1]["cases"]] \
        == ["APPLIED"]
