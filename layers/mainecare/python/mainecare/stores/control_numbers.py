"""Interchange and group control numbers for what we send: unique, from an atomic counter."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores.aws import client

ISA13_MAX = 999_999_999


def next_control_number(name: str = "OUTBOUND_ISA") -> int:
    """1, 2, 3 ... wrapping within ISA13's nine digits (partners de-duplicate on sender + ISA13)."""
    updated = client("dynamodb").update_item(
        TableName=settings().table("Reference"), Key={"pk": {"S": "COUNTER"}, "sk": {"S": name}},
        UpdateExpression="ADD #v :one", ExpressionAttributeNames={"#v": "value"},
        ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")
    return (int(updated["Attributes"]["value"]["N"]) - 1) % ISA13_MAX + 1
