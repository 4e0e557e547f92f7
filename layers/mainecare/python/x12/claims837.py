"""iter_claims: a second streaming pass that yields one 837 claim at a time with its context.

Run it after validate_structure and pass the accepted (GS06, ST02) pairs so rejected sets are
skipped. Loops are identified by the same loop walker the validator uses, so a segment's loop
here is the loop its 999 error would name. Memory holds one claim plus the provider and
subscriber around it, whatever the file size: a billing provider with thousands of subscribers,
each with several claims, yields each claim with the provider and subscriber it sits under.

The pass builds a Segment for every segment of every accepted set, so the work per segment is
kept to the minimum: chunks are split and segments cut into elements by map() calls that run in
C (the tuple a segment is split into becomes its Segment's elements as it is, id first), and the
walker's moves come memoised (claim_routes) together with the list each segment joins and what
it starts, so that placing a segment is a dict lookup or two.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import chain, repeat
from typing import BinaryIO, TextIO

from x12.claim_routes import CLAIM, DRUG, END, LINE, NEW_DRUG, NEW_LINE, NOWHERE, steps_for
from x12.claim_segments import ClaimSegments, EnvelopeInfo, LineSegments
from x12.reader import read_head, read_pieces
from x12.segments import Delimiters, Segment
from x12.tr3_map import IMPLEMENTATIONS

_CHUNK_SIZE = 1 << 16
# The ISA is read as reader.open_segment_batches reads it, so a broken one fails the same way.
_ISA_CHUNK_SIZE = 1 << 14
_LINE_ENDS = "\r\n"

_DISCARD: deque[Segment] = deque(maxlen=0)  # files the segments no claim keeps

# Each segment split on the element separator, id first (as a Segment keeps its elements).
_Split = Iterator[tuple[str, ...]]


def _unfrozen(cls: type, fields: tuple[str, ...]) -> type:
    """A class with the slots of the frozen dataclass `cls` but without the __setattr__ that
    refuses every assignment. An instance is filled with plain attribute stores, then becomes a
    `cls` by assigning __class__ (allowed between classes of the same layout): half the cost of
    calling each slot's descriptor, for the one Segment built per segment. `fields` is what the
    code here fills in: this fails at import, not with half-built objects, if `cls` changes."""
    if cls.__slots__ != fields:
        raise TypeError(f"{cls.__name__} has fields {cls.__slots__}, claims837 fills {fields}")
    return type(f"_Unfrozen{cls.__name__}", (), {"__slots__": fields})


_SegmentSlots = _unfrozen(Segment, ("id", "elements", "position", "loop", "delimiters"))
_LineSlots = _unfrozen(LineSegments, ("line", "drugs"))
_ClaimSlots = _unfrozen(
    ClaimSegments,
    (
        "interchange", "group_control_number", "set_control_number", "implementation_ref", "kind",
        "submitter", "receiver", "billing_provider", "subscriber", "patient", "claim", "lines",
    ),
)  # fmt: skip


def iter_claims(
    stream: BinaryIO | TextIO, accepted_sets: set[tuple[str, str]] | None = None
) -> Iterator[ClaimSegments]:
    delimiters, head, exhausted = read_head(stream, _ISA_CHUNK_SIZE)
    segments = chain.from_iterable(_segments(stream, head, delimiters, exhausted))
    envelope: EnvelopeInfo | None = None
    group_control, group_version = "", ""
    for elements in segments:
        seg_id = elements[0]
        while True:
            if seg_id == "ISA":
                envelope = _envelope(elements)
            elif seg_id == "GS":
                group_control, group_version = _get(elements, 6), _get(elements, 8)
            elif seg_id == "ST" and envelope is not None:
                implementation = _get(elements, 3) or group_version
                control = _get(elements, 2)
                wanted = accepted_sets is None or (group_control, control) in accepted_sets
                if wanted and _get(elements, 1) == "837" and implementation in IMPLEMENTATIONS:
                    header = (envelope, group_control, control, implementation, IMPLEMENTATIONS[implementation][0])
                    ending = yield from _set_claims(segments, header, delimiters)
                    if ending is not None:
                        # SE, or the envelope segment of a set without SE: read it like any other
                        elements = ending
                        seg_id = elements[0]
                        continue
            break


def _segments(stream: BinaryIO | TextIO, buffer: str, delimiters: Delimiters, exhausted: bool) -> Iterator[_Split]:
    """The segments of each chunk, cut as reader.open_segment_batches cuts them."""
    separator = delimiters.element
    for pieces in read_pieces(stream, buffer, delimiters.segment, _CHUNK_SIZE, exhausted):
        # Line breaks after a terminator are layout (anything else, even a space, is data), and
        # empty pieces are no segments. One segment at a time, all in C: each list the split
        # makes is freed as soon as it is a tuple.
        yield map(tuple, map(str.split, filter(None, map(str.strip, pieces, repeat(_LINE_ENDS))), repeat(separator)))


def _set_claims(
    segments: _Split, header: tuple[EnvelopeInfo, str, str, str, str], delimiters: Delimiters
) -> Iterator[ClaimSegments]:
    """Yield the claims of the set whose ST was just read. Returns the segment that ended the set
    (SE, or an envelope segment where SE is missing), None if the input ended first."""
    steps = steps_for(header[3])
    resolve, keys = steps.resolve, steps.keys
    component = delimiters.component
    table, loop, slot = steps.start_table, steps.start_loop, steps.start_slot
    position = 1  # the ST
    contexts: list[list[Segment]] = [[], [], [], [], []]
    claim: list[Segment] | None = None
    lines: list[LineSegments] = []
    line: list[Segment] | None = None
    drugs: list[list[Segment]] = []
    # The list each route files to (claim_routes numbers them): the contexts, then the claim, line
    # and drug being read, which discard until there is one, and NOWHERE, which always does.
    discard = _DISCARD
    lists: list[list[Segment] | deque[Segment]] = [*contexts] + [discard] * (NOWHERE + 1 - CLAIM)
    # globals as locals: this loop runs once per segment
    unfrozen, segment_type, dict_type = _SegmentSlots, Segment, dict
    new_line, new_drug, end = NEW_LINE, NEW_DRUG, END
    for elements in segments:
        seg_id = elements[0]
        try:
            step = table[seg_id]
            if step.__class__ is dict_type:  # a keyed id: the step depends on its qualifier too
                index, in_composite = keys[seg_id]
                token = elements[index]
                step = step[token.split(component, 1)[0] if in_composite else token]
        except (KeyError, IndexError):  # not seen from this slot yet, or a keyed segment cut short
            step = resolve(slot, loop, seg_id, elements, component)
        table, loop, route, start, slot = step
        if start is not None:
            if start is new_line:
                if line is not None:
                    lines.append(_line(line, drugs))
                line, drugs = [], []
                lists[LINE], lists[DRUG] = line, discard
            elif start is new_drug:
                drugs.append(drug := [])
                lists[DRUG] = drug
            elif start is end:
                if claim is not None:
                    yield _claim(header, contexts, claim, lines, line, drugs)
                return elements
            else:  # a claim, or a new provider, subscriber or patient: the claim read so far is complete
                if claim is not None:
                    yield _claim(header, contexts, claim, lines, line, drugs)
                    claim, lines, line, drugs = None, [], None, []
                    lists[CLAIM] = lists[LINE] = lists[DRUG] = discard
                for reset in start.resets:
                    contexts[reset] = context = []
                    lists[reset] = context
                if start.claim:
                    claim = []
                    lists[CLAIM] = claim
        position += 1
        segment = unfrozen()
        segment.id = seg_id
        segment.elements = elements
        segment.position = position
        segment.loop = loop
        segment.delimiters = delimiters
        segment.__class__ = segment_type
        lists[route].append(segment)
    if claim is not None:
        yield _claim(header, contexts, claim, lines, line, drugs)
    return None


def _line(line: list[Segment], drugs: list[list[Segment]]) -> LineSegments:
    """LineSegments(line, drugs) with lists made tuples, built like the Segments."""
    built = _LineSlots()
    built.line = tuple(line)
    built.drugs = tuple(map(tuple, drugs)) if drugs else ()
    built.__class__ = LineSegments
    return built


def _claim(
    header: tuple[EnvelopeInfo, str, str, str, str],
    contexts: list[list[Segment]],
    claim: list[Segment],
    lines: list[LineSegments],
    line: list[Segment] | None,
    drugs: list[list[Segment]],
) -> ClaimSegments:
    """ClaimSegments(*header, *contexts, claim, lines) with lists made tuples, built like the
    Segments; the line still open ends first."""
    if line is not None:
        lines.append(_line(line, drugs))
    built = _ClaimSlots()
    envelope, group, control, implementation, kind = header
    built.interchange = envelope
    built.group_control_number = group
    built.set_control_number = control
    built.implementation_ref = implementation
    built.kind = kind
    submitter, receiver, billing_provider, subscriber, patient = contexts
    built.submitter = tuple(submitter)
    built.receiver = tuple(receiver)
    built.billing_provider = tuple(billing_provider)
    built.subscriber = tuple(subscriber)
    built.patient = tuple(patient)
    built.claim = tuple(claim)
    built.lines = tuple(lines)
    built.__class__ = ClaimSegments
    return built


def _envelope(elements: tuple[str, ...]) -> EnvelopeInfo:
    return EnvelopeInfo(
        sender_qualifier=_get(elements, 5),
        sender_id=_get(elements, 6).strip(),
        receiver_qualifier=_get(elements, 7),
        receiver_id=_get(elements, 8).strip(),
        control_number=_get(elements, 13),
        date=_get(elements, 9),
        time=_get(elements, 10),
        usage_indicator=_get(elements, 15),
    )


def _get(elements: tuple[str, ...], n: int) -> str:
    return elements[n] if len(elements) > n else ""
