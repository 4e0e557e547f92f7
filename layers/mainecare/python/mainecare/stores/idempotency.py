"""Idempotency records: a retried request with the same key gets the first answer back.

Built on Powertools Idempotency (the design card's choice) with its DynamoDB persistence layer,
so the record layout, the IN_PROGRESS lock, payload validation and expiry are the library's, not a
hand-made copy. What we add:
- the key is scoped to the caller's trading partner, so two partners can't collide;
- the request body's hash is the validated payload: the same key with another body is refused,
  until the record expires (a day); after that the key is free and a new body is a new request;
- a replay is reported to the caller (the `Idempotent-Replayed` header) through Powertools'
  response hook, which runs only when the answer comes from the store;
- an IN_PROGRESS lock lasts as long as the API function can run (29 s), so a request that died
  mid-way (timeout, crash) does not lock its key for a day.
Expiry is judged on the real clock (Powertools reads it), which is what a TTL is for.

The one table without a pynamodb model (the other stores' style, stores/transactions.py): its
items are Powertools' own, read and written by its persistence layer through the boto3 client.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache

from mainecare.config import settings
from mainecare.domain.errors import Conflict
from mainecare.stores.aws import client

TTL_SECONDS = 24 * 3600
IN_PROGRESS_MILLIS = 30_000  # the API function's timeout is 29 s (functions/api/.chalice/config.json)
_REPLAYED = "__replayed__"


class IdempotencyConflict(Conflict):
    """The same key arrived with a different body, or while the first request is still running."""


def fingerprint(body: bytes | None) -> str:
    return hashlib.sha256(body or b"").hexdigest()


class _RequestDeadline:
    """Stands in for the Lambda context Powertools reads the IN_PROGRESS lock's length from."""

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return IN_PROGRESS_MILLIS


@cache
def _persistence(table_name: str):
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    # Explicit attribute names: the table's TTL is on "expiration" (resources.py).
    return DynamoDBPersistenceLayer(table_name=table_name, key_attr="id", expiry_attr="expiration",
                                   boto3_client=client("dynamodb"))


def _mark_replayed(response: dict, _record) -> dict:
    return {**response, _REPLAYED: True}


def run_once(scope: str, key: str, body_hash: str, work: Callable[[], dict]) -> tuple[dict, bool]:
    """Run `work` once per (scope, key). Returns its answer and whether it was replayed from the store.

    An exception from `work` deletes the record (Powertools does), so a retry runs again.
    """
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    config = IdempotencyConfig(event_key_jmespath="[scope, key]", payload_validation_jmespath="body_hash",
                               expires_after_seconds=TTL_SECONDS, response_hook=_mark_replayed,
                               lambda_context=_RequestDeadline())

    @idempotent_function(data_keyword_argument="request", config=config,
                         persistence_store=_persistence(settings().table("Idempotency")))
    def once(request: dict) -> dict:
        return work()

    try:
        answer = once(request={"scope": scope, "key": key, "body_hash": body_hash})
    except IdempotencyValidationError as error:
        raise IdempotencyConflict("IDEMPOTENCY_KEY_REUSED",
                                  "This Idempotency-Key was used with a different request body.") from error
    except IdempotencyAlreadyInProgressError as error:
        raise IdempotencyConflict("IDEMPOTENCY_IN_PROGRESS",
                                  "A request with this Idempotency-Key is still being processed; retry "
                                  "shortly.") from error
    replayed = bool(answer.pop(_REPLAYED, False))
    return answer, replayed
