from datetime import UTC, datetime

import pytest

from local.cron import Cron
from mainecare.resources import CATALOGUE


def test_license_sync_fires_on_mondays_at_six_utc():
    cron = Cron("cron(0 6 ? * MON *)")
    # 2026-11-25 is a Wednesday; the next Monday is 2026-11-30.
    assert cron.next_after(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)) == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    assert cron.next_after(datetime(2026, 11, 30, 6, 0, tzinfo=UTC)) == datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


def test_quarterly_assignment_fires_on_the_first_of_jan_apr_jul_oct():
    cron = Cron("cron(0 7 1 JAN,APR,JUL,OCT ? *)")
    assert cron.next_after(datetime(2026, 11, 25, tzinfo=UTC)) == datetime(2027, 1, 1, 7, 0, tzinfo=UTC)
    assert cron.next_after(datetime(2027, 1, 1, 7, 0, tzinfo=UTC)) == datetime(2027, 4, 1, 7, 0, tzinfo=UTC)


def test_steps_and_ranges():
    cron = Cron("cron(0/15 9-10 * * ? *)")
    assert cron.next_after(datetime(2026, 1, 1, 9, 50, tzinfo=UTC)) == datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    assert cron.next_after(datetime(2026, 1, 1, 10, 45, tzinfo=UTC)) == datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("expression", ["rate(5 minutes)", "cron(0 6 * *)", "cron(0 6 L * ? *)"])
def test_unsupported_expressions_are_refused(expression):
    with pytest.raises(ValueError):
        Cron(expression)


def test_every_catalogue_schedule_is_understood():
    for schedule in CATALOGUE.schedules:
        Cron(schedule.expression).next_after(datetime(2026, 1, 1, tzinfo=UTC))


def test_the_nth_weekday_of_the_month_fires_on_the_second_saturday():
    """The Member Dashboard refresh: "approximately the second weekend of each month" (later FAQ q24)."""
    cron = Cron("cron(0 6 ? * SAT#2 *)")
    assert cron.next_after(datetime(2026, 12, 1, tzinfo=UTC)) == datetime(2026, 12, 12, 6, 0, tzinfo=UTC)
    assert cron.next_after(datetime(2026, 12, 12, 7, 0, tzinfo=UTC)) == datetime(2027, 1, 9, 6, 0, tzinfo=UTC)
