"""S3 (reference bucket, incoming/) -> SQS -> here: load each dropped crosswalk or member eligibility file.

The key's folder says which: incoming/members/ is a member eligibility file, incoming/asp/ and
incoming/pdac/ are crosswalks. A member file's log line and metrics carry counts only (its rows are PHI).

Batch with partial failures: a message whose processing raised is reported back and retried (then
dead-lettered); a file that is simply unreadable is recorded as rejected and not retried.
"""

from __future__ import annotations

import warnings

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse

from mainecare.models.s3_events import s3_objects
from mainecare.observability import logger, metrics
from mainecare.services.load_crosswalk import load_crosswalk_object
from mainecare.services.load_members import is_member_file, load_member_object

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record) -> None:
    for obj in s3_objects(record.body):
        if is_member_file(obj.key):
            _load_members(obj)
            continue
        outcome = load_crosswalk_object(obj.bucket, obj.key)
        logger().info("crosswalk file processed", extra={"file": obj.key, **outcome.as_dict()})
        metrics().add_metric(name="CrosswalkLoaded" if outcome.loaded else "CrosswalkRejected",
                             unit="Count", value=1)


def _load_members(obj) -> None:
    outcome = load_member_object(obj.bucket, obj.key)
    logger().info("member eligibility file processed", extra={"file": obj.key, **outcome.as_dict()})
    metrics().add_metric(name="MemberFileLoaded" if outcome.loaded else "MemberFileRejected", unit="Count", value=1)
    metrics().add_metric(name="MemberRowsSkipped", unit="Count", value=outcome.rows_skipped)


def handler(event, context) -> PartialItemFailureResponse:
    try:
        return process_partial_response(event=event, record_handler=record_handler,
                                        processor=processor, context=context)
    finally:
        with warnings.catch_warnings():  # an empty batch (S3's test event) has no metrics: fine
            warnings.simplefilter("ignore")
            metrics().flush_metrics(raise_on_empty_metrics=False)
