"""The X12 syntax notes (syntax_notes.py) as regex lookaheads for clean_grammar's fast path.

A lookahead stands at the segment's start and holds exactly where the note does, reading each
element's presence as the slow check does (not empty). Only the notes the slot's element rules
leave open get one: a required element is always there and a "not used" one never is, so many
notes are settled before any file is read (always true: left out; never true: the slot cannot
match, and the slow validator reports the file).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from x12.syntax_notes import NOTES, SyntaxNote
from x12.tr3_map import SegmentRules

Presence = Callable[[int], bool | None]


def syntax_lookaheads(seg_id: str, rules: SegmentRules | None, e: str, t: str) -> str | None:
    """The lookaheads for a slot's open notes ("" when there are none); None when its element
    rules make a note impossible to meet. `e` and `t`: the escaped element separator and
    segment terminator."""
    presence = _presence(rules)
    open_notes = []
    for note in NOTES.get(seg_id, ()):
        outcomes = {note.holds(case) for case in _cases([presence(p) for p in note.positions])}
        if outcomes == {False}:
            return None
        if outcomes != {True}:
            open_notes.append(note)
    if not open_notes:
        return ""
    looks = "".join(note_lookahead(seg_id, note, e, t) for note in open_notes)
    # Most segments stop before the elements the notes are about (N4 rarely reaches N407):
    # one look at where the segment ends then settles every note at once.
    shortest = _notes_hold_below(open_notes, presence)
    if shortest is None:
        return looks
    return f"(?:(?!{re.escape(seg_id)}(?:{e}[^{e}{t}\\r\\n]*){{{shortest - 1}}}{e})|{looks})"


def note_lookahead(seg_id: str, note: SyntaxNote, e: str, t: str) -> str:
    """A lookahead, at the segment's start, that holds where the note does."""
    sid = re.escape(seg_id)

    def sent(position: int) -> str:  # the element at `position` is not empty
        return f"{sid}(?:{e}[^{e}{t}\\r\\n]*){{{position - 1}}}{e}[^{e}{t}\\r\\n]"

    def present(position: int) -> str:
        return f"(?={sent(position)})"

    def absent(position: int) -> str:
        return f"(?!{sent(position)})"

    first, *others = note.positions
    if note.kind == "P":
        return f"(?:{''.join(map(present, note.positions))}|{''.join(map(absent, note.positions))})"
    if note.kind == "R":
        return "(?:" + "|".join(map(present, note.positions)) + ")"
    if note.kind == "E":
        pairs = [(a, b) for i, a in enumerate(note.positions) for b in note.positions[i + 1 :]]
        return "".join(f"(?!{present(a)}{present(b)})" for a, b in pairs)
    if note.kind == "C":
        return f"(?:{absent(first)}|{''.join(map(present, others))})"
    return f"(?:{absent(first)}|" + "|".join(map(present, others)) + ")"  # L


def _presence(rules: SegmentRules | None) -> Presence:
    """position -> True (the pattern requires the element), False (it must be empty or cannot be
    there) or None (it may or may not be sent), from the slot's element rules."""
    if rules is None or rules.hi is not None:
        return lambda position: None
    usage = {r.position: r.usage for r in rules.elements if r.component == 0}
    last = max(usage, default=0)

    def presence(position: int) -> bool | None:
        if position > last or usage.get(position, "N") == "N":
            return False
        return True if usage[position] == "R" else None

    return presence


def _notes_hold_below(notes: list[SyntaxNote], presence: Presence) -> int | None:
    """The largest element position m such that every note holds whenever the segment ends
    before element m (whatever the elements before it); None if there is none."""
    highest = max(p for note in notes for p in note.positions)
    for m in range(highest, 1, -1):
        if all(
            note.holds(case)
            for note in notes
            for case in _cases([presence(p) if p < m else False for p in note.positions])
        ):
            return m
    return None


def _cases(known: list[bool | None]) -> list[list[bool]]:
    """Every presence the open (None) elements can take, the settled ones as they are."""
    cases: list[list[bool]] = [[]]
    for value in known:
        cases = [[*case, choice] for case in cases for choice in ((True, False) if value is None else (value,))]
    return cases
