"""What time it is, in one place, so tests and drills can move it.

MaineCare's dates (letter dates, assignment days, cut-off days) are Maine dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAINE = "America/New_York"


@cache
def zone(name: str = MAINE) -> tzinfo:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # a runtime without tz data: Eastern Standard Time all year
        return timezone(timedelta(hours=-5), "EST")


def now() -> datetime:
    return datetime.now(UTC)


def now_text() -> str:
    return now().isoformat(timespec="milliseconds")


def today() -> date:
    return now().astimezone(zone()).date()
