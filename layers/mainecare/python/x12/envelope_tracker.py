"""The X12 envelope as segments stream past: ISA/GS/ST ... SE/GE/IEA and what a TA1 and the
999's AK9 must say about it. Each ST..SE goes to a SetValidator (or, on the fast path, is
filed as a flawless SetReport).

Whatever the input, a broken envelope becomes an error code, never an exception: a missing
trailer is closed where the next header or the end of file shows it missing. Several
interchanges in one file (legal X12) are reported as one InterchangeReport: envelope fields come
from the first ISA, groups of all of them are listed in file order.
"""

from __future__ import annotations

from collections.abc import Callable

from x12.envelope_checks import ge_errors, gs_errors, iea_errors, isa_errors
from x12.reports import (
    TA105_CODES,
    GroupReport,
    InterchangeError,
    InterchangeReport,
    SetReport,
)
from x12.transaction_set import SetValidator

ENVELOPE_IDS = frozenset({"ISA", "IEA", "GS", "GE", "ST", "SE"})


class EnvelopeTracker:
    def __init__(self, component: str, separator: str = "") -> None:
        self._component = component
        self._separator = separator
        self.report: InterchangeReport | None = None
        self._isa_control: str | None = None  # set while an interchange is open
        self._group_count = 0
        self._group: GroupReport | None = None
        self._group_version = ""
        self._set_controls: set[str] = set()
        self._group_controls: set[str] = set()
        self._interchange_controls: set[str] = set()
        self._set: SetValidator | None = None

    def feed(self, seg_id: str, elements: list[str]) -> None:
        if self._set is not None and seg_id not in ENVELOPE_IDS:
            self._set.add(seg_id, elements)  # the common case first: a segment inside a set
        elif seg_id == "ISA":
            self._open_interchange(elements)
        elif seg_id == "IEA":
            self._close_interchange(elements)
        elif seg_id == "GS":
            self._open_group(elements)
        elif seg_id == "GE":
            self._close_group(elements)
        elif seg_id == "ST":
            self._open_set(elements)
        elif seg_id == "SE":
            if self._set is None:
                self._interchange_error("024", "SE without ST")
            else:
                self._close_set(elements)
        else:
            self._interchange_error("024", f"segment {seg_id[:3]!r} outside a transaction set")

    def open_set_add(self) -> Callable[[str, list[str], str], None] | None:
        """Where feed() sends a segment that is not an envelope segment, while a set is open."""
        return self._set.add if self._set is not None else None

    def finish(self) -> InterchangeReport:
        self._close_group(None)
        if self._isa_control is not None:
            self._interchange_error("023", "file ends before IEA")
        assert self.report is not None  # open_segments guarantees the file starts with ISA
        return self.report

    def _open_interchange(self, elements: list[str]) -> None:
        self._close_group(None)
        if self._isa_control is not None:
            self._interchange_error("023", "ISA before the previous interchange's IEA")
        if self.report is None:
            self.report = InterchangeReport(
                sender_id=_get(elements, 6).strip(),
                receiver_id=_get(elements, 8).strip(),
                interchange_control_number=_get(elements, 13),
                usage_indicator=_get(elements, 15),
                sender_qualifier=_get(elements, 5),
                receiver_qualifier=_get(elements, 7),
                date=_get(elements, 9),
                time=_get(elements, 10),
                acknowledgment_requested=_get(elements, 14),
            )
        self.report.sender_ids.append(_get(elements, 6).strip())
        for code in isa_errors(elements):
            self._interchange_error(code, f"ISA: {TA105_CODES[code].lower()}")
        self._isa_control = _get(elements, 13)
        if self._isa_control in self._interchange_controls:
            self._interchange_error("025", "ISA13 repeats an earlier interchange in this file")
        self._interchange_controls.add(self._isa_control)
        self._group_count = 0
        self._group_controls = set()

    def _close_interchange(self, elements: list[str]) -> None:
        self._close_group(None)
        if self._isa_control is None:
            self._interchange_error("024", "IEA without ISA")
            return
        for code in iea_errors(elements, self._isa_control, self._group_count):
            self._interchange_error(code, f"IEA: {TA105_CODES[code].lower()}")
        self._isa_control = None

    def _open_group(self, elements: list[str]) -> None:
        self._close_group(None)
        if self._isa_control is None:
            self._interchange_error("024", "GS outside an interchange")
        control = _get(elements, 6)
        group = GroupReport(
            functional_id=_get(elements, 1),
            control_number=control,
            version=_get(elements, 8),
            errors=gs_errors(elements),
            application_sender=_get(elements, 2),
            application_receiver=_get(elements, 3),
        )
        if control in self._group_controls:
            group.errors.append("19")
        self._group_controls.add(control)
        self._group_count += 1
        self._start_group(group)

    def _start_group(self, group: GroupReport) -> None:
        assert self.report is not None
        self.report.groups.append(group)
        self._group = group
        self._group_version = group.version
        self._set_controls = set()

    def _close_group(self, elements: list[str] | None) -> None:
        """Close the open group at its GE, or with elements None where its GE should have been."""
        if self._set is not None:
            self._close_set(None)
        group, self._group = self._group, None
        if group is None:
            if elements is not None:
                self._interchange_error("024", "GE without GS")
            return
        if elements is None:
            group.errors.append("3")
        else:
            group.errors.extend(ge_errors(elements, group.control_number, group.received_count))
            count = _get(elements, 1)
            group.included_count = int(count) if count.isdigit() else None
        group.errors = list(dict.fromkeys(group.errors))

    def _open_set(self, elements: list[str]) -> None:
        if self._set is not None:
            self._close_set(None)
        if self._group is None:
            # An ST with no GS: answer it in a group of its own, and reject the interchange.
            self._interchange_error("024", "ST outside a functional group")
            self._start_group(GroupReport(functional_id="", control_number="", version="", errors=["1"]))
        self._set = SetValidator(elements, self._group_version, self._component, self._separator)

    def open_clean_set(self, elements: list[str]) -> SetValidator | None:
        """For the fast path: a set opened at this ST, or None when anything about the ST or
        where it stands needs the slow path (no open group, a set still open, an ST error)."""
        if self._isa_control is None or self._group is None or self._set is not None:
            return None
        validator = SetValidator(elements, self._group_version, self._component, self._separator)
        return None if validator.report.set_errors else validator

    def record_clean_set(self, report: SetReport) -> None:
        """For the fast path: file a set it has found flawless, as the slow path files a set."""
        self._record_set(report)

    def _close_set(self, elements: list[str] | None) -> None:
        validator, self._set = self._set, None
        assert validator is not None
        self._record_set(validator.close(elements))

    def _record_set(self, report: SetReport) -> None:
        assert self._group is not None
        if report.control_number in self._set_controls:
            report.set_errors.append("23")
            report.accepted = False
        self._set_controls.add(report.control_number)
        self._group.sets.append(report)
        self._group.received_count += 1
        self._group.accepted_count += report.accepted

    def _interchange_error(self, code: str, message: str) -> None:
        assert self.report is not None
        if all(error.code != code for error in self.report.interchange_errors):
            self.report.interchange_errors.append(InterchangeError(code, message))


def _get(elements: list[str], n: int) -> str:
    return elements[n - 1] if len(elements) >= n else ""
