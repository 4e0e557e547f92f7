"""`python -m local load-members FILE`: drop a member eligibility file in the running stack and
print what the reference ingest made of it (counts, and each skipped row's number, column and
reason; never a row's values)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from local.answer import show


def _report_for(key: str, version_id: str | None, before: dict | None) -> dict | None:
    from mainecare.stores import member_files

    report = member_files.get_report(key)
    if report is None:
        return None
    if version_id:
        return report if report.get("source_version_id") == version_id else None
    return report if report != before else None


def cmd_load_members(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"load-members: no such file: {path}", file=sys.stderr)
        return 2
    from local.stack import attach, running_state
    from mainecare.stores import member_files

    attach(running_state())
    data = path.read_bytes()
    before = member_files.get_report(f"{member_files.MEMBERS_PREFIX}{path.name}")
    key, version_id = member_files.put_incoming(path.name, data)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        report = _report_for(key, version_id, before)
        if report:
            show(json.dumps(report, indent=2))
            return 0 if report.get("loaded") else 1
        time.sleep(0.3)
    print(f"{key} was uploaded but not loaded within {args.timeout}s", file=sys.stderr)
    return 1


def add_parser(commands) -> None:
    load = commands.add_parser("load-members", help="load a member eligibility CSV into the running stack")
    load.add_argument("file")
    load.add_argument("--timeout", type=float, default=60.0)
