"""X12 syntax notes: the relational conditions between a segment's elements.

The X12 standard (not the TR3) gives segments conditions such as NM1's P0809: NM108 and NM109
are present together or not at all. They hold for every use of the segment, whatever the guide,
so they are kept per segment id. A violation is a syntax error a clearinghouse rejects, and pyx12
rejects too (IK304 8). The 999 says which element: IK403 2, "conditional required data element
missing", names the element that should have been sent; IK403 10, "exclusion condition
violated", the second of two elements that may not both be sent.

The notes are the X12 005010 segment directory's for the segments of the 837P and 837I, as
pyx12 4.0.0's maps carry them (837.5010.X222.A1, 837Q3.I.5010.X223.A1); the data element numbers
the 999 gives come from the slot's element rules.

Kinds (positions are element numbers, the first one leading):
  P paired: if any is present, all are required
  R required: at least one is required
  E exclusion: at most one may be present
  C conditional: if the first is present, all the others are required
  L list conditional: if the first is present, at least one of the others is required
"""

from __future__ import annotations

from collections.abc import Sequence

from valueobjects import value_object
from x12.reports import ElementError
from x12.tr3_map import SegmentRules

CONDITIONAL_REQUIRED_MISSING = "2"
EXCLUSION_VIOLATED = "10"

_NOTES = {
    "CAS": "L050607 C0605 C0705 L080910 C0908 C1008 L111213 C1211 C1311 L141516 C1514 C1614 L171819 C1817 C1917",
    "CR1": "P0102 P0506",
    "CR2": "P0102 C0403 P0506",
    "CR3": "P0203",
    "CTP": "P0405 C0607 C0902 C1002 C1103",
    "CUR": "C0807 C0907 L101112 C1110 C1210 L131415 C1413 C1513 L161718 C1716 C1816 L192021 C2019 C2119",
    "DMG": "P0102 P1011 C1105",
    "FRM": "R02030405",
    "HCP": "R0113 P0910 P1112",
    "LIN": "P0405 P0607 P0809 P1011 P1213 P1415 P1617 P1819 P2021 P2223 P2425 P2627 P2829 P3031",
    "LQ": "C0102",
    "MEA": "R03050608 L050412 L060412 L07030506 E0803 P1112",
    "N4": "E0207 C0605 C0704",
    "NM1": "P0809 C1110 C1203",
    "PAT": "P0506 P0708",
    "PER": "P0304 P0506 P0708",
    "PRV": "P0203",
    "PWK": "P0506",
    "QTY": "E0204 R0204",
    "REF": "R0203",
    "SV1": "P0304",
    "SV2": "R0102 P0405",
    "SV5": "R0405 C0604",
}

@value_object(slots=True)
class SyntaxNote:
    kind: str  # P, R, E, C or L
    positions: tuple[int, ...]

    @property
    def name(self) -> str:
        return self.kind + "".join(f"{p:02d}" for p in self.positions)

    def holds(self, present: Sequence[bool]) -> bool:
        """Whether the note holds, given present[i] for positions[i]."""
        count = sum(present)
        if self.kind == "P":
            return count in (0, len(present))
        if self.kind == "R":
            return count > 0
        if self.kind == "E":
            return count <= 1
        if not present[0]:  # C and L bind only when their first element is present
            return True
        if self.kind == "C":
            return all(present[1:])
        return any(present[1:])  # L

    def blamed(self, present: Sequence[bool]) -> tuple[int, str]:
        """(position, IK403) the 999 names for a violation: the element that should have been sent
        (the first one missing, for R the first listed), or for E the second one present."""
        if self.kind == "E":
            return [p for p, here in zip(self.positions, present, strict=True) if here][1], EXCLUSION_VIOLATED
        if self.kind == "R":
            return self.positions[0], CONDITIONAL_REQUIRED_MISSING
        first = 1 if self.kind in ("C", "L") else 0  # C and L blame the elements their first needs
        missing = [p for p, here in zip(self.positions[first:], present[first:], strict=True) if not here]
        return missing[0], CONDITIONAL_REQUIRED_MISSING


def _parse(text: str) -> tuple[SyntaxNote, ...]:
    return tuple(SyntaxNote(n[0], tuple(int(n[i : i + 2]) for i in range(1, len(n), 2))) for n in text.split())


NOTES: dict[str, tuple[SyntaxNote, ...]] = {seg_id: _parse(text) for seg_id, text in _NOTES.items()}


def syntax_errors(
    seg_id: str, elements: Sequence[str], already: Sequence[ElementError] = (), rules: SegmentRules | None = None
) -> list[ElementError]:
    """The notes of `seg_id` that `elements` (element 01 first) break, as IK4s, with the data
    element numbers of `rules` (the slot's). An element that already has an error of its own is
    not named twice."""
    notes = NOTES.get(seg_id)
    if not notes:
        return []
    count = len(elements)
    named = {e.position for e in already}
    errors = []
    for note in notes:
        present = [p <= count and elements[p - 1] != "" for p in note.positions]
        if note.holds(present):
            continue
        position, code = note.blamed(present)
        if position in named:
            continue
        named.add(position)
        value = elements[position - 1] if code == EXCLUSION_VIOLATED else ""
        errors.append(ElementError(position, 0, _data_element(rules, position), code, value))
    return errors


def _data_element(rules: SegmentRules | None, position: int) -> str:
    if rules is None:
        return ""
    return next((r.data_element for r in rules.elements if r.position == position and r.component == 0), "")
