"""What a scheduled run is for: the Maine date of its EventBridge event, or the date asked for.

EventBridge stamps a scheduled event with the UTC time it fired (`time`); MaineCare's dates are
Maine dates, so a run fired at 02:00 UTC on a Tuesday is Monday's run. A re-run for another day
(an operator's, or `python -m local job NAME --date ...`) names the day in `detail.date` (and a
month-bound job its month in `detail.month`), which wins over the firing time.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from mainecare import clock
from mainecare.observability import logger
from valueobjects import value_object


class RunDateInvalid(ValueError):
    """The event names a day or month that is not a date (YYYY-MM-DD, YYYY-MM)."""


@value_object
class ScheduledRun:
    job: str
    run_date: date
    month: str  # YYYY-MM: the month a month-bound job runs for (the run date's, unless asked)

    def as_dict(self) -> dict:
        return {"job": self.job, "run_date": self.run_date.isoformat(), "month": self.month}


def scheduled_run(job: str, event: dict | None) -> ScheduledRun:
    event = event or {}
    detail = event.get("detail") or {}
    run_date = _asked_date(detail.get("date")) or _fired_on(event.get("time")) or clock.today()
    month = detail.get("month") or f"{run_date:%Y-%m}"
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(month)):
        raise RunDateInvalid("detail.month must be YYYY-MM")
    return ScheduledRun(job, run_date, month)


def _asked_date(text) -> date | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text)):
        raise RunDateInvalid("detail.date must be YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise RunDateInvalid("detail.date must be a real date") from error


def _fired_on(text) -> date | None:
    if not text:
        return None
    try:
        fired = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError as error:
        raise RunDateInvalid("time must be an ISO 8601 instant") from error
    if fired.tzinfo is None:  # EventBridge always sends UTC; a bare time is read as UTC too
        fired = fired.replace(tzinfo=UTC)
    return fired.astimezone(clock.zone()).date()


def not_built(job: str, area: str):
    """The handler of a scheduled job whose issue has not landed: it runs on its schedule, says so
    in the logs (with the Maine date it was for) and does nothing else."""

    def handler(event, context) -> dict:
        run = scheduled_run(job, event)
        logger().info("scheduled job not built yet", extra={**run.as_dict(), "area": area})
        return {**run.as_dict(), "status": "NOT_BUILT"}

    return handler
