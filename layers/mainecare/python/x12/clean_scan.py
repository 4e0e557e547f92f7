"""The fast path of validate_structure: prove a whole file flawless in a few regex calls per
claim, or give up and let the segment-by-segment validator find and report what is wrong.

Most files trading partners send are clean, and for a clean file the 999 says only "accepted",
so the work that matters is proving there is nothing to report. Each transaction set is cut at
its HL segments into units (the header, then one unit per HL loop without its child HL loops);
each unit must match its generated pattern (clean_grammar.py) end to end, in C. What a pattern
cannot express is checked here on what the units expose: the HL tree (ClaimRules, the same code
the slow path runs), the order of HL levels, LX numbering, claim totals against line charges,
and the SE count and control number. The envelope (ISA, GS, GE, IEA) goes through the same
tracker as the slow path.

The answer is all or nothing: the report of a file with no error of any kind, exactly as the
slow path would build it, or None at the first doubt. Memory stays bounded by the largest unit
(one HL loop: at most 100 claims), whatever the file size.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import BinaryIO, TextIO

from x12.clean_grammar import Grammar, grammar
from x12.envelope_checks import same_count
from x12.envelope_tracker import EnvelopeTracker
from x12.reader import read_head, read_text
from x12.reports import InterchangeReport, SetReport

CHUNK = 1 << 16
MAX_UNIT = 8 << 20  # an HL loop bigger than this is not a claim file we can vouch for quickly
_BREAKS = re.compile(r"[\r\n]*")
_ENVELOPE = frozenset({"ISA", "GS", "GE", "IEA"})
# Which HL level may follow which (20 billing provider, 22 subscriber, 23 patient): a billing
# provider needs a subscriber, and a set needs at least one of each.
_FOLLOWS = {"": {"20"}, "20": {"22"}, "22": {"20", "22", "23"}, "23": {"20", "22", "23"}}


class _GiveUp(Exception):
    """Something the fast path does not vouch for: the slow path will look."""


def scan_clean(stream: BinaryIO | TextIO) -> InterchangeReport | None:
    """The report of a flawless file, or None (the caller then runs the slow validator)."""
    delimiters, head, exhausted = read_head(stream, CHUNK)
    scanner = _Scanner(stream, head, exhausted, delimiters)
    try:
        report = scanner.run()
    except _GiveUp:
        return None
    if not _flawless(report):
        return None
    report.validated_by = "patterns"
    return report


def _flawless(report: InterchangeReport) -> bool:
    return report.accepted and all(
        not group.errors and all(s.accepted and not s.errors for s in group.sets) for group in report.groups
    )


class _Scanner:
    def __init__(self, stream, head: str, exhausted: bool, delimiters) -> None:
        self._stream = stream
        self._buf = head
        self._pos = 0
        self._searched = 0  # where the search for the SE may resume (nothing before it matches)
        self._exhausted = exhausted
        self._delimiters = delimiters
        self._e, self._t = delimiters.element, delimiters.segment
        self._tracker = EnvelopeTracker(delimiters.component, delimiters.element)
        e, t = re.escape(self._e), re.escape(self._t)
        self._hl_pattern = re.compile(f"{t}[\\r\\n]*(?=HL{e})")

    def run(self) -> InterchangeReport:
        while True:
            self._skip_breaks()
            if self._pos >= len(self._buf):
                return self._tracker.finish()
            elements = self._segment()
            seg_id = elements[0]
            if seg_id in _ENVELOPE:
                self._tracker.feed(seg_id, elements[1:])
            elif seg_id == "ST":
                validator = self._tracker.open_clean_set(elements[1:])
                if validator is None:
                    raise _GiveUp
                self._set(validator.report, validator.implementation)
                self._tracker.record_clean_set(validator.report)
            else:
                raise _GiveUp

    # -- one transaction set -------------------------------------------------------------------

    def _set(self, report: SetReport, implementation: str) -> None:
        rules = grammar(implementation, self._delimiters)
        hierarchy = _Hierarchy()
        self._skip_breaks()
        start = self._pos
        end = self._header_end()
        if rules.header.fullmatch(self._buf, start, end) is None:
            raise _GiveUp
        segments = 1 + self._buf.count(self._t, start, end)  # ST, then BHT .. 1000B
        self._pos = self._searched = end
        claims = 0
        at_se = False
        while not at_se:
            end, at_se = self._detail_end()  # may read on, and so move the text under self._pos
            start, text = self._pos, self._buf
            if start == end:
                continue
            if rules.detail.fullmatch(text, start, end) is None:
                raise _GiveUp
            for hl in rules.hl_facts.findall(text, start, end):
                hierarchy.enter(*hl)
            claims += _claims_if_balanced(rules, text, start, end)
            segments += text.count(self._t, start, end)
            self._pos = end
        hierarchy.finish()
        se = self._segment()
        segments += 1
        if len(se) != 3 or not same_count(se[1], segments) or se[2] != report.control_number:
            raise _GiveUp
        report.accepted = True
        report.claim_count = claims

    def _header_end(self) -> int:
        """Where the set's header ends: after the terminator the first HL follows."""
        while True:
            found = self._hl_pattern.search(self._buf, self._pos)
            if found is not None:
                return found.end()
            if len(self._buf) - self._pos > MAX_UNIT or not self._more():
                raise _GiveUp

    def _detail_end(self) -> tuple[int, bool]:
        """How far the HL loops in the text read so far go: to the SE (True), or to the last HL
        that starts in it (False), reading on until that is past the current position."""
        while True:
            se = self._segment_start("SE", max(self._pos, self._searched), len(self._buf), last=False)
            if se:
                return se, True
            self._searched = max(self._pos, len(self._buf) - 2)
            hl = self._segment_start("HL", self._pos, len(self._buf), last=True)
            if hl:
                return hl, False
            if len(self._buf) - self._pos > MAX_UNIT or not self._more():
                raise _GiveUp

    def _segment_start(self, seg_id: str, start: int, end: int, last: bool) -> int:
        """Where the first (or last) segment with this id in buf[start:end] starts, after position
        self._pos; 0 if none. str.find, not a regex: it skips ahead at memory speed."""
        buf, needle = self._buf, seg_id + self._e
        find = buf.rfind if last else buf.find
        while True:
            at = find(needle, start, end)
            if at <= self._pos:
                return 0
            before = at - 1
            while before > self._pos and buf[before] in "\r\n":
                before -= 1
            if buf[before] == self._t:
                return at
            if last:
                end = at
            else:
                start = at + 1

    # -- reading -------------------------------------------------------------------------------

    def _segment(self) -> list[str]:
        """The segment here split into [id, elements...]; steps past it and any line breaks."""
        elements, end = self._read_segment()
        self._pos = end + 1
        self._skip_breaks()
        return elements

    def _read_segment(self) -> tuple[list[str], int]:
        while True:
            end = self._buf.find(self._t, self._pos)
            if end >= 0:
                # As the slow reader does: line breaks around a segment are layout, not data.
                return self._buf[self._pos : end].strip("\r\n").split(self._e), end
            if not self._more():
                raise _GiveUp  # text after the last terminator

    def _skip_breaks(self) -> None:
        while True:
            self._pos = _BREAKS.match(self._buf, self._pos).end()
            if self._pos < len(self._buf) or not self._more():
                return

    def _more(self) -> bool:
        if self._exhausted:
            return False
        chunk = read_text(self._stream, CHUNK)
        if not chunk:
            self._exhausted = True
            return False
        # Forget what was consumed, so memory holds one unit and a chunk.
        cut = self._pos
        self._buf = self._buf[cut:] + chunk
        self._pos -= cut
        self._searched = max(self._searched - cut, 0)
        return True


class _Hierarchy:
    """The HL rules ClaimRules checks, for the only shape the fast path takes: billing provider
    (20), its subscribers (22), their patients (23), numbered 1, 2, 3... in file order. The
    patterns already pin HL03 and the HL04 a level must have (20: 1, 23: 0); here, the
    parent numbers and a subscriber's HL04 against whether patients follow it."""

    def __init__(self) -> None:
        self._count = 0
        self._level = ""
        self._provider = self._subscriber = ""
        self._subscriber_promised = ""  # HL04 of the current subscriber

    def enter(self, number: str, parent: str, level: str, promised: str) -> None:
        self._count += 1
        if number != str(self._count) or level not in _FOLLOWS[self._level]:
            raise _GiveUp
        if self._level == "22" and self._subscriber_promised != ("1" if level == "23" else "0"):
            raise _GiveUp
        if level == "20":
            self._provider = number
        elif level == "22":
            if parent != self._provider:
                raise _GiveUp
            self._subscriber, self._subscriber_promised = number, promised
        elif parent != self._subscriber:
            raise _GiveUp
        self._level = level

    def finish(self) -> None:
        if self._level not in ("22", "23") or (self._level == "22" and self._subscriber_promised != "0"):
            raise _GiveUp


_NUMBERS = [str(n) for n in range(1000)]
def _claims_if_balanced(rules: Grammar, text: str, start: int, end: int) -> int:
    """The claims in text[start:end], having checked LX numbering and that each CLM02 equals its
    lines' charges (the part of ClaimRules a pattern cannot do)."""
    claims = lines = 0
    total = ""
    line_sum = 0  # whole-dollar charges, the usual case, add up as ints
    exact: Decimal | None = None  # the running sum once a charge has cents
    numbers = _NUMBERS
    for clm02, lx01, charge in rules.claim_facts.findall(text, start, end):
        if lx01:
            lines += 1
            if lines >= len(numbers) or lx01 != numbers[lines]:
                raise _GiveUp
            if exact is None and charge.isdigit():
                line_sum += int(charge)
            else:
                exact = (exact if exact is not None else Decimal(line_sum)) + Decimal(charge)
            continue
        if claims:
            _check_balance(total, line_sum, exact, lines)
        claims += 1
        total, lines, line_sum, exact = clm02, 0, 0, None
    if claims:
        _check_balance(total, line_sum, exact, lines)
    return claims


def _check_balance(total: str, line_sum: int, exact: Decimal | None, lines: int) -> None:
    if not lines:
        raise _GiveUp  # a claim without lines is never flawless
    if exact is None and total.isdigit():
        if int(total) != line_sum:
            raise _GiveUp
    elif Decimal(total) != (exact if exact is not None else line_sum):
        raise _GiveUp
