"""Exits through the API and the auto-assignment: terminations and both kinds of opt-out keep the
member out of later runs as far as the later FAQ says (q5, q6); a late opt-out is refused with the
dates (issue 16 items 3, 5, 7)."""

from __future__ import annotations

from datetime import date

from tests.integration.test_health_home_api import (  # noqa: F401 (hh is a fixture)
    MEMBER_SERVICES,
    OTHER_PRACTICE,
    PRACTICE,
    SITE,
    hh,
)

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


def test_member_services_ends_a_membership_when_the_member_calls_after_day_29(hh):  # noqa: F811
    """Issue 16 item 6: only practices could terminate; a member who calls Member Services leaves."""
    hh.assigned("DEMO-0009")
    path = "/v1/members/DEMO-0009/health-home/leave"
    assert hh.post(PRACTICE, path, {"channel": "PHONE"})[0] == 403  # a practice terminates on its own route
    status, body = hh.post(MEMBER_SERVICES, path, {"channel": "PHONE"})
    assert status == 200 and (body["status"], body["ended_on"], body["termination_reason"]) == \
        ("TERMINATED", "2026-01-02", "NO_LONGER_WANTS_HEALTH_HOME")
    assert body["history"][-1]["channel"] == "PHONE"
    assert _run("DEMO-0009", ELSEWHERE) == "AUTO_ASSIGNMENT_BLOCKED"  # no longer wants any Health Home
    assert hh.post(MEMBER_SERVICES, path, {"channel": "PHONE", "effective_date": "2026-01-01"})[0] == 404


def test_a_leave_dated_today_is_refused(hh):  # noqa: F811
    hh.assigned("DEMO-0009")
    status, body = hh.post(MEMBER_SERVICES, "/v1/members/DEMO-0009/health-home/leave",
                           {"channel": "PHONE", "effective_date": "2026-01-01"})
    assert status == 400 and body["error"]["code"] == "EFFECTIVE_DATE_NOT_AFTER_TODAY"


def test_member_services_transfers_a_member_to_another_system_in_one_step(hh):  # noqa: F811
    """Later FAQ q7: "For the member to be transferred to a practice in another system, the member
    may call Member Services"."""
    hh.assigned("DEMO-0001")
    status, body = hh.post(MEMBER_SERVICES, "/v1/members/DEMO-0001/health-home/transfer",
                           {"to_site_id": ELSEWHERE, "channel": "PHONE", "effective_date": "2026-02-01"})
    assert status == 200, body
    out, joined = body["transferred_out"], body["transferred_in"]
    assert (out["status"], out["ended_on"], out["termination_reason"]) == ("TERMINATED", "2026-02-01",
                                                                           "MEMBER_TRANSFERRED")
    assert (joined["status"], joined["site_id"], joined["assigned_on"], joined["source"]) == \
        ("ASSIGNED", ELSEWHERE, "2026-02-01", "MEMBER_TRANSFER")
    _, february = hh.get(MEMBER_SERVICES, f"/v1/sites/{ELSEWHERE}/panel?month=2026-02")
    assert [m["member_id"] for m in february["members"]] == ["DEMO-0001"]
    _, old_february = hh.get(MEMBER_SERVICES, f"/v1/sites/{SITE}/panel?month=2026-02")
    assert old_february["count"] == 0
    # a transfer does not keep later auto-assignments from the old practice
    assert _run("DEMO-0001", ELSEWHERE) == "ALREADY_ENROLLED"


def _transfer_request(hh):  # noqa: F811
    hh.assigned("DEMO-0001")  # on DOWNEAST-MACHIAS (the Downeast system) from 2026-01-01
    status, body = hh.post(OTHER_PRACTICE, f"/v1/sites/{ELSEWHERE}/member-requests", {"member_id": "DEMO-0001"})
    assert status == 200, body
    return body


def test_a_practice_of_another_system_may_request_a_member_on_a_panel(hh):  # noqa: F811
    """Later FAQ q7: "or the new Health Home Practice may request the member through the HHES
    portal": a letter and 28 days as for any request; the old membership ends when the new begins."""
    pending = _transfer_request(hh)
    assert (pending["status"], pending["source"], pending["assigns_on"]) == ("PENDING", "TRANSFER_REQUEST",
                                                                             "2026-01-29")
    _, old = hh.get(MEMBER_SERVICES, f"/v1/member-requests/{pending['moved_from_request_id']}")
    assert (old["status"], old["ended_on"], old["termination_reason"]) == ("TERMINATED", "2026-01-29",
                                                                           "MEMBER_TRANSFERRED")
    _, january = hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-01")
    assert [m["member_id"] for m in january["members"]] == ["DEMO-0001"]  # still on it until the 29th


def test_opting_out_of_a_transfer_keeps_the_old_membership_as_it_was(hh):  # noqa: F811
    from mainecare.stores import panels

    pending = _transfer_request(hh)
    status, _ = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-out", {"channel": "PHONE"})
    assert status == 200
    _, old = hh.get(MEMBER_SERVICES, f"/v1/member-requests/{pending['moved_from_request_id']}")
    assert (old["status"], old["ended_on"], old["termination_reason"]) == ("ASSIGNED", None, None)
    assert panels.open_enrollment("DEMO-0001", today=date(2026, 2, 1)).request_id == old["request_id"]


def test_an_early_opt_in_to_a_transfer_ends_the_old_membership_that_day(hh, monkeypatch):  # noqa: F811
    from mainecare import clock

    pending = _transfer_request(hh)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 10))
    status, joined = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-in",
                             {"channel": "PHONE"})
    assert status == 200 and (joined["status"], joined["assigned_on"]) == ("ASSIGNED", "2026-01-10")
    _, old = hh.get(MEMBER_SERVICES, f"/v1/member-requests/{pending['moved_from_request_id']}")
    assert (old["status"], old["ended_on"]) == ("TERMINATED", "2026-01-10")


def test_within_one_system_a_request_is_still_refused_staff_move_the_member(hh):  # noqa: F811
    hh.assigned("DEMO-0001")
    status, body = hh.post(PRACTICE, f"/v1/sites/{SIBLING}/member-requests", {"member_id": "DEMO-0001"})
    assert status == 409 and body["error"]["code"] == "MEMBER_ON_ANOTHER_PANEL"


FEED_HEADER = "member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"


def _feed(rows: str) -> None:
    from mainecare.services.reference.load_members import load_member_file

    assert load_member_file((FEED_HEADER + rows).encode(), "incoming/members/feed.csv").loaded


def test_a_member_who_loses_full_coverage_during_the_28_days_is_not_assigned(hh):  # noqa: F811
    """Issue 16 item 7: day 29 re-checks eligibility; the request ends with the reason."""
    from mainecare.stores import panels

    pending = hh.request("DEMO-0001")  # letter 2026-01-01, would join on 2026-01-29
    _feed("DEMO-0001,Demoperson,Ada,1970-03-04,ACS,2024-01-01,2026-01-20\n")
    status, ended = hh.get(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}")
    assert status == 200 and ended["status"] == "DENIED"
    assert [r["code"] for r in ended["reasons"]] == ["NO_COVERAGE"]
    assert ended["history"][-1]["action"] == "NOT_ELIGIBLE_ON_ASSIGNMENT_DAY"
    assert panels.open_enrollment("DEMO-0001", today=date(2026, 1, 2)) is None  # free to be requested again


def test_a_coverage_change_that_still_covers_day_29_changes_nothing(hh):  # noqa: F811
    pending = hh.request("DEMO-0001")
    _feed("DEMO-0001,Demoperson,Ada,1970-03-04,ACS,2024-01-01,2026-03-31\n")
    _, still = hh.get(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}")
    assert still["status"] == "PENDING"


def test_a_coverage_end_already_on_file_stops_the_request_at_once(hh):  # noqa: F811
    _feed("DEMO-0001,Demoperson,Ada,1970-03-04,ACS,2024-01-01,2026-01-20\n")
    denied = hh.request("DEMO-0001")  # covered today, not on 2026-01-29
    assert denied["status"] == "DENIED" and [r["code"] for r in denied["reasons"]] == ["NO_COVERAGE"]
