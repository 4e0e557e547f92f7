"""The two value types everything in the X12 package passes around: delimiters and segments.

A Segment keeps its elements as the raw strings between element separators; composites and
repetitions are split only when asked for, because most elements of most segments are never
looked at and splitting all of them would double the cost of reading a file.
"""

from __future__ import annotations

from dataclasses import field

from valueobjects import value_object


@value_object(slots=True)
class Delimiters:
    element: str
    component: str
    repetition: str
    segment: str


# What we write in our own acknowledgements, and the fallback for segments built in code.
STANDARD_DELIMITERS = Delimiters(element="*", component=":", repetition="^", segment="~")


@value_object(slots=True)
class Segment:
    id: str
    # The segment as split on the element separator: elements[0] is the id, elements[n] is X12
    # element n (elements[2] of a CLM is CLM02). Kept whole so the reader hands on the tuple it
    # split, without cutting the id off a copy for every segment of a file.
    elements: tuple[str, ...]
    # 1-based position within the transaction set (ST = 1); 0 for ISA/GS/GE/IEA.
    position: int
    # 837 loop id ("2300", "2410", ...), "" for the header and the envelope.
    loop: str = ""
    # Needed to split composites and repetitions; not part of the segment's identity.
    delimiters: Delimiters = field(default=STANDARD_DELIMITERS, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Built in code (tests, fixtures): the id must lead the elements, as the reader splits them.
        if self.elements[:1] != (self.id,):
            raise ValueError(f"Segment {self.id!r}: elements must start with the id, got {self.elements[:1]!r}")

    def element(self, n: int) -> str:
        """X12 element n (1-based, as in "CLM02"), "" when the segment is shorter."""
        if 1 <= n < len(self.elements):
            return self.elements[n]
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
        return d.element.join(self.elements) + d.segment
