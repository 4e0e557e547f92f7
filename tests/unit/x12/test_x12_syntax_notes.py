"""X12 syntax notes: each kind's rule, what the 999 names, and the fast path's lookaheads agreeing
with the slow check on every presence of every note's elements."""

from __future__ import annotations

import io
import itertools
import re

import pytest

from x12.reports import ElementError
from x12.segments import STANDARD_DELIMITERS
from x12.structure import validate_structure
from x12.syntax_notes import NOTES, SyntaxNote, syntax_errors
from x12.syntax_patterns import note_lookahead, syntax_lookaheads
from x12.tr3_map import SlotNode, transaction_map


def _note(name: str) -> SyntaxNote:
    return SyntaxNote(name[0], tuple(int(name[i : i + 2]) for i in range(1, len(name), 2)))


@pytest.mark.parametrize(
    ("name", "present", "holds"),
    [
        ("P0809", (False, False), True), ("P0809", (True, True), True), ("P0809", (True, False), False),
        ("P0809", (False, True), False),
        ("R0203", (False, False), False), ("R0203", (False, True), True),
        ("E0207", (True, True), False), ("E0207", (True, False), True), ("E0207", (False, False), True),
        ("C0704", (True, False), False), ("C0704", (False, False), True), ("C0704", (True, True), True),
        ("L050607", (True, False, False), False), ("L050607", (True, False, True), True),
        ("L050607", (False, False, False), True),
    ],
)  # fmt: skip
def test_each_kind_holds_as_the_standard_says(name, present, holds):
    assert _note(name).holds(present) is holds


def _rules(loop_id: str, seg_id: str):
    """The element rules of the first 837P slot for seg_id in loop_id."""

    def walk(node):
        for child in node.children:
            if isinstance(child, SlotNode):
                if child.loop.id == loop_id and child.seg_id == seg_id:
                    return child.rules
            elif (found := walk(child)) is not None:
                return found
        return None

    return walk(transaction_map("005010X222A1"))


def test_the_999_names_the_element_that_should_have_been_sent():
    per, ref, n4 = _rules("1000A", "PER"), _rules("2010AA", "REF"), _rules("2010AA", "N4")
    # PER05 sent without PER06: PER06 (data element 364) is missing (IK403 2).
    assert syntax_errors("PER", ["IC", "BOB", "TE", "4805551212", "EM"], (), per) == [ElementError(6, 0, "364", "2")]
    # REF02 and REF03 both empty: R names the first (REF02, data element 127).
    assert syntax_errors("REF", ["EI"], (), ref) == [ElementError(2, 0, "127", "2")]
    # N407 without N404 (C0704): N404 (26) should have been sent.
    assert syntax_errors("N4", ["TORONTO", "", "M5V", "", "", "", "ON"], (), n4) == [ElementError(4, 0, "26", "2")]
    # N402 and N407 both sent (E0207): the second is the one to drop, echoed (IK403 10).
    errors = syntax_errors("N4", ["TORONTO", "ON", "M5V", "CA", "", "", "ON"], (), n4)
    assert errors == [ElementError(7, 0, "1715", "10", "ON")]
    assert syntax_errors("N4", ["TORONTO", "ON", "M5V", "CA", "", "", "ON"]) == [ElementError(7, 0, "", "10", "ON")]
    assert syntax_errors("NM1", ["IL", "1", "DOE", "JANE", "", "", "", "MI", "A123"]) == []
    assert syntax_errors("CLM", ["X"]) == []  # no notes


def test_an_element_already_in_error_is_not_named_twice():
    already = [ElementError(9, 0, "67", "1")]
    assert syntax_errors("NM1", ["IL", "1", "DOE", "", "", "", "", "MI", ""], already) == []


def test_a_broken_note_rejects_the_set_with_an_ik4():
    text = (
        "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*MAINECARE      *260415*1030*^*00501"
        "*000000101*0*T*:~GS*HC*SUBMITTERID*MAINECARE*20260415*1030*101*X*005010X222A1~"
        "ST*837*0001*005010X222A1~BHT*0019*00*B1*20260415*1030*CH~"
        "NM1*41*2*DOWNEAST*****46*SUBMITTERID~PER*IC*OFFICE*TE*2075550100*EM~NM1*40*2*MAINECARE*****46*MC~"
    )
    report = validate_structure(io.StringIO(text))
    (group,) = report.groups
    (the_set,) = group.sets
    assert not the_set.accepted
    per = next(e for e in the_set.errors if e.segment_id == "PER")
    assert per.code == "8" and ElementError(6, 0, "364", "2") in per.element_errors


_E, _T = re.escape(STANDARD_DELIMITERS.element), re.escape(STANDARD_DELIMITERS.segment)
_ALL_NOTES = [(seg_id, note) for seg_id, notes in NOTES.items() for note in notes]


@pytest.mark.parametrize(("seg_id", "note"), _ALL_NOTES, ids=[f"{s}-{n.name}" for s, n in _ALL_NOTES])
def test_fast_path_lookahead_agrees_with_the_slow_check(seg_id, note):
    look = re.compile(note_lookahead(seg_id, note, _E, _T))
    highest = max(note.positions)
    for present in itertools.product((False, True), repeat=len(note.positions)):
        sent = dict(zip(note.positions, present, strict=True))
        for tail in ("", "*Z"):  # the segment ending at the note's last element, or going on
            elements = ["X" if sent.get(p) else "" for p in range(1, highest + 1)]
            text = "*".join([seg_id, *elements]) + tail + "~"
            holds = note.holds([elements[p - 1] != "" for p in note.positions])
            assert (look.match(text) is not None) is holds, (text, note.name)


@pytest.mark.parametrize("seg_id", sorted(NOTES))
def test_a_slot_without_element_rules_checks_every_note_and_the_short_cut_agrees(seg_id):
    # Without element rules every element may or may not be sent: all notes stay open, and the
    # "segment ends before the notes' elements" short cut must not let a broken one through.
    look = syntax_lookaheads(seg_id, None, _E, _T)
    assert look is not None
    compiled = re.compile(look)
    highest = max(p for note in NOTES[seg_id] for p in note.positions)
    for present in itertools.product((False, True), repeat=min(highest, 10)):
        elements = ["X" if here else "" for here in present] + [""] * (highest - len(present))
        while elements and not elements[-1]:
            elements.pop()  # a segment does not end in a separator
        text = "*".join([seg_id, *elements]) + "~"
        assert (compiled.match(text) is not None) is (not syntax_errors(seg_id, elements)), text
