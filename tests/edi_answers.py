"""Test helper: the answers of a partner's 837 files, stored under <partner>/<file id>/<name>."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores import outbound


def answer_names(partner: str) -> list[str]:
    """Answer names (e.g. claims.txt.999) across the partner's files, sorted."""
    return sorted(key.split("/", 2)[2] for key in outbound.list_for(partner))


def answer_bytes(aws, partner: str, name: str) -> bytes:
    """The answer of that name; when the same file name was sent twice, the latest file's."""
    keys = [key for key in outbound.list_for(partner) if key.split("/", 2)[2] == name]
    assert keys, f"no answer {name} for {partner}"
    body = aws.session.client("s3").get_object(Bucket=settings().bucket("OutboundAck"), Key=keys[-1])
    return body["Body"].read()
