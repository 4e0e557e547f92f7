"""The date rules: the 28-day opt-out calendar and the attestable-month (cut-off day) rule.

Opt-out: the period starts on the letter (mail) date and lasts `days` days; a member who has not
opted out joins the panel the next day. Letter 2026-01-01: period 1-28 January, assigned 29
January. The timer fires at midnight, Maine time, starting the assignment day.

Attestation: a member is attestable for a month when on the panel at the end of that month's
cut-off day (the 21st from March 2013, the 20th under the later FAQ; no cut-off in the start-up
months). A termination's effective date is the first day off the panel.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from valueobjects import value_object

ASSIGNED_AFTER_CUTOFF = "ASSIGNED_AFTER_CUTOFF"
LEFT_BEFORE_CUTOFF = "LEFT_BEFORE_CUTOFF"


@value_object
class OptOutCalendar:
    letter_date: date
    period_begins: date  # day 1: the letter date
    last_day_to_opt_out: date  # day `days`
    assigned_on: date  # day `days` + 1
    deadline: datetime  # midnight (Maine) starting `assigned_on`, in UTC

    @property
    def deadline_text(self) -> str:
        """The form Step Functions' Wait TimestampPath accepts: RFC 3339, UTC, 'Z'."""
        return self.deadline.strftime("%Y-%m-%dT%H:%M:%SZ")


def opt_out_calendar(letter_date: date, days: int, zone: tzinfo) -> OptOutCalendar:
    if days < 1:
        raise ValueError("an opt-out period has at least one day")
    assigned_on = letter_date + timedelta(days=days)
    deadline = datetime.combine(assigned_on, time(0, 0), tzinfo=zone).astimezone(UTC)
    return OptOutCalendar(letter_date, letter_date, assigned_on - timedelta(days=1), assigned_on, deadline)


def parse_month(text: str) -> tuple[int, int]:
    """'YYYY-MM' -> (year, month); ValueError otherwise."""
    year, sep, month = text.partition("-")
    if not (sep and len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()):
        raise ValueError("month must be YYYY-MM")
    if not 1 <= int(month) <= 12:
        raise ValueError("month must be YYYY-MM")
    return int(year), int(month)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def cutoff_date(year: int, month: int, cutoff_day: int | None) -> date:
    """The last day a member may join the panel and count for the month (None: the whole month)."""
    last = monthrange(year, month)[1]
    return date(year, month, last if cutoff_day is None else min(cutoff_day, last))


def on_panel(assigned_on: date | None, ended_on: date | None, on: date) -> bool:
    return assigned_on is not None and assigned_on <= on and (ended_on is None or on < ended_on)


def on_panel_during(assigned_on: date | None, ended_on: date | None, year: int, month: int) -> bool:
    first, last = month_bounds(year, month)
    return assigned_on is not None and assigned_on <= last and (ended_on is None or ended_on > first)


def attestable(assigned_on: date | None, ended_on: date | None, year: int, month: int,
               cutoff_day: int | None) -> tuple[bool, str | None]:
    """(attestable?, why not) for a panel membership in a month."""
    cutoff = cutoff_date(year, month, cutoff_day)
    if assigned_on is None or assigned_on > cutoff:
        return False, ASSIGNED_AFTER_CUTOFF
    if ended_on is not None and ended_on <= cutoff:
        return False, LEFT_BEFORE_CUTOFF
    return True, None
