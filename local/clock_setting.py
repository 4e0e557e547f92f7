"""`python -m local clock [set WHEN | reset]`: move the local stack's clock to try a dated rule by hand.

The setting is a file in the stack's state folder (beside stack.json); the stack points
mainecare.clock at it through MAINECARE_LOCAL_CLOCK_FILE, and every route, queue consumer and
schedule of the running stack reads it within a second. A set clock runs on from the moment it
was set to. The setting lasts until `clock reset` or until the stack stops.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, time
from pathlib import Path

from local.answer import show
from local.state_files import CLOCK_FILE
from mainecare import clock

# EventBridge cron years (and so the local scheduler's) end with 2199; later dates are no test.
LAST_SETTABLE = date(2199, 12, 31)


def setting_file() -> Path:
    return CLOCK_FILE


def point_clock_at_setting() -> None:
    """Make this process's clock read the local setting (the stack and the commands that attach)."""
    os.environ[clock.SETTING_ENV] = str(setting_file())


def first_settable() -> date:
    """Before the first day every policy is in effect, signing in alone (permission sets) would
    find no rule to apply."""
    from mainecare.services.dated_rules import first_day_of_every_rule

    return first_day_of_every_rule()


def parse_moment(text: str) -> datetime:
    """2026-03-21 (that day, at the current Maine time of day) or an ISO date-time (Maine time
    unless it names its offset)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        moment = datetime.fromisoformat(text)  # ValueError: the caller says what to send
        return moment if moment.tzinfo else moment.replace(tzinfo=clock.zone())
    wall = clock.local_now().time().replace(tzinfo=None)
    return datetime.combine(day, time(wall.hour, wall.minute, wall.second), tzinfo=clock.zone())


def describe() -> dict:
    point_clock_at_setting()
    path = setting_file()
    shown = {"today": clock.today().isoformat(),
             "now": clock.local_now().isoformat(timespec="seconds"), "set": path.exists()}
    if path.exists():
        shown.update({k: v for k, v in json.loads(path.read_text()).items() if k in ("set_to", "set_at")})
    return shown


def cmd_clock(args) -> int:
    if args.action is None:
        show(json.dumps(describe(), indent=2))
        return 0
    if args.action == "reset":
        clock.clear_setting(setting_file())
        show(json.dumps(describe(), indent=2))
        return 0
    if not args.when:
        raise SystemExit("Say when: python -m local clock set 2026-03-21 (or 2026-03-21T18:30).")
    try:
        moment = parse_moment(args.when)
    except ValueError:
        raise SystemExit("Send a date YYYY-MM-DD or an ISO date-time such as 2026-03-21T18:30.") from None
    maine_day = moment.astimezone(clock.zone()).date()
    if not first_settable() <= maine_day <= LAST_SETTABLE:
        raise SystemExit(f"Set a day from {first_settable()} (when every policy has a version in effect) "
                         f"to {LAST_SETTABLE}.")
    clock.write_setting(setting_file(), moment.astimezone(UTC))
    show(json.dumps(describe(), indent=2))
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser("clock", help="show, set or reset the local stack's clock (Maine time)")
    parser.add_argument("action", nargs="?", choices=["set", "reset"])
    parser.add_argument("when", nargs="?", help="2026-03-21, or an ISO date-time (Maine time unless offset given)")
