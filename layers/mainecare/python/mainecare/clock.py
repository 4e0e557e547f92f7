"""The one clock: every rule's "today" and every timestamp we write come from here, and nothing
else reads the system time (tests/unit/test_one_clock.py fails if anything does).

Dates are Maine dates (America/New_York): after 7 pm in Maine the UTC date is already tomorrow,
and a cut-off day, an opt-out window or day 29 must not be judged on it. Timestamps stay
UTC-aware instants.

The module sits at the package top, beside config, not in services: stores stamp times too
(audit entries, EDI files, reference loads) and stores never import services.

The local stack can set the clock (`python -m local clock set 2026-03-21`): the command runs in
another process, so the setting travels as a small JSON file whose path the stack puts in
MAINECARE_LOCAL_CLOCK_FILE. Deployed functions never have that variable, so there the clock is
the system clock and cannot be set. A set clock runs on from the moment it was set to (a fixed
offset from the system clock), so timestamps keep their order and a timer still counts down.
"""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from valueobjects import value_object

MAINE = "America/New_York"
SETTING_ENV = "MAINECARE_LOCAL_CLOCK_FILE"
RECHECK_SECONDS = 1.0  # every request reads the clock: look at the setting file at most once a second


@cache
def zone(name: str = MAINE) -> tzinfo:
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # a runtime without tz data: Eastern Standard Time all year
        return timezone(timedelta(hours=-5), "EST")


def system_now() -> datetime:
    """The system clock itself: the one read of it in the code base."""
    return datetime.now(UTC)


def now() -> datetime:
    return system_now() + offset()


def now_text() -> str:
    return now().isoformat(timespec="milliseconds")


def today() -> date:
    return now().astimezone(zone()).date()


def local_now() -> datetime:
    """Now on Maine's wall clock (the dates and times written into X12 envelopes)."""
    return now().astimezone(zone())


def epoch_seconds() -> int:
    """Now as Unix seconds (DynamoDB TTL attributes and expiry checks)."""
    return int(now().timestamp())


def to_system(instant: datetime) -> datetime:
    """The system-clock instant at which this clock shows `instant`: for waits that AWS counts on
    its own clock (the Step Functions opt-out timer's Wait state)."""
    return instant - offset()


# -- the local setting -----------------------------------------------------------------------

@value_object
class _Seen:
    path: str
    checked: float  # time.monotonic() of the last look
    signature: tuple | None  # the file's inode, size and mtime: a new write changes it
    offset: timedelta


_seen: _Seen | None = None
_lock = threading.Lock()


def offset() -> timedelta:
    """How far the local stack's setting moves the clock; zero unless the local stack set one."""
    global _seen
    path = os.environ.get(SETTING_ENV)
    if not path:
        return timedelta(0)
    seen, moment = _seen, time.monotonic()
    if seen is not None and seen.path == path and moment - seen.checked < RECHECK_SECONDS:
        return seen.offset
    with _lock:
        signature = _signature(path)
        if seen is not None and seen.path == path and seen.signature == signature:
            _seen = _Seen(path, moment, signature, seen.offset)
        else:
            _seen = _Seen(path, moment, signature, _read_offset(path) if signature else timedelta(0))
        return _seen.offset


def _signature(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def _read_offset(path: str) -> timedelta:
    try:
        return timedelta(seconds=float(json.loads(Path(path).read_text())["offset_seconds"]))
    except (OSError, ValueError, KeyError, TypeError):
        return timedelta(0)  # half-written or foreign: the real time until the next good write


def write_setting(path: Path, moment: datetime) -> dict:
    """Set the clock to `moment` (aware) from now on; returns what was written."""
    current = system_now()
    setting = {"set_to": moment.astimezone(UTC).isoformat(timespec="seconds"),
               "set_at": current.isoformat(timespec="seconds"),
               "offset_seconds": round((moment - current).total_seconds(), 3)}
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(json.dumps(setting, indent=2))
    scratch.replace(path)  # readers see the old setting or the new one, never half of one
    _forget()
    return setting


def clear_setting(path: Path) -> None:
    path.unlink(missing_ok=True)
    _forget()


def _forget() -> None:
    global _seen
    _seen = None
