"""The answers we send for an 837 file: TA1, 999 and 277CA interchanges, each with a fresh ISA13."""

from __future__ import annotations

from mainecare import clock
from mainecare.domain.claims.ack277 import IMPLEMENTATION_REF as ACK_277CA_VERSION
from mainecare.domain.claims.ack277 import AckClaim, AckHeader, write_277ca
from mainecare.stores.control_numbers import next_control_number
from x12.ack999 import OUR_QUALIFIER, write_999, write_ta1
from x12.reports import InterchangeError, InterchangeReport
from x12.writer import X12Writer

OUR_ID = "MAINECARE"
INVALID_CONTENT = "024"  # TA105: invalid interchange content (not an X12 interchange at all)


def ack_999(report: InterchangeReport) -> str:
    return write_999(report, OUR_ID, next_control_number(), clock.local_now())


def ack_ta1(report: InterchangeReport | None, message: str = "", duplicate: bool = False) -> str:
    if report is None:  # nothing readable: answer with what we can, addressed to no one in particular
        report = InterchangeReport(sender_id="UNKNOWN", receiver_id=OUR_ID, interchange_control_number="000000000",
                                   usage_indicator="P",
                                   interchange_errors=[InterchangeError(INVALID_CONTENT, message[:200])])
    return write_ta1(report, OUR_ID, next_control_number(), clock.local_now(), duplicate=duplicate)


class _IntoOpenGroup:
    """Lets write_277ca write its set into an X12Writer group, which then counts SE and GE itself."""

    def __init__(self, writer: X12Writer):
        self.writer = writer

    def segment(self, seg_id: str, *elements) -> None:
        if seg_id == "ST":
            self.writer.start_set(*elements[:3])
        elif seg_id == "SE":
            self.writer.end_set()
        else:
            self.writer.segment(seg_id, *elements)

    def text(self) -> str:
        return ""


def ack_277ca_interchange(report: InterchangeReport, sets: list[tuple[AckHeader, list[AckClaim]]]) -> str:
    """One interchange, one HN group, one 277CA per accepted 837 transaction set."""
    control, now = next_control_number(), clock.local_now()
    writer = X12Writer()
    receiver = report.groups[0].application_sender if report.groups else report.sender_id
    with writer.envelope(sender=(OUR_QUALIFIER, OUR_ID), receiver=(report.sender_qualifier or OUR_QUALIFIER,
                                                                   report.sender_id),
                         control=control, now=now, usage_indicator=report.usage_indicator or "P"):
        with writer.group("HN", OUR_ID, receiver or report.sender_id, control, now, ACK_277CA_VERSION):
            for header, claims in sets:
                write_277ca(header, claims, writer_factory=lambda: _IntoOpenGroup(writer))
    return writer.text()
