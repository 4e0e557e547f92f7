"""Scheduled runs are for Maine dates: the firing time read in Maine, or the day an operator asks for."""

from __future__ import annotations

from datetime import date

import pytest

from local.jobs import job_event, scheduled_jobs
from mainecare.services.jobs.schedule import RunDateInvalid, scheduled_run


def test_a_run_fired_after_7_pm_in_maine_is_for_that_maine_day():
    # Monday 2026-03-02 22:30 in Maine (EST) is already Tuesday 03:30 in UTC.
    run = scheduled_run("license_sync", {"time": "2026-03-03T03:30:00Z"})
    assert run.run_date == date(2026, 3, 2) and run.month == "2026-03"


def test_summer_time_is_read_too():
    assert scheduled_run("x", {"time": "2026-07-01T03:59:59Z"}).run_date == date(2026, 6, 30)
    assert scheduled_run("x", {"time": "2026-07-01T04:00:00Z"}).run_date == date(2026, 7, 1)


def test_the_day_asked_for_wins_over_the_firing_time_and_the_month_can_be_named():
    run = scheduled_run("monthly_payments", {"time": "2026-12-01T08:00:00Z",
                                             "detail": {"date": "2027-01-01", "month": "2026-12"}})
    assert (run.run_date, run.month) == (date(2027, 1, 1), "2026-12")


def test_without_a_time_the_run_is_for_the_clocks_today(monkeypatch):
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 21))
    assert scheduled_run("x", {}).run_date == date(2026, 3, 21)


@pytest.mark.parametrize("event", [
    {"detail": {"date": "2026-02-30"}}, {"detail": {"date": "20260302"}}, {"detail": {"month": "2026-13"}},
    {"time": "yesterday"},
])
def test_a_bad_day_or_month_is_refused_by_name(event):
    with pytest.raises(RunDateInvalid):
        scheduled_run("x", event)


def test_a_job_not_built_yet_answers_for_the_day_its_event_names():
    from mainecare.services.jobs.schedule import not_built

    answer = not_built("future_job", "a later issue")(job_event("future_job", date(2027, 1, 4), None), None)
    assert answer == {"job": "future_job", "run_date": "2027-01-04", "month": "2027-01", "status": "NOT_BUILT"}
    assert {"license_sync", "quarterly_assignment"} <= set(scheduled_jobs())