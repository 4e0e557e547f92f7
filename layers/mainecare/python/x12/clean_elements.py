"""Element and segment patterns of the clean-file grammar (clean_grammar.py builds loops from them).

Each element's value is spelled out per TR3 rule: code lists, lengths, the X12 character set without
the file's delimiters, numbers without sign or exponent, dates that exist; elements the TR3 leaves
unlisted or "not used" must be empty; a segment may not end in a separator. MaineCare's drug-line
rules (LIN02 N4, an 11-digit LIN03, a positive CTP04) are stricter value patterns here. Anything not
modelled makes the segment unmatchable (None): correct, only slower (the slow validator reads it).
"""

from __future__ import annotations

import re

from x12.code_tables import INVALID_TEXT_CHARACTER, NDC_LENGTH
from x12.pattern_text import DATE_PATTERNS, alternatives
from x12.segments import Delimiters
from x12.tr3_map import ElementRule, SegmentRules, SlotNode

NEVER = "(?!)"  # matches nothing: the slot is left to the slow validator
# Only element patterns made of character classes and counts can be confined to one element.
_CONFINABLE = re.compile(r"[\[\]0-9A-Za-z\-{},]+")
# MaineCare drug-line rules (claim_rules.py) as value patterns, by (loop, segment, element).
_STRICTER = {
    ("2410", "LIN", 2): "N4",
    ("2410", "LIN", 3): f"[0-9]{{{NDC_LENGTH}}}",
    ("2410", "CTP", 4): "0*[1-9][0-9]*(?:\\.[0-9]+)?",
}


class SegmentPatterns:
    """Patterns of one segment's elements under one set of delimiters."""

    def __init__(self, d: Delimiters) -> None:
        self.e, self.c, self.t = re.escape(d.element), re.escape(d.component), re.escape(d.segment)
        delimiters = {d.element, d.component, d.segment, d.repetition} - {""}
        self.delimiters = delimiters
        allowed = [chr(n) for n in range(32, 127) if not INVALID_TEXT_CHARACTER.match(chr(n))]
        allowed = [ch for ch in allowed if ch not in delimiters]
        self.text = "[" + "".join(re.escape(ch) for ch in allowed) + "]"
        self.text_end = "[" + "".join(re.escape(ch) for ch in allowed if ch != " ") + "]"
        # Segments without element rules (ST and SE, which the envelope checks read): any values.
        self.any_value = f"[^{self.e}{self.t}\\r\\n]*"

    def _segment(self, slot: SlotNode) -> str | None:
        sid = re.escape(slot.seg_id)
        rules = slot.rules
        if rules is None:
            return f"{sid}(?:{self.e}{self.any_value})*"
        if rules.hi is not None:
            return self._hi(sid, rules)
        columns = self._columns(slot, rules)
        if columns is None:
            return None
        return sid + self._nest(columns)

    def _nest(self, columns: list[tuple[str, bool]]) -> str:
        """Elements in order, the segment allowed to end after any of them once every required
        one is present. columns: (pattern of the element, or of an element pair, required?)."""
        return self._chain(columns, self.e, optional_from=0)

    def _chain(self, columns: list[tuple[str, bool]], separator: str, optional_from: int) -> str:
        """separator + column, repeated; the chain may stop after the last required column, and
        before column `optional_from` when none is required."""
        last_required = max((i for i, (_, required) in enumerate(columns) if required), default=-1)
        tail = ""
        for i in range(len(columns) - 1, optional_from - 1, -1):
            pattern, _ = columns[i]
            if i < last_required:
                tail = f"{separator}{pattern}{tail}"
            else:
                tail = f"{separator}{pattern}(?:{tail})?" if tail else f"{separator}{pattern}"
        if last_required < optional_from and tail:
            return f"(?:{tail})?"
        return tail

    def _columns(self, slot: SlotNode, rules: SegmentRules) -> list[tuple[str, bool]] | None:
        by_position: dict[int, list[ElementRule]] = {}
        for rule in rules.elements:
            by_position.setdefault(rule.position, []).append(rule)
        if not by_position:
            return []
        kinds = [r.data_element for r in rules.elements]
        if "1251" in kinds and "1250" in kinds and kinds.index("1251") != kinds.index("1250") + 1:
            return None  # a date whose format element is not right before it: not modelled
        columns: list[tuple[str, bool]] = []
        position = 1
        last = max(by_position)
        while position <= last:
            group = by_position.get(position)
            if not group:
                columns.append(("", False))  # unlisted: must be empty
                position += 1
                continue
            rule = next(r for r in group if r.component == 0)
            if rule.data_element == "1250" and position + 1 in by_position:
                # One pattern for the pair, with the separator between them inside it.
                columns.append(self._date_pair(rule, by_position[position + 1][0]))
                position += 2
                continue
            if rule.components or rule.data_element.startswith("C"):
                columns.append(self._composite(rule, [r for r in group if r.component]))
            else:
                stricter = _STRICTER.get((slot.loop.id, slot.seg_id, position))
                columns.append(self._simple(rule, rule.usage == "R", stricter))
            position += 1
        if any(pattern == NEVER and required for pattern, required in columns):
            return None
        return columns

    def _date_pair(self, qualifier: ElementRule, value: ElementRule) -> tuple[str, bool]:
        """DTP02/DTP03, DMG01/DMG02: the date's pattern depends on the format code before it."""
        alternatives = []
        if qualifier.usage != "N":
            for fmt in sorted(qualifier.codes or ()):
                if fmt == "RD8" and "-" in self.delimiters:
                    continue  # the range's dash would be a delimiter
                if fmt in DATE_PATTERNS and value.usage != "N":
                    alternatives.append(f"{re.escape(fmt)}{self.e}{DATE_PATTERNS[fmt]}")
        if qualifier.usage != "R":
            plain, _ = self._simple(value, value.usage == "R", None)
            alternatives.append(f"{self.e}{plain}")  # no format code: the date is plain text
        required = qualifier.usage == "R" or value.usage == "R"
        if not alternatives:
            return NEVER, required
        return "(?:" + "|".join(alternatives) + ")", required

    def _composite(self, rule: ElementRule, parts: list[ElementRule]) -> tuple[str, bool]:
        required = rule.usage == "R"
        if rule.usage == "N":
            return "", False
        by_component = {p.component: p for p in parts}
        columns = []
        for n in range(1, rule.components + 1):
            part = by_component.get(n)
            if part is None:
                columns.append(("", False))
                continue
            # pyx12: a required first component of an optional composite is not itself required.
            part_required = part.usage == "R" and (n != 1 or required)
            columns.append(self._simple(part, part_required, None))
        return self._components(columns, required), required

    def _components(self, columns: list[tuple[str, bool]], required: bool) -> str:
        first = columns[0][0] if columns else ""
        value = first + self._chain(columns, self.c, optional_from=1)
        if required:
            return f"(?=[^{self.e}{self.t}]){value}"
        return f"(?:(?=[^{self.e}{self.t}]){value})?"

    def _hi(self, sid: str, rules: SegmentRules) -> str:
        hi = rules.hi
        assert hi is not None
        columns = []
        for position, components in enumerate(hi.composites, start=1):
            parts = [self._simple(rule, rule.usage == "R", None) for rule in components]
            composite = self._components(parts, required=True)
            columns.append((composite if position == 1 else f"(?:{composite})?", position == 1))
        return sid + self._nest(columns)

    # -- values --------------------------------------------------------------------------------

    def _simple(self, rule: ElementRule, required: bool, stricter: str | None) -> tuple[str, bool]:
        if rule.usage == "N":
            return "", False
        value = self._value(rule)
        if value is None:
            return (NEVER if required else ""), required
        if stricter is not None:
            value = f"(?=(?:{stricter})(?![^{self.e}{self.t}{self.c}])){value}"
        return (value if required else f"(?:{value})?"), required

    def _value(self, rule: ElementRule) -> str | None:
        """A pattern for the non-empty values the slow checks find nothing wrong with."""
        kind, shortest, longest = rule.kind, max(rule.shortest, 1), rule.longest
        if rule.codes is not None:
            ok = [c for c in rule.codes if shortest <= len(c) <= longest and self._code_is_clean(c, kind)]
            if rule.pattern is not None:
                ok = [c for c in ok if rule.pattern.search(c)]
            return alternatives(ok) if ok else None
        if kind in ("AN", "ID"):
            if longest >= 1 << 20:
                value = f"{self.text}*{self.text_end}"
            else:
                value = f"{self.text}{{{shortest - 1},{longest - 1}}}{self.text_end}"
            if rule.pattern is not None:
                if not _CONFINABLE.fullmatch(rule.pattern.pattern):
                    return None
                value = f"(?={self.text}*?(?:{rule.pattern.pattern})){value}"
            return value
        if rule.pattern is not None:
            return None
        if kind in ("DT", "TM"):
            own = DATE_PATTERNS["D8" if kind == "DT" else "TM"]  # 8 digits; 4 or 6 (stricter than 4-8)
            return own if (kind == "TM" or (shortest, longest) == (8, 8)) else None
        if kind == "N0":
            return f"[0-9]{{{shortest},{longest}}}"
        if kind == "R":
            # Digits count toward the length, the decimal point does not.
            fraction = f"(?=[0-9.]{{{shortest + 1},{longest + 1}}}(?![0-9.]))[0-9]+\\.[0-9]+"
            return f"(?:[0-9]{{{shortest},{longest}}}(?![0-9.])|{fraction})"
        return None

    def _code_is_clean(self, code: str, kind: str) -> bool:
        if kind in ("AN", "ID"):
            return code[-1] != " " and re.fullmatch(f"{self.text}+", code) is not None
        return code.isascii() and code.isdigit()
