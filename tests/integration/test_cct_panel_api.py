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
