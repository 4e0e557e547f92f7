"""iter_claims: a second streaming pass that yields one 837 claim at a time with its context.

Run it after validate_structure and pass the accepted (GS06, ST02) pairs so rejected sets are
skipped. Loops are identified by the same loop walker the validator uses, so a segment's loop
here is the loop its 999 error would name. Memory holds one claim plus the provider and
subscriber around it, whatever the file size: a billing provider with thousands of subscribers,
each with several claims, yields each claim with the provider and subscriber it sits under.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, TextIO

from mainecare.domain.x12.claim_segments import ClaimSegments, EnvelopeInfo, LineSegments
from mainecare.domain.x12.loop_walker import LoopWalker
from mainecare.domain.x12.reader import open_segment_batches
from mainecare.domain.x12.segments import Delimiters, Segment, make_segment
from mainecare.domain.x12.tr3_map import IMPLEMENTATIONS, transaction_map

# Which context each loop's segments belong to.
_CONTEXT = {
    "1000A": "submitter", "1000B": "receiver",
    "2000A": "billing_provider", "2010AA": "billing_provider", "2010AB": "billing_provider",
    "2010AC": "billing_provider",
    "2000B": "subscriber", "2010BA": "subscriber", "2010BB": "subscriber",
    "2000C": "patient", "2010CA": "patient",
    "2410": "drug",
}  # fmt: skip
_CLAIM_PREFIXES = ("2300", "231", "232", "233")
_LINE_PREFIXES = ("2400", "242", "243", "244")
_SET_ENDS = frozenset({"SE", "ST", "GE", "IEA", "GS", "ISA"})
# A new instance of these loops resets the context they start (and everything below it).
_RESETS = {
    "2000A": ("billing_provider", "subscriber", "patient"),
    "2000B": ("subscriber", "patient"),
    "2000C": ("patient",),
}


def iter_claims(
    stream: BinaryIO | TextIO, accepted_sets: set[tuple[str, str]] | None = None
) -> Iterator[ClaimSegments]:
    delimiters, batches = open_segment_batches(stream)
    envelope: EnvelopeInfo | None = None
    group_control, group_version = "", ""
    builder: _SetBuilder | None = None
    add = None  # the open builder's add(), while there is one
    for batch in batches:
        for seg_id, elements, _ in batch:
            if add is not None:
                if seg_id in _SET_ENDS:
                    # SE, or a set without SE: give what was read, then move on
                    assert builder is not None
                    yield from builder.flush()
                    builder = add = None
                else:
                    finished = add(seg_id, elements)
                    if finished is not None:
                        yield finished
                    continue
            if seg_id == "ISA":
                envelope = _envelope(elements)
            elif seg_id == "GS":
                group_control, group_version = _get(elements, 6), _get(elements, 8)
            elif seg_id == "ST" and envelope is not None:
                implementation = _get(elements, 3) or group_version
                control = _get(elements, 2)
                wanted = accepted_sets is None or (group_control, control) in accepted_sets
                if wanted and _get(elements, 1) == "837" and implementation in IMPLEMENTATIONS:
                    builder = _SetBuilder(envelope, group_control, control, implementation, delimiters)
                    add = builder.add
    if builder is not None:
        yield from builder.flush()


class _SetBuilder:
    def __init__(
        self, envelope: EnvelopeInfo, group: str, control: str, implementation: str, delimiters: Delimiters
    ) -> None:
        self._envelope, self._group, self._control = envelope, group, control
        self._implementation = implementation
        self._kind = IMPLEMENTATIONS[implementation][0]
        self._delimiters = delimiters
        self._component = delimiters.component
        self._walker = LoopWalker(transaction_map(implementation))
        self._position = 1
        self._context: dict[str, list[Segment]] = {
            "submitter": [], "receiver": [], "billing_provider": [], "subscriber": [], "patient": [],
        }  # fmt: skip
        self._claim: list[Segment] | None = None
        self._lines: list[LineSegments] = []
        self._line: list[Segment] | None = None
        self._drugs: list[list[Segment]] = []

    def add(self, seg_id: str, elements: list[str]) -> ClaimSegments | None:
        """File one segment; returns the previous claim when this segment starts a new one."""
        self._position += 1
        walker = self._walker
        walker.follow(seg_id, elements, self._component)
        loop = walker.loop_id
        segment = make_segment(seg_id, tuple(elements), self._position, loop, self._delimiters)
        finished = None
        for entered in walker.entered:
            entered_id = entered.id
            if entered_id in _RESETS or entered_id == "2300":
                finished = self._finish_claim() or finished
                for name in _RESETS.get(entered_id, ()):
                    self._context[name] = []
                if entered_id == "2300":
                    self._claim = []
            elif entered_id == "2400":
                self._end_line()
                self._line = []
            elif entered_id == "2410":
                self._drugs.append([])
        route = _ROUTES.get(loop)
        if route is None:
            route = _ROUTES[loop] = _route(loop)
        if route is _CLAIM:
            if self._claim is not None:
                self._claim.append(segment)
        elif route is _LINE:
            if self._line is not None:
                self._line.append(segment)
        elif route is _DRUG:
            if self._drugs:
                self._drugs[-1].append(segment)
        elif route is not _NOWHERE:
            self._context[route].append(segment)
        return finished

    def _end_line(self) -> None:
        if self._line is not None:
            self._lines.append(LineSegments(tuple(self._line), tuple(tuple(d) for d in self._drugs)))
        self._line, self._drugs = None, []

    def flush(self) -> Iterator[ClaimSegments]:
        """Yield the claim still being built at the end of the set, if any."""
        finished = self._finish_claim()
        if finished is not None:
            yield finished

    def _finish_claim(self) -> ClaimSegments | None:
        if self._claim is None:
            return None
        self._end_line()
        context = self._context
        claim = ClaimSegments(
            interchange=self._envelope,
            group_control_number=self._group,
            set_control_number=self._control,
            implementation_ref=self._implementation,
            kind=self._kind,
            submitter=tuple(context["submitter"]),
            receiver=tuple(context["receiver"]),
            billing_provider=tuple(context["billing_provider"]),
            subscriber=tuple(context["subscriber"]),
            patient=tuple(context["patient"]),
            claim=tuple(self._claim),
            lines=tuple(self._lines),
        )
        self._claim, self._lines = None, []
        return claim


# Where a loop's segments are filed: a context name, or one of these markers.
_CLAIM, _LINE, _DRUG, _NOWHERE = "<claim>", "<line>", "<drug>", "<nowhere>"
_ROUTES: dict[str, str] = {}


def _route(loop: str) -> str:
    context = _CONTEXT.get(loop)
    if context == "drug":
        return _DRUG
    if context is not None:
        return context
    if loop.startswith(_LINE_PREFIXES):
        return _LINE
    if loop.startswith(_CLAIM_PREFIXES):
        return _CLAIM
    return _NOWHERE


def _envelope(elements: list[str]) -> EnvelopeInfo:
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


def _get(elements: list[str], n: int) -> str:
    return elements[n - 1] if len(elements) >= n else ""
