"""A small X12 writer for the acknowledgements we send (999, TA1, and the 277CA built elsewhere).

It knows the mechanics every outbound transaction shares and nothing about any of them:
joining elements and composites, trimming trailing empty elements (X12 forbids them), counting
segments for SE01, sets for GE01 and groups for IEA01, and the fixed-width ISA.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from x12.segments import STANDARD_DELIMITERS, Delimiters

Element = str | int | tuple[str, ...] | None
_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)  # every ISA field is fixed width


class X12Writer:
    def __init__(self, delimiters: Delimiters = STANDARD_DELIMITERS, line_break: str = "\n") -> None:
        self.delimiters = delimiters
        self._line_break = line_break
        self._segments: list[str] = []
        self._set_start: int | None = None  # index of the open set's ST
        self._set_control = ""
        self._sets_in_group = 0
        self._groups_in_interchange = 0

    def text(self) -> str:
        return "".join(self._segments)

    def clean(self, value: str, limit: int | None = None) -> str:
        """A value made safe to write: our delimiters and line breaks removed, length capped.

        Needed for values echoed from someone else's file (IK404), which may contain characters
        that were data under their delimiters but would be delimiters under ours.
        """
        d = self.delimiters
        banned = {d.element, d.component, d.repetition, d.segment, "\r", "\n"}
        cleaned = "".join(ch for ch in value if ch not in banned)
        return cleaned[:limit] if limit is not None else cleaned

    def segment(self, seg_id: str, *elements: Element) -> str:
        """Write one segment; a tuple is a composite, None or "" an empty element."""
        values = [self._value(element) for element in elements]
        while values and not values[-1]:
            values.pop()
        text = self.delimiters.element.join((seg_id, *values)) + self.delimiters.segment
        self._segments.append(text + self._line_break)
        return text

    def start_set(self, set_id: str, control: str, implementation: str) -> None:
        if self._set_start is not None:
            raise RuntimeError("start_set called while a transaction set is open")
        self._set_start = len(self._segments)
        self._set_control = control
        self.segment("ST", set_id, control, implementation)

    def end_set(self) -> str:
        """Write SE with the count of segments from ST to SE and return it."""
        if self._set_start is None:
            raise RuntimeError("end_set called with no open transaction set")
        count = len(self._segments) - self._set_start + 1
        self._set_start = None
        self._sets_in_group += 1
        return self.segment("SE", str(count), self._set_control)

    @contextmanager
    def group(
        self, functional_id: str, sender: str, receiver: str, control: int, now: datetime, version: str
    ) -> Iterator[X12Writer]:
        """GS ... GE around whatever the block writes; GE01 counts the sets written."""
        self._sets_in_group = 0
        sender, receiver = self.clean(sender, 15), self.clean(receiver, 15)
        self.segment("GS", functional_id, sender, receiver, now.strftime("%Y%m%d"), now.strftime("%H%M"),
                     str(control), "X", version)  # fmt: skip
        yield self
        self.segment("GE", str(self._sets_in_group), str(control))
        self._groups_in_interchange += 1

    @contextmanager
    def envelope(
        self,
        sender: tuple[str, str],
        receiver: tuple[str, str],
        control: int,
        now: datetime,
        usage_indicator: str = "P",
        acknowledgment_requested: str = "0",
    ) -> Iterator[X12Writer]:
        """ISA ... IEA around whatever the block writes; sender/receiver are (qualifier, id)."""
        self._groups_in_interchange = 0
        d = self.delimiters
        # Echoed ids may hold our delimiters (they were data under the sender's): clean them.
        parties = [self.clean(v) for v in (*sender, *receiver)]
        values = [
            "00", "", "00", "", *parties, now.strftime("%y%m%d"), now.strftime("%H%M"), d.repetition or "U",
            "00501", f"{control:09d}", acknowledgment_requested, usage_indicator,
        ]  # fmt: skip
        fields = [v.ljust(width)[:width] for v, width in zip(values, _ISA_WIDTHS, strict=False)]
        # The ISA is written by hand: it is fixed width and ends with the component separator.
        self._segments.append(d.element.join(("ISA", *fields, d.component)) + d.segment + self._line_break)
        yield self
        self.segment("IEA", str(self._groups_in_interchange), f"{control:09d}")

    def _value(self, element: Element) -> str:
        if element is None:
            return ""
        if isinstance(element, tuple):
            parts = [str(p) if p is not None else "" for p in element]
            while parts and not parts[-1]:
                parts.pop()
            return self.delimiters.component.join(parts)
        return str(element)
