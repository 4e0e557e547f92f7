"""The local stack's moto DynamoDB answers one request at a time (moto is not thread-safe)."""

from __future__ import annotations

import threading
import time

from local.moto_dynamodb import serialize, serialize_dynamodb


class _Handler:
    running = 0
    most_at_once = 0

    def call_action(self):
        type(self).running += 1
        type(self).most_at_once = max(type(self).most_at_once, type(self).running)
        time.sleep(0.02)
        type(self).running -= 1
        return "answer"


def test_serialized_calls_never_overlap_and_still_answer():
    serialize(_Handler, "call_action", threading.RLock())
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(_Handler().call_action())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["answer"] * 8 and _Handler.most_at_once == 1


def test_serializing_moto_dynamodb_twice_wraps_it_once(monkeypatch):
    from moto.dynamodb.responses import DynamoHandler

    monkeypatch.setattr(DynamoHandler, "call_action", DynamoHandler.call_action)  # restored afterwards
    serialize_dynamodb()
    wrapped = DynamoHandler.call_action
    serialize_dynamodb()
    assert DynamoHandler.call_action is wrapped and wrapped.serialized
