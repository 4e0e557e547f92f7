"""Exits through the API and the auto-assignment: terminations and both kinds of opt-out keep the
member out of later runs as far as the later FAQ says (q5, q6); a late opt-out is refused with the
dates (issue 16 items 3, 5, 7)."""

from __future__ import annotations

from datetime import date

from tests.integration.test_health_home_api import MEMBER_SERVICES, PRACTICE, SITE, hh  # noqa: F401 (fixture)

SIBLING = "DOWNEAST-ELLSWORTH"  # the same practice as SITE
ELSEWHERE = "KATAHDIN-MILLINOCKET"


def _run(member_id: str, site_id: str) -> str:
    from mainecare.services.health_homes import member_requests

    [(_, _, outcome)] = member_requests.auto_assign("2026Q2-001", date(2026, 4, 1), [(member_id, site_id)])
    return outcome


def test_not_served_at_this_site_keeps_the_member_from_the_whole_practice_only(hh):  # noqa: F811
    hh.assigned("DEMO-0009")
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0009/termination",
                        {"reason": "NOT_SERVED", "effective_date": "2026-02-01"})
    assert status == 200
    assert _run("DEMO-0009", SIBLING) == "AUTO_ASSIGNMENT_BLOCKED"
    assert _run("DEMO-0009", ELSEWHERE) != "AUTO_ASSIGNMENT_BLOCKED"


def test_an_opt_out_of_health_home_services_keeps_the_member_from_every_run(hh):  # noqa: F811
    pending = hh.request("DEMO-0003")
    status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-out",
                           {"channel": "PHONE", "scope": "HEALTH_HOME_SERVICES"})
    assert status == 200 and (body["status"], body["opt_out_scope"]) == ("OPTED_OUT", "HEALTH_HOME_SERVICES")
    assert _run("DEMO-0003", ELSEWHERE) == "AUTO_ASSIGNMENT_BLOCKED"


def test_an_opt_out_of_the_practice_keeps_the_member_from_that_practice_only(hh):  # noqa: F811
    pending = hh.request("DEMO-0011")
    status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-out",
                           {"channel": "PHONE"})
    assert status == 200 and body["opt_out_scope"] == "PRACTICE"  # the narrower reading by default
    assert _run("DEMO-0011", SIBLING) == "AUTO_ASSIGNMENT_BLOCKED"
    assert _run("DEMO-0011", ELSEWHERE) != "AUTO_ASSIGNMENT_BLOCKED"


def test_an_opt_out_after_day_28_is_refused_with_the_dates(hh, monkeypatch):  # noqa: F811
    from mainecare import clock

    pending = hh.request("DEMO-0001")  # letter 2026-01-01: last day to opt out 2026-01-28
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 29))  # the timer is late
    status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-out",
                           {"channel": "PHONE"})
    assert status == 409 and body["error"]["code"] == "OPT_OUT_PERIOD_OVER"
    assert "2026-01-28" in body["error"]["message"] and "2026-01-29" in body["error"]["message"]
