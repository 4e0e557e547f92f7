"""Health Home events on the default EventBridge bus.

Sent after the transaction that made the change commits. Details name requests, sites and
providers by id, never a member's id or name: targets may archive or log them. An event that
cannot be sent is logged and counted (HealthHomeEventNotSent, alarmed): the change itself stands,
and its audit record in the same transaction holds what the event would have said.
"""

from __future__ import annotations

import json

from mainecare.observability import count_now, logger
from mainecare.stores.aws import client

SOURCE = "mainecare.health-homes"
BUS = "default"
NOT_SENT_METRIC = "HealthHomeEventNotSent"


def publish(detail_type: str, detail: dict, source: str = SOURCE) -> bool:
    """True when EventBridge accepted the event. A failure is logged (ids only), never raised: the
    state change it reports has already committed, with its audit record."""
    try:
        answer = client("events").put_events(Entries=[{
            "Source": source, "DetailType": detail_type, "EventBusName": BUS,
            "Detail": json.dumps(detail, sort_keys=True, default=str)}])
    except Exception:  # noqa: BLE001 - reported, not raised (see above)
        logger().exception("event not sent", extra={"detail_type": detail_type,
                                                     "request_id": detail.get("request_id")})
        count_now(NOT_SENT_METRIC)
        return False
    if answer.get("FailedEntryCount"):
        logger().error("event refused", extra={"detail_type": detail_type, "request_id": detail.get("request_id"),
                                               "error": answer["Entries"][0].get("ErrorCode")})
        count_now(NOT_SENT_METRIC)
        return False
    return True
