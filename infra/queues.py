"""Work queues with their dead-letter queues, one per catalogue entry (resources.py)."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from mainecare.resources import CATALOGUE

DLQ_RETENTION = Duration.days(14)


def encrypted_queue(scope: Construct, construct_id: str, key: kms.IKey, **kwargs) -> sqs.Queue:
    return sqs.Queue(scope, construct_id, encryption=sqs.QueueEncryption.KMS, encryption_master_key=key,
                     data_key_reuse=Duration.hours(1), enforce_ssl=True, **kwargs)


class Queues(Construct):
    """One work queue per catalogue entry, each redriving to its own dead-letter queue."""

    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey) -> None:
        super().__init__(scope, construct_id)
        self.queues: dict[str, sqs.Queue] = {}
        self.dead_letter_queues: dict[str, sqs.Queue] = {}
        for spec in CATALOGUE.queues:
            consumer = CATALOGUE.function(spec.consumer)
            if spec.visibility_timeout_seconds < consumer.timeout_seconds:
                raise ValueError(f"{spec.logical_id}: visibility timeout below {consumer.name}'s timeout")
            dlq = encrypted_queue(self, f"{spec.logical_id}Dlq", key, retention_period=DLQ_RETENTION)
            self.dead_letter_queues[spec.logical_id] = dlq
            self.queues[spec.logical_id] = encrypted_queue(
                self, spec.logical_id, key,
                visibility_timeout=Duration.seconds(spec.visibility_timeout_seconds),
                retention_period=Duration.days(4),
                dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=spec.max_receive_count, queue=dlq),
            )
