"""python -m local [run | invoke | token | load-crosswalk | load-members | submit-837 | answers | clock | job |
openapi | dashboard | outbox]
(README: The local stack)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from local.answer import everything_else_to_stderr, progress, show

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT / "layers" / "mainecare" / "python", ROOT / "functions" / "api"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))


def cmd_run(args) -> int:
    from local import clock_setting, demo
    from local.cognito import DEMO_PASSWORD
    from local.stack import start

    stack = start(api_port=args.port, moto_port=args.moto_port)
    shown = clock_setting.describe()
    clock_line = (f"{shown['now']} (set; `python -m local clock reset` for the real time)" if shown["set"]
                  else f"{shown['now']} (Maine; move it with `python -m local clock set 2026-03-21`)")
    users = "\n".join(f"    {u.email:<28} {u.trading_partner_id:<10} {u.what_they_may_do}" for u in demo.USERS)
    print(f"""
MaineCare local stack is up (data lives only for this run).
  API:   {stack.api_url}      (OpenAPI: {stack.api_url}/v1/openapi.json)
  moto:  {stack.moto_endpoint}
  clock: {clock_line}
Demo users (password {DEMO_PASSWORD}):
{users}

Try it, in another terminal:
  TOKEN=$(.venv/bin/python -m local token admin@downeast.example)
  curl -s {stack.api_url}/v1/ndc/validate -H "Authorization: Bearer $TOKEN" \\
       -H 'Content-Type: application/json' \\
       -d '{{"ndc": "50242-0060-01", "hcpcs": "J9035", "date_of_service": "2026-04-10"}}'

Ctrl-C stops it.""", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    try:
        while not stopped.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    print("\nStopping the local stack...", flush=True)
    stack.close()
    return 0


def cmd_invoke(args) -> int:
    from local.handlers import invoke
    from local.stack import attach, running_state

    attach(running_state())
    event = json.loads(Path(args.event).read_text()) if args.event else {}
    show(json.dumps(invoke(args.function, event), indent=2, default=str))
    return 0


def cmd_token(args) -> int:
    from local.cognito import DEMO_PASSWORD, id_token
    from local.stack import attach, running_state

    state = running_state()
    session = attach(state)
    show(id_token(session.client("cognito-idp"), state["pool_id"], state["client_id"], args.email,
                   args.password or DEMO_PASSWORD))
    return 0


def _sniff_source(data: bytes) -> str:
    head = data[:20000].decode("latin-1").lower()
    return "PDAC" if "relationship start date" in head else "ASP"


def cmd_load_crosswalk(args) -> int:
    from local.stack import attach, running_state
    from mainecare.stores import reference_artifacts

    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    attach(running_state())
    data = path.read_bytes()
    source = (args.source or _sniff_source(data)).upper()
    before = {(e["source"], e["version"], e["loaded_at"]) for e in reference_artifacts.list_loaded()}
    key = reference_artifacts.put_incoming(source, path.name, data, version=args.version)
    progress(f"uploaded {key} ({len(data):,} bytes, {source}); waiting for reference_ingest to load it")
    started = time.monotonic()
    deadline, next_note = started + args.timeout, started + 5
    while time.monotonic() < deadline:
        if time.monotonic() >= next_note:
            progress(f"still loading ({time.monotonic() - started:.0f}s)")
            next_note += 5
        for entry in reference_artifacts.list_loaded():
            if entry["source_key"] == key and (entry["source"], entry["version"], entry["loaded_at"]) not in before:
                shown = {k: v for k, v in entry.items() if k not in ("pk", "sk")}
                show(json.dumps({"loaded": True, **shown}, indent=2))
                return 0
        rejection = reference_artifacts.get_rejection(key)
        if rejection:
            show(json.dumps({"loaded": False, **rejection}, indent=2))
            return 1
        time.sleep(0.3)
    print(f"{key} was uploaded but not loaded within {args.timeout}s", file=sys.stderr)
    return 1


def cmd_openapi(args) -> int:
    from local.handlers import load_module

    load_module("api")
    from chalicelib.openapi import openapi_document

    text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
    if args.out:
        Path(args.out).write_text(text)
    else:
        show(text.rstrip("\n"))
    return 0


def main(argv: list[str] | None = None) -> int:
    from local import clock_setting, dashboard, edi_files, jobs, load_members, outbox

    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"), format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request lines drown the rest
    parser = argparse.ArgumentParser(prog="python -m local", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="start moto, provision, seed demo data, serve the API")
    run.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    run.add_argument("--moto-port", type=int, default=None)
    invoke = commands.add_parser("invoke", help="run a function's handler against the running stack")
    invoke.add_argument("function")
    invoke.add_argument("--event", help="path to an event JSON, e.g. events/eventbridge/license_sync.json")
    token = commands.add_parser("token", help="print an ID token for a demo user of the running stack")
    token.add_argument("email")
    token.add_argument("--password")
    load = commands.add_parser("load-crosswalk", help="load an ASP or PDAC file into the running stack")
    load.add_argument("file")
    load.add_argument("--source", choices=["asp", "pdac", "ASP", "PDAC"], help="default: sniffed")
    load.add_argument("--version", help="ASP quarter (2026Q2) or PDAC file date; default: read from the file")
    load.add_argument("--timeout", type=float, default=60.0)
    load_members.add_parser(commands)
    edi_files.add_parsers(commands)
    clock_setting.add_parser(commands)
    jobs.add_parser(commands)
    dashboard.add_parser(commands)
    outbox.add_parser(commands)
    openapi = commands.add_parser("openapi", help="print (or --out FILE) the OpenAPI document")
    openapi.add_argument("--out")
    args = parser.parse_args(argv)
    handlers = {"run": cmd_run, "invoke": cmd_invoke, "token": cmd_token,
                "load-crosswalk": cmd_load_crosswalk, "openapi": cmd_openapi,
                "submit-837": edi_files.cmd_submit_837,
                "answers": edi_files.cmd_answers, "load-members": load_members.cmd_load_members,
                "clock": clock_setting.cmd_clock, "job": jobs.cmd_job, "dashboard": dashboard.cmd_dashboard,
                "outbox": outbox.cmd_outbox,
                None: cmd_run}
    if args.command is None:
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    if args.command == "run":  # the server's own banner and log are its answer
        return handlers["run"](args)
    with everything_else_to_stderr():
        return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
