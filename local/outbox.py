"""`python -m local outbox`: the e-mail the running stack sent (moto's SES keeps every message; its
server lists them at /moto-api/data.json). Notices carry no health information, so they can be shown."""

from __future__ import annotations

import json
import urllib.request

from local.answer import show


def add_parser(commands) -> None:
    commands.add_parser("outbox", help="the e-mail notices the running stack sent (moto's SES)")


def sent_messages(moto_endpoint: str) -> list[dict]:
    with urllib.request.urlopen(f"{moto_endpoint}/moto-api/data.json", timeout=30) as answer:
        data = json.load(answer)
    return [{"to": m.get("destinations", {}).get("ToAddresses", []), "from": m.get("source"),
             "subject": m.get("subject"), "body": m.get("body")}
            for m in data.get("ses", {}).get("Message", [])]


def cmd_outbox(args) -> int:
    from local.stack import running_state

    show(json.dumps(sent_messages(running_state()["moto_endpoint"]), indent=2))
    return 0
