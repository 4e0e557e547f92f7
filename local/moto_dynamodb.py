"""moto's DynamoDB is not safe under concurrent requests; the local stack serializes them.

moto's TransactWriteItems deep-copies each table to roll back on failure while other request
threads write to the same table, and fails with "dictionary changed size during iteration"
(a 500 that botocore retries, and that bench/load.py saw reach the API after three retries).
Real DynamoDB isolates transactions; one lock around moto's DynamoDB actions gives the local
stack the same answers. It serializes only DynamoDB, which moto answers from memory.
"""

from __future__ import annotations

import functools
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
