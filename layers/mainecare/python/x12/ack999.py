"""Write the 999 (005010X231A1) and TA1 answers to an InterchangeReport.

One interchange back, sender and receiver swapped; one functional group (GS*FA) holding one
999 per functional group received: AK1, then per set AK2 / IK3 / IK4 / IK5, then AK9.
Layout follows the examples in the domain brief, section 4, except that IK303 stays empty (see
_write_set). IK5/AK9 "E" (accepted with errors noted) answers a set whose only errors are
MaineCare drug-line findings (see claim_rules).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from x12.reports import GroupReport, InterchangeReport, SetReport
from x12.writer import X12Writer

ACK_VERSION = "005010X231A1"
OUR_QUALIFIER = "ZZ"
_IK404_LIMIT = 99  # IK404 is AN 1-99
_IK4_PER_IK3 = 99  # the 999 allows 99 IK4 per IK3
DUPLICATE_INTERCHANGE = "025"


def acknowledged_groups(report: InterchangeReport) -> list[GroupReport]:
    """The groups a 999 answers: never an acknowledgement group (GS01 FA). Acknowledgements are not
    acknowledged (X12), and the 999's AK101 has no FA code, so answering one would be invalid X12."""
    return [group for group in report.groups if group.functional_id != "FA"]


@contextmanager
def _answer(report: InterchangeReport, our_id: str, control_number: int, now: datetime) -> Iterator[X12Writer]:
    """The interchange every answer travels in: ours to the sender of `report`, same usage (test
    or production); the caller writes its content inside."""
    writer = X12Writer()
    with writer.envelope(
        sender=(OUR_QUALIFIER, our_id),
        receiver=(report.sender_qualifier or OUR_QUALIFIER, report.sender_id),
        control=control_number,
        now=now,
        usage_indicator=_usage(report),
    ):
        yield writer


def write_999(report: InterchangeReport, our_id: str, control_number: int, now: datetime) -> str:
    """The 999 for every group but acknowledgements; "" when the interchange holds only those."""
    groups = acknowledged_groups(report)
    if report.groups and not groups:
        return ""
    with _answer(report, our_id, control_number, now) as writer:
        app_receiver = groups[0].application_sender if groups else report.sender_id
        if groups:
            with writer.group(
                "FA", our_id, app_receiver or report.sender_id, control_number, now, ACK_VERSION
            ):
                for number, group in enumerate(groups, start=1):
                    _write_group(writer, group, f"{number:04d}")
    return writer.text()


def write_ta1(
    report: InterchangeReport, our_id: str, control_number: int, now: datetime, *, duplicate: bool = False
) -> str:
    """A TA1-only interchange: R with the first envelope error (or 025 for a duplicate ISA13),
    A/000 when the envelope is sound."""
    if duplicate:
        code, note = "R", DUPLICATE_INTERCHANGE
    elif report.interchange_errors:
        code, note = "R", report.interchange_errors[0].code
    else:
        code, note = "A", "000"
    with _answer(report, our_id, control_number, now) as writer:
        writer.segment(
            "TA1",
            _echoed_control_number(report.interchange_control_number),
            _echoed_or(report.date, "%y%m%d", now),
            _echoed_or(report.time, "%H%M", now),
            code,
            note,
        )
    return writer.text()


def _echoed_control_number(value: str) -> str:
    """TA101 echoes ISA13, nine digits; one that is not (TA105 018 says so) is answered as zeros."""
    return value if len(value) == 9 and value.isdigit() else "000000000"


def _echoed_or(value: str, layout: str, now: datetime) -> str:
    """TA102/TA103 echo the ISA09/ISA10 answered. Both are required, so when the sender's are
    missing or not a real date/time (an unreadable interchange, a broken ISA) they say when we
    answered instead of making our TA1 invalid too."""
    answered = now.strftime(layout)
    try:
        datetime.strptime(value, layout)  # strptime also takes unpadded fields: the length check stays
    except ValueError:
        return answered
    return value if len(value) == len(answered) and value.isdigit() else answered


def _write_group(writer: X12Writer, group: GroupReport, set_control: str) -> None:
    writer.start_set("999", set_control, ACK_VERSION)
    writer.segment("AK1", writer.clean(group.functional_id, 2), writer.clean(group.control_number, 9),
                   writer.clean(group.version, 12))  # fmt: skip
    for report in group.sets:
        _write_set(writer, report)
    included = group.included_count if group.included_count is not None else group.received_count
    writer.segment("AK9", group.ack_code, str(included), str(group.received_count), str(group.accepted_count),
                   *group.errors[:5])  # fmt: skip
    writer.end_set()


def _write_set(writer: X12Writer, report: SetReport) -> None:
    writer.segment("AK2", writer.clean(report.set_id, 3), writer.clean(report.control_number, 9),
                   writer.clean(report.implementation_ref, 35))  # fmt: skip
    for error in report.errors:
        segment_id = writer.clean(error.segment_id.strip(), 3) or "UNK"
        # IK303 names a loop bounded by LS/LE, which an 837 has none of: it stays empty (pyx12
        # does the same). Our TR3 loop names (2010BB...) do not fit its 4 characters anyway.
        writer.segment("IK3", segment_id, str(error.position), "", error.code)
        for element in error.element_errors[:_IK4_PER_IK3]:
            where = (
                (str(element.position), str(element.component))
                if element.component
                else str(element.position)
            )
            bad = writer.clean(element.bad_value, _IK404_LIMIT) if element.bad_value else ""
            writer.segment("IK4", where, element.element_number, element.code, bad)
    writer.segment("IK5", report.ack_code, *report.ik5_codes())


def _usage(report: InterchangeReport) -> str:
    return report.usage_indicator if report.usage_indicator in ("P", "T") else "P"
