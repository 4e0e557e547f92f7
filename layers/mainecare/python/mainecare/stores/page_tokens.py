"""Opaque page tokens for pynamodb queries: the page's last key as URL-safe base64 JSON, and back,
refused unless it was cut from the very list asked for (its partition attribute must match), so a
token naming another partition (another partner's) never reaches DynamoDB."""

from __future__ import annotations

import base64
import json

from mainecare.domain.errors import Invalid


class PageTokenInvalid(Invalid):
    def __init__(self):
        super().__init__("NEXT_TOKEN_INVALID", "next_token is not one this list answered; start again without it.")


def cut(last_evaluated_key: dict | None) -> str | None:
    """A pynamodb result's last_evaluated_key (string attributes) as a token; None at the end."""
    if not last_evaluated_key:
        return None
    plain = {name: value["S"] for name, value in last_evaluated_key.items()}
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def start_key(token: str, fields: set[str], partition_field: str, partition: str) -> dict:
    try:
        plain = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, TypeError) as error:
        raise PageTokenInvalid() from error
    if not isinstance(plain, dict) or set(plain) != fields or plain.get(partition_field) != partition \
            or not all(isinstance(v, str) and len(v) <= 1024 for v in plain.values()):
        raise PageTokenInvalid()
    return {name: {"S": value} for name, value in plain.items()}
