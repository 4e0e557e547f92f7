"""Check a segment's elements against its TR3 element rules: presence, length, characters, codes,
numbers and dates. Returns IK4-shaped ElementErrors; an empty result means the segment is clean.

The order and the codes follow pyx12 4.0.0's element validator (so the two agree on the same
input), with two deliberate departures that follow the 999 code list instead of pyx12:
an element or component the TR3 marks "not used" is I10 (pyx12 says 10, "exclusion condition
violated"), and a composite with more components than the standard defines is 13 (pyx12: 3).

Claim files repeat themselves (the same DTP, HI, SV1 and N4 over and over), so results are
cached by segment content: most segments cost one dict lookup.
"""

from __future__ import annotations

from datetime import date

from x12.code_tables import DATE_FORMATS, DECIMAL, INTEGER, INVALID_TEXT_CHARACTER
from x12.reports import ElementError
from x12.tr3_map import ElementRule, HiRule, SegmentRules

NOT_USED = "I10"
TOO_MANY_COMPONENTS = "13"
_NO_ERRORS: tuple[ElementError, ...] = ()
_TEXT_KINDS = frozenset({"AN", "ID"})
_MEMO: dict[tuple, tuple[ElementError, ...]] = {}
_AS_TEXT = object()  # marks a memo key made from the segment's text (no element can be this)
# Date and time data elements (BHT04, BHT05, FRM05) are read in their type's own format.
_OWN_FORMAT = {"DT": ("D8",), "TM": ("TM",)}
_MEMO_LIMIT = 4_096  # unique segments (each CLM, each member) churn through it; keep it small


def check_segment(
    elements: list[str], rules: SegmentRules, component: str, text: str | None = None, separator: str = ""
) -> tuple[ElementError, ...]:
    """`text`, when given, is the segment as read (id and elements joined by `separator`): the
    memo then hashes that one string rather than every element."""
    if text is None:
        key: tuple = (rules, component, *elements)
    else:
        key = (rules, component, _AS_TEXT, separator, text)
    found = _MEMO.get(key)
    if found is None:
        if rules.hi is not None:
            found = tuple(_check_hi(elements, rules.hi, rules.max_elements, component)) or _NO_ERRORS
        else:
            found = tuple(_check_elements(elements, rules, component)) or _NO_ERRORS
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = found
    return found


def _check_elements(elements: list[str], rules: SegmentRules, component: str) -> list[ElementError]:
    errors = _too_many_elements(elements, rules.max_elements)
    count = len(elements)
    date_formats: tuple[str, ...] = ()
    composite: ElementRule | None = None
    comps: list[str] = []
    compiled = _COMPILED.get(rules)
    if compiled is None:
        compiled = _COMPILED[rules] = _compile(rules)
    for rule, position, comp_no, usage, is_composite, de in compiled:
        value = elements[position - 1] if position <= count else ""
        if comp_no:
            if composite is None or composite.position != position:
                continue  # the composite is absent or not used: its components were not checked
            part = comps[comp_no - 1] if comp_no <= len(comps) else ""
            # pyx12: a required first component of an optional composite is not itself required.
            required = usage == "R" and (comp_no != 1 or composite.usage == "R")
            errors += _check_value(part, rule, required, ())
            continue
        composite = None
        if not value and usage != "R":
            continue
        if is_composite:
            if value and usage != "N":
                composite, comps = rule, value.split(component)
                if len(comps) > rule.components:
                    errors.append(ElementError(position, 0, "", TOO_MANY_COMPONENTS, value))
            elif value:
                errors.append(ElementError(position, 0, "", NOT_USED))
            else:
                errors.append(ElementError(position, 0, "", "1"))
            continue
        if de == "1250":
            # The date that follows (DTP03, DMG02) is read in the format this element names.
            date_formats = (value,) if value in DATE_FORMATS else tuple(rule.codes or ())
        formats = date_formats if de == "1251" else _OWN_FORMAT.get(rule.kind, ())
        if component in value and usage != "N":
            errors.append(ElementError(position, 0, de, "6", value))
            continue
        errors += _check_value(value, rule, usage == "R", formats)
    return errors


# SegmentRules -> its element rules as plain tuples (rule, position, component, usage, composite?,
# data element): unpacking a tuple is cheaper than reading the same fields off each rule per value.
_COMPILED: dict[SegmentRules, tuple[tuple[ElementRule, int, int, str, bool, str], ...]] = {}


def _compile(rules: SegmentRules) -> tuple[tuple[ElementRule, int, int, str, bool, str], ...]:
    return tuple(
        (
            rule, rule.position, rule.component, rule.usage,
            bool(rule.components or rule.data_element.startswith("C")), rule.data_element,
        )
        for rule in rules.elements
    )  # fmt: skip


def _check_value(
    value: str, rule: ElementRule, required: bool, formats: tuple[str, ...]
) -> list[ElementError]:
    position, comp, de = rule.position, rule.component, rule.data_element
    if not value:
        return [ElementError(position, comp, de, "1")] if required else []
    if rule.usage == "N":
        return [ElementError(position, comp, de, NOT_USED)]
    kind = rule.kind
    # Fast path for the usual clean value: it passes every check below, so it has no errors.
    if not formats and (rule.pattern is None or rule.pattern.search(value)):
        if kind in _TEXT_KINDS:
            if (
                rule.shortest <= len(value) <= rule.longest
                and value[-1] != " "
                and (rule.codes is None or value in rule.codes)
                and not INVALID_TEXT_CHARACTER.search(value)
            ):
                return []
        elif (
            value.isdigit()
            and value.isascii()
            and rule.shortest <= len(value) <= rule.longest
            and (rule.codes is None or value in rule.codes)
        ):
            return []
    length = len(value.replace("-", "").replace(".", "")) if kind in ("R", "N0") else len(value)
    errors: list[ElementError] = []
    if length < rule.shortest:
        errors.append(ElementError(position, comp, de, "4", value))
    if length > rule.longest:
        errors.append(ElementError(position, comp, de, "5", value))
    text = kind in ("AN", "ID")
    bad_character = INVALID_TEXT_CHARACTER.search(value) if text else None
    if bad_character and ord(bad_character.group()) < 32:
        # pyx12: a control character trumps every later check.
        return [*errors, ElementError(position, comp, de, "6", value)]
    if text and value[-1] == " " and len(value.rstrip()) >= rule.shortest:
        errors.append(ElementError(position, comp, de, "6", value))
    if rule.codes is not None and value not in rule.codes:
        errors.append(ElementError(position, comp, de, "7", value))
    if bad_character or not (text or _is_number(value, kind)):
        errors.append(ElementError(position, comp, de, "6", value))
    if formats and not any(is_valid_date(value, fmt) for fmt in formats):
        errors.append(ElementError(position, comp, de, "9" if "TM" in formats else "8", value))
    if rule.pattern is not None and not rule.pattern.search(value):
        errors.append(ElementError(position, comp, de, "7", value))
    return errors


def _is_number(value: str, kind: str) -> bool:
    if kind == "R":
        return DECIMAL.fullmatch(value) is not None
    return INTEGER.fullmatch(value) is not None


def _too_many_elements(elements: list[str], maximum: int) -> list[ElementError]:
    # Trailing empty elements carry no data: count up to the last one that has some.
    used = len(elements)
    while used and not elements[used - 1]:
        used -= 1
    if used > maximum:
        return [ElementError(maximum + 1, 0, "", "3", elements[maximum])]
    return []


def _check_hi(elements: list[str], hi: HiRule, maximum: int, component: str) -> list[ElementError]:
    errors = _too_many_elements(elements, maximum)
    allowed = len(hi.composites)
    for position, value in enumerate(elements[:maximum], start=1):
        if not value:
            if position == 1:
                errors.append(ElementError(1, 0, "", "1"))
            continue
        if position > allowed:
            errors.append(ElementError(position, 0, "", NOT_USED))
            continue
        comps = value.split(component)
        if len(comps) > 9:
            errors.append(ElementError(position, 0, "", TOO_MANY_COMPONENTS, value))
        for rule in hi.composites[position - 1]:
            part = comps[rule.component - 1] if rule.component <= len(comps) else ""
            errors += _check_value(part, rule, rule.usage == "R", ())
    return errors


def is_valid_date(value: str, fmt: str = "D8") -> bool:
    """A D8 (CCYYMMDD), RD8 (D8-D8), D6, DT (D8 + HHMM) or TM value that is a real date/time."""
    if fmt == "RD8":
        start, dash, end = value.partition("-")
        return bool(dash) and is_valid_date(start) and is_valid_date(end)
    if fmt == "TM":
        return _is_valid_time(value)
    if fmt == "D6":
        if len(value) != 6 or not value.isdigit():
            return False
        value = ("20" if int(value[:2]) < 50 else "19") + value
    if fmt == "DT":
        if len(value) not in (8, 12) or not value.isdigit():
            return False
        return is_valid_date(value[:8]) and (len(value) == 8 or _is_valid_time(value[8:]))
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:])
    if year < 1800:  # pyx12's floor; also keeps year 0000 away from datetime
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _is_valid_time(value: str) -> bool:
    if len(value) not in (4, 6, 7, 8) or not value.isascii() or not value.isdigit():
        return False
    hours, minutes = int(value[:2]), int(value[2:4])
    seconds = int(value[4:6]) if len(value) >= 6 else 0
    return hours < 24 and minutes < 60 and seconds < 60
