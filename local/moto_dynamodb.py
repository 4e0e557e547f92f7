"""moto's DynamoDB is not safe under concurrent requests; the local stack serializes them.

moto's TransactWriteItems deep-copies each table to roll back on failure while other request
threads write to the same table, and fails with "dictionary changed size during iteration"
(a 500 that botocore retries, and that bench/load.py saw reach the API after three retries).
Real DynamoDB isolates transactions; one lock around moto's DynamoDB actions gives the local
stack the same answers. It serializes only DynamoDB, which moto answers from memory.
"""

from __future__ import annotations

import base64
import functools
import json
import threading


def serialize(cls: type, method_name: str, lock: threading.RLock) -> None:
    """Make every call of `cls.method_name` hold `lock` (idempotent)."""
    original = getattr(cls, method_name)
    if getattr(original, "serialized", False):
        return

    @functools.wraps(original)
    def serialized(self, *args, **kwargs):
        with lock:
            return original(self, *args, **kwargs)

    serialized.serialized = True
    setattr(cls, method_name, serialized)


def serialize_dynamodb() -> None:
    """Run moto's DynamoDB actions one at a time in this process."""
    from moto.dynamodb.responses import DynamoHandler

    serialize(DynamoHandler, "call_action", threading.RLock())


# The data-plane answers whose output is only DynamoDB's typed JSON, counts and keys.
_ITEM_ACTIONS = frozenset({"GetItem", "Query", "Scan", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem",
                           "TransactGetItems"})


def _wire(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def fast_item_responses() -> None:
    """Answer moto's item reads and writes with plain JSON (idempotent).

    moto 5.2 renders every answer through a generic serializer that walks the botocore shape of
    each attribute of each item: reading an item back costs milliseconds, most of the local stack's
    time once tables hold thousands of items (a payment run over 20,000 members spent half its time
    there). For the item actions the answer is already DynamoDB's wire JSON (typed values, counts,
    keys), so json.dumps gives the same body, binary values base64-encoded as the serializer does;
    every other action, and every error, still goes through moto's serializer.
    """
    from moto.dynamodb.responses import DynamoResult

    original = DynamoResult.execute_result
    if getattr(original, "fast", False):
        return

    def execute_result(self, context):
        if context.operation_model.name in _ITEM_ACTIONS and isinstance(self.result, dict):
            body = json.dumps(_without_none(self.result), default=_wire, separators=(",", ":"))
            return 200, {"Content-Type": "application/x-amz-json-1.0"}, body
        return original(self, context)

    execute_result.fast = True
    execute_result.original = original  # what a test compares against
    DynamoResult.execute_result = execute_result
