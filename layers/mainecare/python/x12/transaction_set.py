"""Validate one transaction set (ST..SE) as its segments stream past; produce its SetReport.

Each segment goes through four checks in turn: where it belongs (loop_walker), whether its
elements are well formed (element_checks), the X12 syntax notes between them (syntax_notes) and
the cross-segment rules (claim_rules). Only the
errors are kept, so a set of any size costs the memory of its errors.
"""

from __future__ import annotations

from collections.abc import Sequence

from x12.claim_rules import RULE_HANDLERS, ClaimRules
from x12.element_checks import check_segment
from x12.envelope_checks import same_count
from x12.loop_walker import LoopWalker
from x12.reports import ElementError, SegmentError, SetReport
from x12.syntax_notes import NOTES as SYNTAX_NOTES
from x12.syntax_notes import syntax_errors
from x12.tr3_map import IMPLEMENTATIONS, transaction_map

_DATA_ELEMENT_ERRORS = "8"


class SetValidator:
    def __init__(self, st_elements: list[str], group_version: str, component: str, separator: str = "") -> None:
        set_id = _get(st_elements, 1)
        control = _get(st_elements, 2)
        implementation = _get(st_elements, 3) or group_version
        self.implementation = implementation  # the guide the set is validated against
        self.report = SetReport(
            set_id=set_id, control_number=control, implementation_ref=_get(st_elements, 3)
        )
        self._component = component
        self._separator = separator  # the element separator, for check_segment's memo key
        self._position = 1
        self._by_position: dict[int, SegmentError] = {}
        self._hard_positions: set[int] = set()  # positions with an error that rejects the set
        self._walker: LoopWalker | None = None
        self._rules: ClaimRules | None = None
        if set_id != "837":
            self.report.set_errors.append("1" if set_id else "6")
        elif implementation not in IMPLEMENTATIONS:
            # A version we do not validate must not slip through as accepted.
            self.report.set_errors.append("I6")
        else:
            self._walker = LoopWalker(transaction_map(implementation))
            self._rules = ClaimRules()
        if not (4 <= len(control) <= 9):
            self.report.set_errors.append("7")

    def add(self, seg_id: str, elements: list[str], text: str | None = None) -> None:
        """`text`: the segment as read, when the caller has it (a cheaper memo key)."""
        self._position += 1
        walker = self._walker
        if walker is None:
            return
        position = self._position
        # pyx12 counts SE after walking it, so what SE reveals missing lands on the segment before
        # it; we do the same so both name the same position.
        walk_position = position - 1 if seg_id == "SE" else position
        structural = walker.place(seg_id, elements, walk_position, self._component)
        if structural:
            self.report.errors.extend(structural)
            self._hard_positions.update(e.position for e in structural)
        if not walker.placed:
            return  # not placed: its elements have no rules to be checked against
        loop_id = walker.loop_id
        if elements and not elements[-1]:
            # Trailing element separators: pyx12 reports the segment (IK304 8) without an IK4.
            self._element_errors(seg_id, position, loop_id)
            self._hard_positions.add(position)
        rules = walker.current.rules
        element_errors: Sequence[ElementError] = ()
        if rules is not None:
            element_errors = check_segment(
                elements, rules, self._component, text if self._separator else None, self._separator
            )
        # X12 syntax notes hold for every segment of the map, with element rules or without.
        broken_notes = syntax_errors(seg_id, elements, element_errors, rules) if seg_id in SYNTAX_NOTES else ()
        if element_errors or broken_notes:
            found = self._element_errors(seg_id, position, loop_id)
            found.extend(element_errors)
            found.extend(broken_notes)
            self._hard_positions.add(position)
        handler = RULE_HANDLERS.get(seg_id)
        if handler is None:
            return
        assert self._rules is not None
        for finding in handler(self._rules, elements, position, loop_id):
            self._element_errors(finding.segment_id, finding.position, finding.loop_id).append(finding.error)
            if not finding.noted:
                self._hard_positions.add(finding.position)

    def close(self, se_elements: list[str] | None) -> SetReport:
        """Finish the set at its SE, or with se_elements None when the SE never came."""
        report = self.report
        if se_elements is None:
            report.set_errors.append("2")
        else:
            self.add("SE", se_elements)  # reports what the set still lacks
            if not same_count(_get(se_elements, 1), self._position):
                report.set_errors.append("4")
            if _get(se_elements, 2) != report.control_number:
                report.set_errors.append("3")
        if self._rules is not None:
            for finding in self._rules.finish():
                self._element_errors(finding.segment_id, finding.position, finding.loop_id).append(
                    finding.error
                )
                if not finding.noted:
                    self._hard_positions.add(finding.position)
            report.claim_count = self._rules.claim_count
        report.errors.extend(self._by_position.values())
        # Structural errors first at a given position, as pyx12 and most 999s list them.
        report.errors.sort(key=lambda e: (e.position, e.code == _DATA_ELEMENT_ERRORS))
        # Accepted when every error is a noted one (IK5 "E"); any other error rejects the set.
        report.accepted = not report.set_errors and all(
            e.position not in self._hard_positions for e in report.errors)
        return report

    def _element_errors(self, seg_id: str, position: int, loop_id: str) -> list[ElementError]:
        entry = self._by_position.get(position)
        if entry is None:
            entry = SegmentError(seg_id, position, loop_id, _DATA_ELEMENT_ERRORS)
            self._by_position[position] = entry
        return entry.element_errors


def _get(elements: list[str], n: int) -> str:
    return elements[n - 1] if len(elements) >= n else ""
