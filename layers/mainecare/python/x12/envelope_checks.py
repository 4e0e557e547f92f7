"""Element checks for the envelope segments: ISA/IEA answer with TA1 note codes, GS/GE with
AK905 codes. Code values are those of the 00501 control segments (pyx12's
x12.control.00501.xml); the 837 versions we accept are listed in tr3_map.IMPLEMENTATIONS.
"""

from __future__ import annotations

from datetime import date

from x12.tr3_map import IMPLEMENTATIONS

ID_QUALIFIERS = frozenset({"01", "14", "20", "27", "28", "29", "30", "33", "ZZ"})
_ISA_CODES = {  # element -> (valid values, TA105 note code when not one of them)
    1: (frozenset({"00", "03"}), "010"),
    3: (frozenset({"00", "01"}), "012"),
    5: (ID_QUALIFIERS, "005"),
    7: (ID_QUALIFIERS, "007"),
    12: (frozenset({"00501"}), "017"),
    14: (frozenset({"0", "1"}), "019"),
    15: (frozenset({"P", "T"}), "020"),
}
CLAIMS_FUNCTIONAL_ID = "HC"
# The ISA is fixed width; a field of the wrong width gets that field's TA105 note code.
_ISA_WIDTHS = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
_ISA_WIDTH_CODES = (
    "010", "011", "012", "013", "005", "006", "007", "008",
    "014", "015", "016", "017", "018", "019", "020", "027",
)  # fmt: skip


def isa_errors(elements: list[str]) -> list[str]:
    """TA105 note codes for what is wrong with an ISA; [] when it is well formed."""
    codes = [code for n, (valid, code) in _ISA_CODES.items() if _get(elements, n) not in valid]
    if len(elements) != len(_ISA_WIDTHS):
        codes.append("024")
    for value, width, code in zip(elements, _ISA_WIDTHS, _ISA_WIDTH_CODES, strict=False):
        if len(value) != width and code not in codes:
            codes.append(code)
    if not _is_yymmdd(_get(elements, 9)):
        codes.append("014")
    if not _is_hhmm(_get(elements, 10)):
        codes.append("015")
    control = _get(elements, 13)
    if (len(control) != 9 or not control.isdigit()) and "018" not in codes:
        codes.append("018")
    return list(dict.fromkeys(codes))


def same_count(text: str, count: int) -> bool:
    """A trailer's count (SE01, GE01, IEA01) read as the number it is: "029" counts 29."""
    return text.isascii() and text.isdigit() and int(text) == count


def iea_errors(elements: list[str], isa_control: str, group_count: int) -> list[str]:
    codes = []
    if not same_count(_get(elements, 1), group_count):
        codes.append("021")
    if _get(elements, 2) != isa_control:
        codes.append("001")
    return codes


def gs_errors(elements: list[str]) -> list[str]:
    """AK905 codes for a GS: not a claims group, version we do not take, bad control number."""
    codes = []
    if _get(elements, 1) != CLAIMS_FUNCTIONAL_ID:
        codes.append("1")
    elif _get(elements, 8) not in IMPLEMENTATIONS:
        codes.append("2")
    control = _get(elements, 6)
    if not (1 <= len(control) <= 9 and control.isdigit()):
        codes.append("6")
    return codes


def ge_errors(elements: list[str], gs_control: str, set_count: int) -> list[str]:
    codes = []
    if not same_count(_get(elements, 1), set_count):
        codes.append("5")
    if _get(elements, 2) != gs_control:
        codes.append("4")
    return codes


def _is_yymmdd(value: str) -> bool:
    if len(value) != 6 or not value.isdigit():
        return False
    try:
        date(2000 + int(value[:2]), int(value[2:4]), int(value[4:]))
    except ValueError:
        return False
    return True


def _is_hhmm(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and int(value[:2]) < 24 and int(value[2:]) < 60


def _get(elements: list[str], n: int) -> str:
    return elements[n - 1] if len(elements) >= n else ""
