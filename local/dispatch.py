"""Delivers what Lambda's event sources would: SQS batches, EventBridge schedules, table streams.

moto cannot run Lambda code without Docker, so the local stack drains each catalogue queue and
calls its consumer's handler with a real-shaped SQS event, honouring partial batch failures (only
the failed messages stay on the queue and reach the DLQ after maxReceiveCount), and it fires each
schedule's handler when its cron expression comes due.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from local.cron import Cron
from local.handlers import invoke
from mainecare import clock
from mainecare.resources import CATALOGUE

log = logging.getLogger("local.dispatch")


def sqs_event(messages: list[dict], queue_arn: str, region: str) -> dict:
    return {"Records": [{
        "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
        "attributes": m.get("Attributes", {}), "messageAttributes": m.get("MessageAttributes", {}),
        "md5OfBody": m.get("MD5OfBody", ""), "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn, "awsRegion": region,
    } for m in messages]}


def drain_once(sqs, queue, queue_url: str, queue_arn: str, region: str, wait_seconds: int = 1) -> int:
    """Receive one batch, hand it to the consumer, delete what succeeded. Returns messages seen."""
    received = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=min(queue.batch_size, 10),
                                   WaitTimeSeconds=wait_seconds, AttributeNames=["All"]).get("Messages", [])
    if not received:
        return 0
    try:
        result = invoke(queue.consumer, sqs_event(received, queue_arn, region)) or {}
    except Exception:
        log.exception("%s failed a whole batch; messages return after the visibility timeout",
                      queue.consumer)
        return len(received)
    failed = {f["itemIdentifier"] for f in result.get("batchItemFailures", [])}
    for message in received:
        if message["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return len(received)


class Dispatcher:
    def __init__(self, session, queue_urls: dict[str, str]):
        self.session = session
        self.queue_urls = queue_urls
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        for queue in CATALOGUE.queues:
            self._spawn(self._poll, queue)
        self._spawn(self._schedules)
        self._spawn(self._streams)

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"dispatch-{target.__name__}")
        thread.start()
        self.threads.append(thread)

    def _poll(self, queue) -> None:
        sqs = self.session.client("sqs")
        url = self.queue_urls[queue.logical_id]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        while not self.stop.is_set():
            try:
                drain_once(sqs, queue, url, arn, self.session.region_name)
            except Exception:  # the server is going away, or a transient error: keep polling
                if not self.stop.wait(1):
                    log.exception("polling %s", queue.local_name)

    def _streams(self) -> None:
        from local.streams import StreamReader

        reader = StreamReader(self.session)
        while not self.stop.wait(2):
            try:
                reader.drain()
            except Exception:  # the server is going away, or a transient error: keep polling
                log.exception("reading table streams")

    def _schedules(self) -> None:
        crons = [(schedule, Cron(schedule.expression)) for schedule in CATALOGUE.schedules]
        # Schedules fire on the stack's clock, so a set clock reaches the jobs too; a clock set
        # back in time starts the count afresh (else nothing would fire until it caught up).
        last = clock.now()
        due = {s.logical_id: c.next_after(last) for s, c in crons}
        while not self.stop.wait(5):
            now = clock.now()
            if now < last:
                due = {s.logical_id: c.next_after(now) for s, c in crons}
            last = now
            for schedule, cron in crons:
                if now >= due[schedule.logical_id]:
                    log.info("schedule %s fires %s", schedule.logical_id, schedule.function)
                    try:
                        invoke(schedule.function, scheduled_event(schedule, now))
                    except Exception:
                        log.exception("schedule %s failed", schedule.logical_id)
                    due[schedule.logical_id] = cron.next_after(now)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=5)


def scheduled_event(schedule, now: datetime) -> dict:
    return {
        "version": "0", "id": f"local-{schedule.logical_id}-{int(now.timestamp())}",
        "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012",
        "time": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "region": "us-east-1",
        "resources": [f"arn:aws:events:us-east-1:123456789012:rule/{schedule.logical_id}"], "detail": {},
    }
