"""S3 (inbound bucket, <trading partner>/<file>) -> SQS -> here: 837 claim files.

Batch with partial failures: a file whose processing raised is reported back, retried by SQS and,
after maxReceiveCount, dead-lettered (the DLQ depth alarm pages the operator). Everything a
submitter did wrong is answered in the outbound bucket (TA1, 999, 277CA, rejection report), never
by an exception. Logs carry file names and counts only, no claim content.
"""

from __future__ import annotations

import warnings

from aws_lambda_powertools.metrics import MetricUnit, single_metric
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

from mainecare.models.s3_events import s3_objects
from mainecare.observability import logger, metrics
from mainecare.services.claims.ingest_edi import ingest_file

processor = BatchProcessor(event_type=EventType.SQS)


def record_handler(record) -> None:
    for obj in s3_objects(record.body):
        try:
            outcome = ingest_file(obj.bucket, obj.key, obj.version_id)
        except Exception:
            metrics().add_metric(name="EdiFileFailed", unit=MetricUnit.Count, value=1)
            logger().exception("837 file failed; SQS will retry it", extra={"file": obj.key})
            raise
        logger().info("837 file processed", extra={
            "file": obj.key, "status": outcome.status, "claims_received": outcome.claims_received,
            "claims_accepted": outcome.claims_accepted, "claims_rejected": outcome.claims_rejected,
            "validated_by": outcome.validated_by})
        record_metrics(outcome)


def record_metrics(outcome) -> None:
    m = metrics()
    m.add_metric(name="EdiFiles", unit=MetricUnit.Count, value=1)
    if outcome.validated_by == "patterns":  # how often the fast path carries files (the rest: slow path)
        m.add_metric(name="EdiFilesValidatedFast", unit=MetricUnit.Count, value=1)
    m.add_metric(name="ClaimsReceived", unit=MetricUnit.Count, value=outcome.claims_received)
    m.add_metric(name="ClaimsAccepted", unit=MetricUnit.Count, value=outcome.claims_accepted)
    m.add_metric(name="ClaimsRejected", unit=MetricUnit.Count, value=outcome.claims_rejected)
    if outcome.claims_pended:  # alarmed: a crosswalk file is missing and claims wait for it
        m.add_metric(name="PendedClaims", unit=MetricUnit.Count, value=outcome.claims_pended)
    if outcome.status in ("DUPLICATE", "INTERCHANGE_REJECTED", "SENDER_NOT_REGISTERED", "UNKNOWN_PARTNER"):
        m.add_metric(name=f"EdiFile{outcome.status.title().replace('_', '')}", unit=MetricUnit.Count, value=1)
    for reason, count in outcome.lines_denied.items():
        with single_metric(name="LinesDenied", unit=MetricUnit.Count, value=count,
                           namespace=m.namespace) as metric:
            metric.add_dimension(name="reason", value=reason)


def handler(event, context):
    try:
        return process_partial_response(event=event, record_handler=record_handler,
                                        processor=processor, context=context)
    finally:
        with warnings.catch_warnings():  # a batch of S3 test events has no metrics: fine
            warnings.simplefilter("ignore")
            metrics().flush_metrics(raise_on_empty_metrics=False)
