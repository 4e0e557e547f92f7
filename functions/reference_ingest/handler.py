"""S3 (reference bucket, incoming/) -> SQS -> here: load each dropped crosswalk file.

Batch with partial failures: a message whose processing raised is reported back and retried (then
dead-lettered); a file that is simply unreadable is recorded as rejected and not retried.
"""

from __future__ import annotations

import json
import warnings
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse

from mainecare.observability import logger, metrics
from mainecare.services.load_crosswalk import load_crosswalk_object

processor = BatchProcessor(event_type=EventType.SQS)


def s3_objects(message_body: str) -> list[tuple[str, str]]:
    body = json.loads(message_body)
    if body.get("Event") == "s3:TestEvent":  # S3 sends one when the notification is configured
        return []
    return [(r["s3"]["bucket"]["name"], unquote_plus(r["s3"]["object"]["key"]))
            for r in body.get("Records", []) if r.get("eventName", "").startswith("ObjectCreated")]


def record_handler(record) -> None:
    for bucket, key in s3_objects(record.body):
        outcome = load_crosswalk_object(bucket, key)
        logger().info("crosswalk file processed", extra={"file": key, **outcome.as_dict()})
        metrics().add_metric(name="CrosswalkLoaded" if outcome.loaded else "CrosswalkRejected",
                             unit="Count", value=1)


def handler(event, context) -> PartialItemFailureResponse:
    try:
        return process_partial_response(event=event, record_handler=record_handler,
                                        processor=processor, context=context)
    finally:
        with warnings.catch_warnings():  # an empty batch (S3's test event) has no metrics: fine
            warnings.simplefilter("ignore")
            metrics().flush_metrics(raise_on_empty_metrics=False)
