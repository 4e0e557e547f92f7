"""`python -m local job NAME [--date YYYY-MM-DD] [--month YYYY-MM] [--file F]`: run a scheduled (or an
operator's on-demand) job for any day.

The job's own handler runs in this process against the running stack, with the event its
EventBridge schedule sends (`time` at the schedule's hour on that day) and the day (and month)
named in `detail`, as an operator's re-run would. Without --date the day is the stack's clock's
today (`python -m local clock set` moves it).
"""

from __future__ import annotations

import json
import re
import sys
import time
from datetime import date
from pathlib import Path

from local.answer import progress, show


def add_parser(commands) -> None:
    job = commands.add_parser("job", help="run a scheduled job (license_sync, quarterly_assignment, "
                                          "monthly_payments) for a day against the running stack")
    job.add_argument("name", help="the scheduled function's name")
    job.add_argument("--date", help="the day the run is for, YYYY-MM-DD (default: the stack's today)")
    job.add_argument("--month", help="for a month-bound job: the month, YYYY-MM (default: the day's)")
    job.add_argument("--file", help="for a job that reads a file (account_migration): it is put in the "
                                    "reference bucket and the job is given its key")


def scheduled_jobs() -> list[str]:
    from mainecare.resources import CATALOGUE

    return sorted({schedule.function for schedule in CATALOGUE.schedules}
                  | {f.name for f in CATALOGUE.functions if f.on_demand})


def job_event(name: str, day: date, month: str | None) -> dict:
    detail = {"date": day.isoformat(), **({"month": month} if month else {})}
    return {"version": "0", "id": f"local-{name}-{day.isoformat()}", "detail-type": "Scheduled Event",
            "source": "aws.events", "time": f"{day.isoformat()}T12:00:00Z", "detail": detail}


def cmd_job(args) -> int:
    if args.name not in scheduled_jobs():
        print(f"no scheduled job {args.name!r} (have: {', '.join(scheduled_jobs())})", file=sys.stderr)
        return 2
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        print("--date must be YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.month and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.month):
        print("--month must be YYYY-MM", file=sys.stderr)
        return 2
    from local.handlers import invoke
    from local.stack import attach, running_state
    from mainecare import clock

    attach(running_state())
    try:
        day = date.fromisoformat(args.date) if args.date else clock.today()
    except ValueError:
        print("--date is not a real date", file=sys.stderr)
        return 2
    event = job_event(args.name, day, args.month)
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
        from mainecare.stores import reference_files

        event["detail"]["key"] = reference_files.put_text(f"accounts/legacy/{path.name}",
                                                          path.read_text(encoding="utf-8-sig"))
    progress(f"running {args.name} for {day.isoformat()}{f' (month {args.month})' if args.month else ''} ...")
    started = time.monotonic()
    answer = invoke(args.name, event)
    progress(f"{args.name} finished in {time.monotonic() - started:.1f}s")
    show(json.dumps(answer, indent=2, default=str))
    return 0
