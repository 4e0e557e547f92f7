"""Community Care Team panel additions through the API (later FAQ q47, q49; issue 9)."""

from __future__ import annotations

from tests.integration.test_health_home_api import PRACTICE, STAFF, hh  # noqa: F401 (fixture)

PATH = "/v1/community-care-teams/CCT-COASTAL/panel"


def test_a_member_joins_only_from_an_affiliated_panel(hh):  # noqa: F811
    status, body = hh.post(STAFF, PATH, {"member_id": "DEMO-0011", "month": "2026-01", "service_delivered": True})
    assert status == 422 and body["error"]["code"] == "NOT_ON_AFFILIATED_HEALTH_HOME_PANEL"


def test_the_cap_refuses_with_the_figures(hh):  # noqa: F811
    hh.assigned("DEMO-0009")  # on DOWNEAST-MACHIAS, affiliated with CCT-COASTAL; one member in all
    status, body = hh.post(STAFF, PATH, {"member_id": "DEMO-0009", "month": "2026-01", "service_delivered": True})
    assert status == 422 and body["error"]["code"] == "CCT_CAP_EXCEEDED"
    assert body["error"]["details"] == [{"rolling_average_percent": "100.00", "cap_percent": "5"}]


def test_no_service_that_month_no_addition_and_the_2013_faq_has_no_cap(hh):  # noqa: F811
    hh.assigned("DEMO-0009")
    no_service = {"member_id": "DEMO-0009", "month": "2014-01", "service_delivered": False}
    status, body = hh.post(STAFF, PATH, no_service)
    assert status == 422 and body["error"]["code"] == "NO_HEALTH_HOME_SERVICE_THIS_MONTH"
    status, body = hh.post(STAFF, PATH, {**no_service, "service_delivered": True})
    assert status == 200 and body["joined_month"] == "2014-01" and body["cap_percent"] == "100"
    assert hh.post(STAFF, PATH, {**no_service, "service_delivered": True})[0] == 409


def test_practices_and_unknown_teams_answer_404(hh):  # noqa: F811
    body = {"member_id": "DEMO-0009", "month": "2026-01", "service_delivered": True}
    assert hh.post(PRACTICE, PATH, body)[0] == 404
    assert hh.post(STAFF, "/v1/community-care-teams/NOPE/panel", body)[0] == 404


def test_the_payment_run_pays_a_ccts_panel_its_pmpm(hh):  # noqa: F811
    """CCT PMPM from the rate table ($129.50 under the 2013 FAQ, BRIEF section 5); the team has no tax
    id on file, so its remittance is the JSON one."""
    from datetime import date

    from mainecare.services.health_homes import payment_run

    hh.assigned("DEMO-0009")
    status, _ = hh.post(STAFF, PATH, {"member_id": "DEMO-0009", "month": "2014-01", "service_delivered": True})
    assert status == 200
    report = payment_run.run("2014-01", date(2014, 2, 1))
    assert (report["lines"], report["paid"]) == (1, "129.50")
    [remittance] = report["remittances"]
    assert remittance["keys"][0].startswith("CCT-COASTAL/remittances/2014-01/") and len(remittance["keys"]) == 1
    again = payment_run.run("2014-01", date(2014, 2, 2))
    assert again["lines"] == 0
