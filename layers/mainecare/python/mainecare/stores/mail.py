"""E-mail notices through SES (moto's locally: `python -m local outbox` shows them). A notice says
that something is waiting and where; it never carries health information."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores.aws import client


def send_notice(to: str, subject: str, text: str) -> str:
    sent = client("ses").send_email(
        Source=settings().mail_from, Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": subject, "Charset": "UTF-8"},
                 "Body": {"Text": {"Data": text, "Charset": "UTF-8"}}})
    return sent["MessageId"]
