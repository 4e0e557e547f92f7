"""The two value types everything in the X12 package passes around: delimiters and segments.

A Segment keeps its elements as the raw strings between element separators; composites and
repetitions are split only when asked for, because most elements of most segments are never
looked at and splitting all of them would double the cost of reading a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Delimiters:
    element: str
    component: str
    repetition: str
    segment: str


# What we write in our own acknowledgements, and the fallback for segments built in code.
STANDARD_DELIMITERS = Delimiters(element="*", component=":", repetition="^", segment="~")


@dataclass(frozen=True, slots=True)
class Segment:
    id: str
    # elements[0] is X12 element 01: the segment id is not an element.
    elements: tuple[str, ...]
    # 1-based position within the transaction set (ST = 1); 0 for ISA/GS/GE/IEA.
    position: int
    # 837 loop id ("2300", "2410", ...), "" for the header and the envelope.
    loop: str = ""
    # Needed to split composites and repetitions; not part of the segment's identity.
    delimiters: Delimiters = field(default=STANDARD_DELIMITERS, compare=False, repr=False)

    def element(self, n: int) -> str:
        """X12 element n (1-based, as in "CLM02"), "" when the segment is shorter."""
        if 1 <= n <= len(self.elements):
            return self.elements[n - 1]
        return ""

    def component(self, n: int, c: int) -> str:
        """Component c (1-based) of composite element n, e.g. component(1, 2) of SV1 is the code."""
        parts = self.element(n).split(self.delimiters.component)
        if 1 <= c <= len(parts):
            return parts[c - 1]
        return ""

    def repeats(self, n: int) -> list[str]:
        """The repetitions of element n; [] when the element is empty."""
        value = self.element(n)
        if not value:
            return []
        if not self.delimiters.repetition:
            return [value]
        return value.split(self.delimiters.repetition)

    def to_x12(self, delimiters: Delimiters | None = None) -> str:
        """The segment as it would be written, terminator included (used by tests and logs)."""
        d = delimiters or self.delimiters
        return d.element.join((self.id, *self.elements)) + d.segment


_new = object.__new__
_set_id, _set_elements, _set_position, _set_loop, _set_delimiters = (
    Segment.id.__set__,  # type: ignore[attr-defined]
    Segment.elements.__set__,  # type: ignore[attr-defined]
    Segment.position.__set__,  # type: ignore[attr-defined]
    Segment.loop.__set__,  # type: ignore[attr-defined]
    Segment.delimiters.__set__,  # type: ignore[attr-defined]
)


def make_segment(
    seg_id: str, elements: tuple[str, ...], position: int, loop: str, delimiters: Delimiters
) -> Segment:
    """Segment(seg_id, elements, position, loop, delimiters), built about twice as fast: a frozen
    dataclass's __init__ goes through object.__setattr__ per field, this fills the slots directly.
    iter_claims builds one per segment of the file."""
    segment = _new(Segment)
    _set_id(segment, seg_id)
    _set_elements(segment, elements)
    _set_position(segment, position)
    _set_loop(segment, loop)
    _set_delimiters(segment, delimiters)
    return segment
