"""The one clock answers in Maine's time, and only the local stack's setting file can move it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from mainecare import clock

# 9:30 pm in Maine on 21 March 2026 (EDT, UTC-4): the UTC date is already the 22nd.
EVENING_IN_MAINE = datetime(2026, 3, 22, 1, 30, tzinfo=UTC)


@pytest.fixture
def system_at(monkeypatch):
    def at(moment: datetime):
        monkeypatch.setattr(clock, "system_now", lambda: moment)
    monkeypatch.delenv(clock.SETTING_ENV, raising=False)
    yield at
    clock._forget()


def test_after_7_pm_in_maine_today_is_still_maines_today(system_at):
    system_at(EVENING_IN_MAINE)
    assert clock.today() == date(2026, 3, 21)
    assert clock.local_now().strftime("%Y%m%d %H%M") == "20260321 2130"
    assert clock.now() == EVENING_IN_MAINE and clock.now().tzinfo is UTC
    assert clock.epoch_seconds() == int(EVENING_IN_MAINE.timestamp())


def test_a_setting_moves_the_clock_and_it_runs_on_from_the_set_moment(system_at, monkeypatch, tmp_path):
    setting = tmp_path / "clock.json"
    monkeypatch.setenv(clock.SETTING_ENV, str(setting))
    system_at(EVENING_IN_MAINE)
    assert clock.today() == date(2026, 3, 21)  # no file yet: the real time

    target = datetime(2026, 6, 30, 23, 0, tzinfo=clock.zone())
    written = clock.write_setting(setting, target)
    assert written["offset_seconds"] == (target - EVENING_IN_MAINE).total_seconds()
    assert clock.now() == target and clock.today() == date(2026, 6, 30)

    system_at(EVENING_IN_MAINE + timedelta(hours=2))  # two hours pass: it is 1 am on July 1st in Maine
    clock._forget()
    assert clock.today() == date(2026, 7, 1)
    assert clock.to_system(clock.now()) == EVENING_IN_MAINE + timedelta(hours=2)

    clock.clear_setting(setting)
    assert clock.now() == EVENING_IN_MAINE + timedelta(hours=2)


def test_without_the_local_variable_a_setting_file_is_ignored(system_at, tmp_path):
    """Deployed functions never have MAINECARE_LOCAL_CLOCK_FILE: there the clock cannot be set."""
    system_at(EVENING_IN_MAINE)
    clock.write_setting(tmp_path / "clock.json", datetime(2030, 1, 1, tzinfo=UTC))
    assert clock.now() == EVENING_IN_MAINE and clock.offset() == timedelta(0)


def test_a_change_written_by_another_process_shows_within_the_recheck_interval(system_at, monkeypatch, tmp_path):
    setting = tmp_path / "clock.json"
    monkeypatch.setenv(clock.SETTING_ENV, str(setting))
    system_at(EVENING_IN_MAINE)
    assert clock.offset() == timedelta(0)
    setting.write_text(json.dumps({"offset_seconds": 86400}))  # another process: no _forget() here
    assert clock.offset() == timedelta(0), "read at most once a second, not on every call"
    monkeypatch.setattr(clock, "RECHECK_SECONDS", 0.0)
    assert clock.offset() == timedelta(days=1)


@pytest.mark.parametrize("text", ["", "{", '{"offset_seconds": "soon"}', "[]"])
def test_an_unreadable_setting_is_the_real_time_not_an_error(system_at, monkeypatch, tmp_path, text):
    setting = tmp_path / "clock.json"
    setting.write_text(text)
    monkeypatch.setenv(clock.SETTING_ENV, str(setting))
    system_at(EVENING_IN_MAINE)
    assert clock.now() == EVENING_IN_MAINE


def test_the_local_command_reads_a_date_as_that_maine_day_and_refuses_days_without_rules(system_at):
    from local import clock_setting

    system_at(EVENING_IN_MAINE)
    moment = clock_setting.parse_moment("2026-07-04")
    assert (moment.date(), moment.hour, moment.minute) == (date(2026, 7, 4), 21, 30)
    assert clock_setting.parse_moment("2026-07-04T08:15").utcoffset() == timedelta(hours=-4)
    assert clock_setting.parse_moment("2026-07-04T08:15Z").utcoffset() == timedelta(0)
    assert clock_setting.first_settable() == date(2026, 1, 1)  # permission sets begin then
