"""Turn the text tables of tr3_837p.py / tr3_837i.py into the node tree the loop walker follows.

LOOPS, one loop a line (indented lines continue the previous one):
    <loop> < <parent>:<usage><max repeat> @<pos> [...] = <segment>; <segment>; ...
    segment = <id>[:<key codes>|:<element>.<component>:<key codes>] <usage><max use> @<pos>
A key (element 01, component 01-1, or HL03 for HL) is the qualifier that tells apart segments
with the same id, e.g. NM1*85 from NM1*87; "*" means a code list too long to be worth keying on.
A loop with two parents (2300 under 2000B and 2000C) is built once under each.

ELEMENTS, one segment a line, elements not listed are "not used" in the TR3:
    <loop> <id>[:<key codes>] = <pos>/<data element>/<usage>[/<codes>][/@<external list>][/~<regex>]
where <pos> is "5" for an element or "5.1" for a component; a composite itself is
<pos>/<Cnnn>/<usage>/<component count>.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cache
from types import ModuleType

from valueobjects import record, value_object
from x12 import tr3_837i, tr3_837p
from x12.code_tables import DATA_ELEMENTS, EXTERNAL_CODES

# Implementation guide reference -> (claim kind, table module); the only two versions we accept.
IMPLEMENTATIONS: dict[str, tuple[str, ModuleType]] = {
    tr3_837p.IMPLEMENTATION: ("professional", tr3_837p),
    tr3_837i.IMPLEMENTATION: ("institutional", tr3_837i),
}
# pyx12's wrapper loops have no TR3 loop id: segments in them report loop "".
_UNNAMED_LOOPS = {"ST_LOOP", "HEADER", "DETAIL"}


@value_object(slots=True)
class ElementRule:
    position: int
    component: int  # 0 for a simple element or a whole composite
    data_element: str  # "1331", or "C023" for a composite
    usage: str  # R required, S situational, N not used
    codes: frozenset[str] | None = None  # TR3 codes, plus the external list's when there is one
    pattern: re.Pattern[str] | None = None
    components: int = 0  # for a composite: how many components the standard defines
    # The data element's X12 type and lengths, looked up once here rather than per value.
    kind: str = "AN"
    shortest: int = 0
    longest: int = 1 << 30


def make_rule(
    position, component, data_element, usage, codes=None, external=None, pattern=None, components=0
):
    if external:
        codes = (codes or frozenset()) | EXTERNAL_CODES[external]
    kind, shortest, longest = DATA_ELEMENTS.get(data_element, ("AN", 0, 1 << 30))
    return ElementRule(
        position, component, data_element, usage, codes, pattern, components, kind, shortest, longest
    )


@value_object(slots=True)
class HiRule:
    """HI is twelve identical composites; only the qualifier codes differ by slot and position.
    composites[n - 1] holds the nine component rules of HI0n, for the composites the slot allows."""

    composites: tuple[tuple[ElementRule, ...], ...]


@value_object(slots=True, eq=False)  # compared by identity: cheap to hash as a cache key
class SegmentRules:
    elements: tuple[ElementRule, ...]
    max_elements: int
    hi: HiRule | None = None


@record(slots=True, eq=False)
class SlotNode:
    seg_id: str
    key_element: int
    key_component: int
    key_codes: frozenset[str] | None
    usage: str
    max_use: int  # 0 = no limit
    pos: int
    loop: LoopNode
    rules: SegmentRules | None = None

    @property
    def owner(self) -> LoopNode:
        """The loop instance a use of this slot is counted in."""
        return self.loop

    def matches(self, seg_id: str, key_value: str) -> bool:
        return seg_id == self.seg_id and (self.key_codes is None or key_value in self.key_codes)


@record(slots=True, eq=False)
class LoopNode:
    id: str
    usage: str
    max_repeat: int  # 0 = no limit
    pos: int
    parent: LoopNode | None
    children: list[SlotNode | LoopNode] = field(default_factory=list)

    @property
    def owner(self) -> LoopNode | None:
        """The loop instance a repeat of this loop is counted in."""
        return self.parent

    @property
    def report_id(self) -> str:
        return "" if self.id in _UNNAMED_LOOPS else self.id

    def first_slot(self) -> SlotNode | None:
        first = self.children[0] if self.children else None
        return first if isinstance(first, SlotNode) else None


@cache
def transaction_map(implementation: str) -> LoopNode:
    """The ST_LOOP node of an implementation guide; KeyError for one we do not support."""
    _, module = IMPLEMENTATIONS[implementation]
    loops = _parse_loops(module.LOOPS)
    rules = _parse_elements(module.ELEMENTS, module.MAX_ELEMENTS, _parse_hi(module.HI))
    return _build("ST_LOOP", None, "R", 1, 0, loops, rules)


@value_object(slots=True)
class _LoopText:
    parents: tuple[tuple[str, str, int, int], ...]  # (parent, usage, max repeat, pos)
    slots: tuple[str, ...]


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if raw[0].isspace() and lines:
            lines[-1] += " " + raw.strip()
        else:
            lines.append(raw.strip())
    return lines


def _usage_and_count(token: str) -> tuple[str, int]:
    return token[0], 0 if token[1:] == ">1" else int(token[1:])


def _parse_loops(text: str) -> dict[str, _LoopText]:
    loops: dict[str, _LoopText] = {}
    for line in _logical_lines(text):
        head, body = line.split("=", 1)
        loop_id, parent_text = head.split("<")
        tokens = parent_text.split()
        parents = []
        for spec, pos in zip(tokens[::2], tokens[1::2], strict=True):
            parent, usage_count = spec.split(":")
            usage, repeat = _usage_and_count(usage_count)
            parents.append((parent, usage, repeat, int(pos[1:])))
        slots = tuple(s.strip() for s in body.split(";") if s.strip())
        loops[loop_id.strip()] = _LoopText(tuple(parents), slots)
    return loops


def _parse_slot(text: str, loop: LoopNode, rules: dict[tuple[str, str, str], SegmentRules]) -> SlotNode:
    ident, usage_count, pos = text.split()
    usage, max_use = _usage_and_count(usage_count)
    parts = ident.split(":")
    seg_id, element, component, codes_text = parts[0], 1, 0, ""
    if seg_id == "HL":
        element = 3
    if len(parts) == 2:
        codes_text = parts[1]
    elif len(parts) == 3:
        element, _, comp = parts[1].partition(".")
        element, component, codes_text = int(element), int(comp or 0), parts[2]
    codes = None if codes_text in ("", "*") else frozenset(codes_text.split(","))
    slot = SlotNode(seg_id, element, component, codes, usage, max_use, int(pos[1:]), loop)
    slot.rules = rules.get((loop.id, seg_id, codes_text)) or rules.get(("*", seg_id, codes_text))
    return slot


def _build(loop_id, parent, usage, repeat, pos, loops, rules) -> LoopNode:
    node = LoopNode(loop_id, usage, repeat, pos, parent)
    children: list[SlotNode | LoopNode] = [_parse_slot(s, node, rules) for s in loops[loop_id].slots]
    for child_id, text in loops.items():
        for parent_id, child_usage, child_repeat, child_pos in text.parents:
            if parent_id == loop_id:
                children.append(_build(child_id, node, child_usage, child_repeat, child_pos, loops, rules))
    # pyx12 scans a loop's children by position, keeping file order among equal positions.
    node.children = sorted(children, key=lambda child: child.pos)
    return node


def _parse_elements(text, max_elements, hi_rules) -> dict[tuple[str, str, str], SegmentRules]:
    table: dict[tuple[str, str, str], SegmentRules] = {}
    for line in _logical_lines(text):
        head, body = line.split("=", 1)
        loop_id, ident = head.split()
        seg_id, _, codes_text = ident.partition(":")
        elements = tuple(_parse_element(token) for token in body.split())
        table[(loop_id, seg_id, codes_text)] = SegmentRules(elements, max_elements[seg_id])
    for codes_text, hi in hi_rules.items():
        table[("*", "HI", codes_text)] = SegmentRules((), max_elements["HI"], hi)
    return table


def _parse_element(token: str) -> ElementRule:
    position, data_element, usage, *extras = token.split("/")
    element, _, component = position.partition(".")
    codes, external, pattern, components = None, None, None, 0
    for extra in extras:
        if extra.startswith("@"):
            external = extra[1:]
        elif extra.startswith("~"):
            pattern = re.compile(extra[1:])
        elif data_element.startswith("C"):
            components = int(extra)
        else:
            codes = frozenset(extra.split(","))
    return make_rule(
        int(element), int(component or 0), data_element, usage, codes, external, pattern, components
    )


def _parse_hi(text: str) -> dict[str, HiRule]:
    table: dict[str, HiRule] = {}
    for line in _logical_lines(text):
        head, body = line.split("=", 1)
        other, count, *component_tokens = body.split()
        first_codes = frozenset(head.strip().split(","))
        other_codes = first_codes if other == "-" else frozenset(other.split(","))
        used = {}
        for token in component_tokens:  # e.g. "2R1271": component 2, required, data element 1271
            digits = len(token) - len(token.lstrip("0123456789"))
            used[int(token[:digits])] = (token[digits], token[digits + 1 :])
        composites = []
        for position in range(1, int(count) + 1):
            codes = first_codes if position == 1 else other_codes
            rules = []
            for c in range(1, 10):
                usage, data_element = used.get(c, ("N", ""))
                rules.append(make_rule(position, c, data_element, usage, codes if c == 1 else None))
            composites.append(tuple(rules))
        table[head.strip()] = HiRule(tuple(composites))
    return table
