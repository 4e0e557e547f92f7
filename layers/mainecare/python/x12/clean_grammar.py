"""Regular expressions, generated from the TR3 map, that match only flawless 837 text.

The fast path of validate_structure (clean_scan.py) matches each HL loop of a transaction set
(and the header before the first HL) against one of these patterns in C, instead of walking
segment by segment in Python. A pattern must never accept text the slow validator would report,
so every choice below errs on the strict side; whatever the pattern does not accept is simply
handed to the slow validator, which then finds and reports the actual errors.

How the patterns stay exactly as strict as the loop walker, never looser:
- Segments appear in TR3 order, each slot at most max-use times and required slots at least
  once; loops likewise. Quantifiers are possessive, so the regex commits to the first slot a
  segment fits, as the walker does, and never backtracks into another placement.
- After each slot or loop a guard (?!key) fails the match when the next segment would still
  fit there (it would exceed max use, or its elements were bad) or fit a slot at the same TR3
  position that the walker would have tried first.
- Element values are spelled out per rule: code lists, lengths, the X12 character set without
  the file's delimiters, numbers without sign or exponent, dates that exist (29-31 only in the
  months that always have them). Elements the TR3 leaves unlisted or "not used" must be empty,
  a segment may not end in a separator, and line breaks are allowed only after a terminator.
- MaineCare's drug-line rules (LIN02 N4, an 11-digit LIN03, a positive CTP04) are part of the
  pattern too: a file that breaks them has 999 notes to write, so it takes the slow path.
- X12 syntax notes (NM1 P0809, REF R0203...) are lookaheads at the segment's start, for the notes
  the element rules leave open: a note that required and "not used" elements already settle is
  left out when it always holds, and makes the slot unmatchable when it never can.
Anything this module does not model (other date formats, element patterns it cannot confine to
one element) makes the slot unmatchable: correct, only slower.
"""

from __future__ import annotations

import re
from functools import cache

from valueobjects import value_object
from x12.clean_elements import NEVER, SegmentPatterns
from x12.pattern_text import alternatives
from x12.segments import Delimiters
from x12.syntax_patterns import syntax_lookaheads
from x12.tr3_map import LoopNode, SlotNode, transaction_map

_RUN = 8  # optional items skipped together behind one look at the next segment's id


@value_object
class Grammar:
    """Compiled unit patterns of one implementation under one set of delimiters."""

    header: re.Pattern[str]  # BHT through 1000B
    # Any number of HL loops (20, 22, 23), each without its child HL loops: the set's detail.
    detail: re.Pattern[str]
    hl_facts: re.Pattern[str]  # (HL01, HL02, HL03, HL04) of each HL, in file order
    claim_facts: re.Pattern[str]  # (CLM02, "", "") or ("", LX01, line charge), in file order


@cache
def grammar(implementation: str, delimiters: Delimiters) -> Grammar:
    root = transaction_map(implementation)
    build = _Builder(delimiters)
    header = next(c for c in root.children if isinstance(c, LoopNode) and c.first_slot() is not None)
    units = [build.loop(loop) for loop in _hl_loops(root)]
    e, t = build.e, build.t
    value = build.any_value
    # In text the patterns above matched, a segment starts where the character before its id is
    # a terminator or a line break (or nothing); the id comes first in the HL pattern so the
    # regex engine can skip ahead to it.
    def starting(seg_id: str) -> str:
        return f"{seg_id}(?<![^{t}\\r\\n]{seg_id})"

    # A 2400 loop starts LX, SV1 (837P) or LX, SV2 (837I): the line number and its charge. (The
    # detail starts with an HL, so every CLM and LX in it follows a terminator.)
    line = f"LX{e}({value}){t}[\\r\\n]*SV(?:1{e}{value}|2{e}{value}{e}{value}){e}({value})"
    facts = f"{t}[\\r\\n]*(?:CLM{e}{value}{e}({value})|{line})"
    # Each unit starts with its own HL key, so the alternation never has two ways to go.
    detail = "(?:" + "|".join(f"(?:{unit})" for unit in units) + ")*+"
    hl = f"{starting('HL')}{e}({value}){e}({value}){e}({value}){e}({value}){t}"
    return Grammar(
        header=re.compile(build.loop(header)),
        detail=re.compile(detail),
        hl_facts=re.compile(hl),
        claim_facts=re.compile(facts),
    )


def _hl_loops(loop: LoopNode) -> list[LoopNode]:
    found = []
    for child in loop.children:
        if isinstance(child, LoopNode):
            if _starts_with_hl(child):
                found.append(child)
            found += _hl_loops(child)
    return found


def _starts_with_hl(loop: LoopNode) -> bool:
    first = loop.first_slot()
    return first is not None and first.seg_id == "HL"


class _Builder(SegmentPatterns):
    """Loops and slots of the grammar, over the element patterns of SegmentPatterns."""

    # -- loops ---------------------------------------------------------------------------------

    def loop(self, loop: LoopNode) -> str:
        """The loop's first segment, then its other children in TR3 order; child loops that start
        with HL are left out (each is a unit of its own)."""
        first = loop.first_slot()
        assert first is not None
        items = []
        for i, child in enumerate(loop.children):
            if child is first or (isinstance(child, LoopNode) and _starts_with_hl(child)):
                continue
            earlier = [c for c in loop.children[:i] if c.pos == child.pos]
            items.append(self._item(child, earlier))
        return self.slot(first) + self._sequence(items)

    def _item(self, child: SlotNode | LoopNode, earlier: list) -> tuple[str, bool, set[str]]:
        """(pattern with its guard, required?, segment ids its pattern or guard looks at)."""
        if isinstance(child, SlotNode):
            body, lowest, highest = self.slot(child), int(child.usage == "R"), child.max_use
        else:
            body, lowest, highest = self.loop(child), int(child.usage == "R"), child.max_repeat
        quantity = f"{{{lowest},{highest}}}+" if highest else ("++" if lowest else "*+")
        guarded = [child, *earlier]
        guard = "(?!" + "|".join(self.key(_first(node)) for node in guarded) + ")"
        ids = {_first(node).seg_id for node in guarded}
        return f"(?:{body}){quantity}{guard}", bool(lowest), ids

    def _sequence(self, items: list[tuple[str, bool, set[str]]]) -> str:
        # A run of optional items is entered only when the next segment's id is one of theirs:
        # skipping them all then costs one look instead of a failed attempt at each.
        out, run = [], []

        def guarded(chunk: list[tuple[str, bool, set[str]]], body: str) -> str:
            ids = set().union(*(ids for _, _, ids in chunk))
            look = alternatives(ids) + f"(?:{self.e}|{self.t})"
            return f"(?:(?={look}){body}|(?!{look}))"

        def flush() -> None:
            chunks = [run[start : start + _RUN] for start in range(0, len(run), _RUN)]
            parts = "".join(guarded(chunk, "".join(p for p, _, _ in chunk)) for chunk in chunks)
            # A long run gets one more look, at all of its ids, so the usual case (the next
            # segment is none of them) skips the whole run at once.
            out.append(guarded(run, parts) if len(chunks) > 1 else parts)
            run.clear()

        for item in items:
            if item[1]:
                flush()
                out.append(item[0])
            else:
                run.append(item)
        flush()
        return "".join(out)

    def key(self, slot: SlotNode) -> str:
        """Matches where the walker would say `slot` fits (segment id and qualifier)."""
        sid, e, t = re.escape(slot.seg_id), self.e, self.t
        if slot.key_codes is None:
            return f"{sid}(?:{e}|{t})"
        before = f"{e}[^{e}{t}]*" * (slot.key_element - 1)
        codes = alternatives(slot.key_codes)
        after = f"(?:{self.c}|{e}|{t})" if slot.key_component else f"(?:{e}|{t})"
        return f"{sid}{before}{e}{codes}{after}"

    # -- segments ------------------------------------------------------------------------------

    def slot(self, slot: SlotNode) -> str:
        body = self._segment(slot)
        notes = syntax_lookaheads(slot.seg_id, slot.rules, self.e, self.t)
        if body is None or notes is None:
            return NEVER
        # The key first, even where the rules imply it, when notes would otherwise be tried first:
        # a segment of another slot then fails at its qualifier, before any note looks at it.
        look = "" if _rules_imply_key(slot) and not notes else f"(?={self.key(slot)})"
        return f"{look}{notes}{body}(?<!{self.e}){self.t}[\\r\\n]*"



def _rules_imply_key(slot: SlotNode) -> bool:
    """True when the slot's element rules already pin its qualifier to the slot's key codes, so
    a look at the key before the segment's pattern would only repeat the work."""
    if slot.key_codes is None:
        return True  # the pattern starts with the segment id and a separator or terminator
    rules = slot.rules
    if rules is None:
        return False
    if rules.hi is not None:
        first = rules.hi.composites[0][0]
        return first.usage == "R" and first.codes is not None and first.codes <= slot.key_codes
    at_key = [r for r in rules.elements if r.position == slot.key_element]
    whole = next((r for r in at_key if r.component == 0), None)
    part = next((r for r in at_key if r.component == slot.key_component), None)
    if whole is None or part is None or whole.usage != "R" or part.usage != "R":
        return False
    return part.codes is not None and part.codes <= slot.key_codes


def _first(node: SlotNode | LoopNode) -> SlotNode:
    slot = node if isinstance(node, SlotNode) else node.first_slot()
    assert slot is not None
    return slot
