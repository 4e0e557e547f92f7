"""A site's Member Request History as the practice reads it (later FAQ question 2): decisions,
auto-assignment batches with their letter dates, status filters."""

from __future__ import annotations

from datetime import timedelta

from tests.integration.test_health_home_api import PRACTICE, SITE, TODAY, hh  # noqa: F401 (the fixture)


def test_request_history_shows_decisions_and_auto_assign_batches(hh):  # noqa: F811
    from mainecare.services.health_homes import member_requests

    # mailed yesterday: the practice sees an auto-assignment from the day after the letter date
    member_requests.auto_assign("2026Q1-001", TODAY - timedelta(days=1), [("DEMO-0009", SITE), ("DEMO-0002", SITE)])
    hh.request("DEMO-0002")
    status, history = hh.get(PRACTICE, f"/v1/sites/{SITE}/member-requests?status=PENDING")
    assert status == 200 and history["count"] == 1
    [auto] = history["requests"]
    assert auto["source"] == "AUTO_ASSIGN" and auto["batch"] == "2026Q1-001"
    assert auto["reason"] == "Auto Assign Batch 2026Q1-001; opt-out period began 2025-12-31"
    assert auto["opt_out_period_begins"] == "2025-12-31" and auto["assigns_on"] == "2026-01-28"
    status, everything = hh.get(PRACTICE, f"/v1/sites/{SITE}/member-requests")
    assert {r["status"] for r in everything["requests"]} == {"PENDING", "DENIED"}
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/member-requests?status=BOGUS")[0] == 400
