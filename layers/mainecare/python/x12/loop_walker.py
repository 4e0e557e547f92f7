"""Place each segment of a transaction set in its TR3 loop, the way pyx12's map walker does.

From the last segment placed, scan forward through the current loop's children (segments and
child loops, by TR3 position), then through each enclosing loop's children after the loop just
left. The first segment slot or loop whose first segment matches (id + qualifier) wins. Required
slots and loops skipped on the way are reported missing (IK304 3) at the position of the
segment that skipped them; a slot used too often is IK304 5, a loop repeated too often IK304 4;
a segment nothing matches is IK304 1 and leaves the walker where it was.

Where a scan goes depends only on (last slot, segment id, qualifier), never on counts, so it is
computed once and cached: a 100k-claim file costs a dict lookup per segment, not a tree scan.
"""

from __future__ import annotations

from collections.abc import Sequence

from valueobjects import value_object
from x12.reports import SegmentError
from x12.tr3_map import LoopNode, SlotNode

_MEMO_LIMIT = 50_000  # garbage qualifiers must not grow the cache without bound


@value_object(slots=True)
class _Transition:
    target: SlotNode | None  # None: the segment fits nowhere
    passed: tuple[tuple[SlotNode | LoopNode, SlotNode], ...]  # (counted node, reported slot)
    entered: tuple[LoopNode, ...]  # loops (re)entered, outermost first
    loop_id: str = ""  # the target's loop as reported ("" for the header or no target)


_NO_ERRORS: tuple[SegmentError, ...] = ()
_NEVER = (0, 0)


class LoopWalker:
    """One walker per transaction set; feed it every segment after ST, SE included."""

    def __init__(self, root: LoopNode) -> None:
        self._root = root
        self._memo, self._memo_size = _memo_for(root)
        self._keys = _key_positions(root)
        start = root.first_slot()
        assert start is not None and start.seg_id == "ST"
        self.current: SlotNode = start
        self.loop_id: str = start.loop.report_id  # the current slot's loop as reported
        self.placed = True  # False when the last segment fit nowhere (and current did not move)
        self.entered: tuple[LoopNode, ...] = ()  # loops the last segment opened, outermost first
        self._instance: dict[LoopNode, int] = {root: 1}
        self._next_instance = 2
        self._counts: dict[SlotNode | LoopNode, tuple[int, int]] = {start: (1, 1)}

    @property
    def key_positions(self) -> dict[str, tuple[int, int]]:
        """Where each keyed segment id carries the qualifier the walker keys on: (element, component),
        component 0 for a simple element. Shared by every walker of the guide: do not modify."""
        return self._keys

    def place(
        self, seg_id: str, elements: list[str], position: int, component: str
    ) -> Sequence[SegmentError]:
        """Move to the slot `seg_id` fills and return the structural errors it reveals."""
        transition = self._transition(seg_id, elements, component)
        target = transition.target
        if target is None:
            self.placed, self.entered = False, ()
            return [SegmentError(seg_id, position, self.loop_id, "1")]
        self.placed = True
        self.entered = entered = transition.entered
        errors: list[SegmentError] | None = None
        if transition.passed:
            errors = [
                SegmentError(slot.seg_id, position, slot.loop.report_id, "3")
                for node, slot in transition.passed
                if self._count(node) == 0
            ]
        if entered:
            if errors is None:
                errors = []
            for loop in entered:
                repeats = self._bump(loop)
                if loop.max_repeat and repeats > loop.max_repeat:
                    errors.append(SegmentError(seg_id, position, loop.report_id, "4"))
                self._instance[loop] = self._next_instance
                self._next_instance += 1
        # self._bump(target), inlined: this runs for every segment of every set.
        instance = self._instance.get(target.loop, 0)
        counts = self._counts
        stamp, uses = counts.get(target, _NEVER)
        uses = uses + 1 if stamp == instance else 1
        counts[target] = (instance, uses)
        if target.max_use and uses > target.max_use:
            if errors is None:
                errors = []
            errors.append(SegmentError(seg_id, position, transition.loop_id, "5"))
        self.current = target
        self.loop_id = transition.loop_id
        return errors or _NO_ERRORS

    def follow(self, seg_id: str, elements: list[str], component: str) -> None:
        """Move like place() but keep no counts and report nothing: for reading an accepted set."""
        transition = self._transition(seg_id, elements, component)
        if transition.target is None:
            self.placed, self.entered = False, ()
        else:
            self.placed, self.entered, self.current = True, transition.entered, transition.target
            self.loop_id = transition.loop_id

    def _transition(self, seg_id: str, elements: list[str], component: str) -> _Transition:
        # memo[current slot][segment id][qualifier]: three lookups of cheap keys, no tuple built.
        key = self._keys.get(seg_id)
        if key is None:
            token = ""
        else:
            element, comp = key
            token = elements[element - 1] if len(elements) >= element else ""
            if comp:
                token = token.split(component, 1)[0]
        by_id = self._memo.get(self.current)
        if by_id is not None:
            by_token = by_id.get(seg_id)
            if by_token is not None:
                transition = by_token.get(token)
                if transition is not None:
                    return transition
        return self._scan_and_remember(seg_id, token)

    def _scan_and_remember(self, seg_id: str, token: str) -> _Transition:
        size = self._memo_size
        if size[0] > _MEMO_LIMIT:  # garbage qualifiers must not grow the cache without bound
            self._memo.clear()
            size[0] = 0
        transition = _scan(self.current, seg_id, token)
        self._memo.setdefault(self.current, {}).setdefault(seg_id, {})[token] = transition
        size[0] += 1
        return transition

    def _count(self, node: SlotNode | LoopNode) -> int:
        # A count belongs to one instance of the enclosing loop; a newer instance starts at 0.
        stamp, count = self._counts.get(node, _NEVER)
        return count if stamp == self._instance.get(node.owner) else 0

    def _bump(self, node: SlotNode | LoopNode) -> int:
        instance = self._instance.get(node.owner, 0)
        stamp, count = self._counts.get(node, _NEVER)
        count = count + 1 if stamp == instance else 1
        self._counts[node] = (instance, count)
        return count


def _scan(start: SlotNode, seg_id: str, token: str) -> _Transition:
    passed: list[tuple[SlotNode | LoopNode, SlotNode]] = []
    loop: LoopNode | None = start.loop
    came_from: LoopNode | None = None
    from_pos = start.pos
    while loop is not None:
        first = loop.first_slot()
        for child in loop.children:
            if child.pos < from_pos:
                continue
            if isinstance(child, SlotNode):
                if child.matches(seg_id, token):
                    if child is first and loop.parent is not None:
                        # The loop's own first segment again: a new repeat of this loop.
                        return _Transition(child, _missing(passed, None), (loop,), loop.report_id)
                    return _Transition(child, _missing(passed, child), (), loop.report_id)
                # The slot we stand on, like the loop we just left, is used at least once: only
                # other required slots and loops can be missing.
                if child.usage == "R" and child is not start:
                    passed.append((child, child))
                continue
            entered = _enter(child, seg_id, token)
            if entered:
                target = entered[-1].first_slot()
                assert target is not None
                return _Transition(target, _missing(passed, None), tuple(entered), target.loop.report_id)
            if child is not came_from:
                passed.extend(_required_unentered(child))
        from_pos = loop.pos
        came_from, loop = loop, loop.parent
    return _Transition(None, (), ())


def _enter(loop: LoopNode, seg_id: str, token: str) -> list[LoopNode]:
    """The chain of loops entered if `loop` starts with this segment ([] if it does not)."""
    first = loop.first_slot()
    if first is not None:
        return [loop] if first.matches(seg_id, token) else []
    # A wrapper (pyx12's DETAIL) starts with whichever of its child loops matches.
    for child in loop.children:
        if isinstance(child, LoopNode):
            inner = _enter(child, seg_id, token)
            if inner:
                return [loop, *inner]
    return []


def _required_unentered(loop: LoopNode) -> list[tuple[SlotNode | LoopNode, SlotNode]]:
    first = loop.first_slot()
    if first is not None:
        return [(loop, first)] if loop.usage == "R" else []
    found: list[tuple[SlotNode | LoopNode, SlotNode]] = []
    for child in loop.children:
        if isinstance(child, LoopNode):
            found.extend(_required_unentered(child))
    return found


def _missing(passed, matched: SlotNode | None) -> tuple[tuple[SlotNode | LoopNode, SlotNode], ...]:
    # pyx12 keeps back (and so never reports) a missing slot at the matched slot's position:
    # same-position slots are alternatives, e.g. HI*BK and HI*BF both sit at position 2310.
    if matched is None:
        return tuple(passed)
    return tuple((node, slot) for node, slot in passed if slot is not matched and slot.pos != matched.pos)


_MEMOS: dict[LoopNode, tuple[dict, list[int]]] = {}


def _memo_for(root: LoopNode) -> tuple[dict, list[int]]:
    """The root's shared transition memo and its entry count (a one-item list, shared too)."""
    return _MEMOS.setdefault(root, ({}, [0]))


_KEYS: dict[LoopNode, dict[str, tuple[int, int]]] = {}


def _key_positions(root: LoopNode) -> dict[str, tuple[int, int]]:
    """Where each keyed segment id carries its qualifier; one place per id in both 837 guides."""
    if root not in _KEYS:
        keys: dict[str, tuple[int, int]] = {}
        stack: list[LoopNode] = [root]
        while stack:
            for child in stack.pop().children:
                if isinstance(child, LoopNode):
                    stack.append(child)
                elif child.key_codes is not None:
                    keys.setdefault(child.seg_id, (child.key_element, child.key_component))
        _KEYS[root] = keys
    return _KEYS[root]
