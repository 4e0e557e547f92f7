"""S3 (reference bucket, incoming/) -> SQS -> here: load each dropped crosswalk or member eligibility file.

The key's folder says which: incoming/members/ is a member eligibility file, incoming/mdrp/ the CMS
rebate product list, incoming/asp/ and incoming/pdac/ are crosswalks. A member file's log line and
metrics carry counts only (its rows are PHI).

Batch with partial failures: a message whose processing raised is reported back and retried (then
dead-lettered); a file that is simply unreadable is recorded as rejected and not retried.

After a file loads, the claims pended for want of a crosswalk are re-edited here, in the same
invocation, rather than by a second function behind an EventBridge rule: the re-edit must see the
file just loaded, which this function has in hand; one function keeps one retry path (the SQS
message) and one alarmed DLQ instead of an event, a rule and another queue that could each drop
it; and the re-edit is idempotent, so a redelivered message repeats nothing. When a backlog
outlasts the invocation, the message is failed on purpose: SQS delivers it again, the reload is
harmless, and the re-edit carries on with the claims still pended.
"""

from __future__ import annotations

import warnings

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse

from mainecare.models.s3_events import s3_objects
from mainecare.observability import logger, metrics
from mainecare.services.reference.load_crosswalk import load_crosswalk_object
from mainecare.services.reference.load_members import is_member_file, load_member_object
from mainecare.services.reference.load_rebate_list import load_rebate_object
from mainecare.stores.rebate_list import is_rebate_file

processor = BatchProcessor(event_type=EventType.SQS)
_invocation = {"context": None}  # the Lambda context, for the time the re-edit may take


class PendedBacklogLeft(Exception):
    """Time ran short with pended claims left: fail the message so SQS delivers it again."""


def record_handler(record) -> None:
    for obj in s3_objects(record.body):
        if is_member_file(obj.key):
            _load_members(obj)
            continue
        if is_rebate_file(obj.key):
            outcome = load_rebate_object(obj.bucket, obj.key)
            logger().info("rebate product list processed", extra={k: v for k, v in outcome.items() if k != "skipped"})
            metrics().add_metric(name="RebateListLoaded" if outcome["loaded"] else "RebateListRejected",
                                 unit="Count", value=1)
            continue
        outcome = load_crosswalk_object(obj.bucket, obj.key)
        logger().info("crosswalk file processed", extra={"file": obj.key, **outcome.as_dict()})
        metrics().add_metric(name="CrosswalkLoaded" if outcome.loaded else "CrosswalkRejected",
                             unit="Count", value=1)
        if outcome.loaded:
            release_pended_claims()


def release_pended_claims() -> None:
    context = _invocation["context"]
    seconds_left = (lambda: context.get_remaining_time_in_millis() / 1000) if context is not None else None
    # Imported here: the claim edits and models it needs cost about 0.4 s, paid only by a cold
    # container that actually loads a crosswalk (member files never need them).
    from mainecare.services.claims.reedit_pended import reedit_pended_claims

    outcome = reedit_pended_claims(seconds_left=seconds_left)
    logger().info("pended claims re-edited", extra=outcome.as_dict())
    metrics().add_metric(name="PendedClaimsReleased", unit="Count", value=outcome.released)
    if outcome.unreadable:
        metrics().add_metric(name="PendedClaimsUnreadable", unit="Count", value=len(outcome.unreadable))
    if not outcome.complete:
        raise PendedBacklogLeft("pended claims left for the next delivery of this message")


def _load_members(obj) -> None:
    outcome = load_member_object(obj.bucket, obj.key)
    logger().info("member eligibility file processed", extra={"file": obj.key, **outcome.as_dict()})
    metrics().add_metric(name="MemberFileLoaded" if outcome.loaded else "MemberFileRejected", unit="Count", value=1)
    metrics().add_metric(name="MemberRowsSkipped", unit="Count", value=outcome.rows_skipped)


def handler(event, context) -> PartialItemFailureResponse:
    _invocation["context"] = context
    try:
        return process_partial_response(event=event, record_handler=record_handler,
                                        processor=processor, context=context)
    finally:
        with warnings.catch_warnings():  # an empty batch (S3's test event) has no metrics: fine
            warnings.simplefilter("ignore")
            metrics().flush_metrics(raise_on_empty_metrics=False)
