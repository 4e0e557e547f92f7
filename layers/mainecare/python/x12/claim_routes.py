"""Where iter_claims files each segment of an 837 set: the loop walker's moves, memoised as steps.

For the slot the walker stands on and the next segment (id, and qualifier when the id is keyed),
a step holds all that iter_claims needs: the slot the walker moves to, the loop the segment is
reported in, the list it joins (a context, the claim, the claim's line or the line's drug) and
what it starts (a claim, line or drug, or a new provider, subscriber or patient). LoopWalker.follow
decides each step once, with the same key token and the same scan as in validation; after that a
segment costs one dict lookup, two when its id is keyed.
"""

from __future__ import annotations

from typing import Any

from valueobjects import value_object
from x12.loop_walker import LoopWalker
from x12.tr3_map import LoopNode, SlotNode, transaction_map

# Routes: the lists a segment can join, as indexes into iter_claims' lists. The first five are the
# contexts, in ClaimSegments' order; NOWHERE (the header, SE) keeps nothing.
SUBMITTER, RECEIVER, BILLING_PROVIDER, SUBSCRIBER, PATIENT, CLAIM, LINE, DRUG, NOWHERE = range(9)


@value_object(slots=True, eq=False)
class Start:
    """What a segment that enters a loop starts. A claim, or a new provider, subscriber or patient,
    completes the claim read so far; `resets` are the contexts that then begin again empty."""

    resets: tuple[int, ...] = ()
    claim: bool = False


# Told apart by identity in iter_claims' loop. END: the segment ends the set.
NEW_LINE, NEW_DRUG, END = Start(), Start(), Start()
_STARTS = {
    "2400": NEW_LINE,
    "2410": NEW_DRUG,
    "2300": Start(claim=True),
    "2000A": Start(resets=(BILLING_PROVIDER, SUBSCRIBER, PATIENT)),
    "2000B": Start(resets=(SUBSCRIBER, PATIENT)),
    "2000C": Start(resets=(PATIENT,)),
}

_ROUTE_BY_LOOP = {
    "1000A": SUBMITTER, "1000B": RECEIVER,
    "2000A": BILLING_PROVIDER, "2010AA": BILLING_PROVIDER, "2010AB": BILLING_PROVIDER,
    "2010AC": BILLING_PROVIDER,
    "2000B": SUBSCRIBER, "2010BA": SUBSCRIBER, "2010BB": SUBSCRIBER,
    "2000C": PATIENT, "2010CA": PATIENT,
    "2410": DRUG,
}  # fmt: skip
_CLAIM_PREFIXES = ("2300", "231", "232", "233")
_LINE_PREFIXES = ("2400", "242", "243", "244")
# Segments that end a set (SE, or an envelope segment where SE is missing), whatever the slot.
_SET_ENDS = frozenset({"SE", "ST", "GE", "IEA", "GS", "ISA"})

# A step: (next table, loop id, route, Start or None, next slot). The next table is the next
# slot's memo: segment id -> step, or for a keyed id, a dict qualifier -> step.
Step = tuple[dict[str, Any], str, int, Start | None, SlotNode]
_END_STEP: Step = ({}, "", NOWHERE, END, None)  # type: ignore[assignment]
_MEMO_LIMIT = 50_000  # like the walker's: garbage qualifiers must not grow the memo without bound


def route(loop: str) -> int:
    """The list a segment reported in `loop` joins."""
    found = _ROUTE_BY_LOOP.get(loop)
    if found is not None:
        return found
    if loop.startswith(_LINE_PREFIXES):
        return LINE
    if loop.startswith(_CLAIM_PREFIXES):
        return CLAIM
    return NOWHERE


class Steps:
    """The steps of one implementation guide, shared by every set that uses it."""

    def __init__(self, root: LoopNode) -> None:
        self._root = root
        walker = LoopWalker(root)
        # Each keyed id's (index into the elements, id first, so the element number; whether the
        # qualifier is a component).
        self.keys = {seg_id: (element, bool(comp)) for seg_id, (element, comp) in walker.key_positions.items()}
        self._tables: dict[SlotNode, dict[str, Any]] = {}
        self._size = 0
        self.start_slot, self.start_loop = walker.current, walker.loop_id
        self.start_table = self._table(walker.current)

    def resolve(self, slot: SlotNode, loop: str, seg_id: str, elements: tuple[str, ...], component: str) -> Step:
        """The step for a segment the tables have not seen from `slot`: ask the walker, remember."""
        table = self._table(slot)
        if seg_id in _SET_ENDS:
            table[seg_id] = _END_STEP
            return _END_STEP
        key = self.keys.get(seg_id)
        token = "" if key is None else key_token(key, elements, component)
        known = table.get(seg_id)
        if known is not None and key is not None:
            known = known.get(token)
        if known is not None:  # a keyed segment cut short of its qualifier: iter_claims could not look
            return known
        if self._size > _MEMO_LIMIT:
            for each in self._tables.values():
                each.clear()
            self._size = 0
        walker = LoopWalker(self._root)  # not one kept here: sets may be read in several threads
        walker.current = slot
        walker.follow(seg_id, list(elements[1:]), component)
        if walker.placed:
            # Loops entered before the last are wrappers (pyx12's DETAIL), which start nothing.
            start = _STARTS.get(walker.entered[-1].id) if walker.entered else None
            step = (self._table(walker.current), walker.loop_id, route(walker.loop_id), start, walker.current)
        else:  # fits nowhere: it stays with the loop of the segment before, as in validation
            step = (table, loop, route(loop), None, slot)
        if key is None:
            table[seg_id] = step
        else:
            table.setdefault(seg_id, {})[token] = step
        self._size += 1
        return step

    def _table(self, slot: SlotNode) -> dict[str, Any]:
        table = self._tables.get(slot)
        if table is None:
            table = self._tables[slot] = {}
        return table


def key_token(key: tuple[int, bool], elements: tuple[str, ...], component: str) -> str:
    """The qualifier LoopWalker keys on (`key` is from Steps.keys)."""
    index, in_composite = key
    token = elements[index] if len(elements) > index else ""
    return token.split(component, 1)[0] if in_composite else token


_STEPS: dict[str, Steps] = {}


def steps_for(implementation: str) -> Steps:
    """The steps of an implementation guide we support (KeyError for another)."""
    steps = _STEPS.get(implementation)
    if steps is None:
        steps = _STEPS[implementation] = Steps(transaction_map(implementation))
    return steps
