"""Rules the TR3 loop map cannot express, checked as segments stream past.

- HL numbering: HL01 counts 1, 2, 3... within the set; HL02 names an HL of the level above
  (22 under 20, 23 under 22) on the current path (HLs are depth first); HL04 says truthfully
  whether children follow.
- LX01 counts the service lines of a claim 1, 2, 3...
- CLM02, the claim total, equals the sum of the line charges (SV102 in 837P, SV203 in 837I).
- MaineCare drug lines: LIN02 is N4 (NDC), LIN03 is an 11-digit NDC, CTP04 is positive when
  CTP05 names a unit. pyx12 checks none of these.

All are reported as IK3 code 8 with an IK4 on the offending element. pyx12 flags HL and LX numbering
without a 999 code and does not balance claims, so the IK403 codes are our choice:
I12 (implementation pattern match failure) for HL, LX, claim-balance and CTP04 failures, as
clearinghouses commonly report CLM02 imbalance; I6 (code value not used in implementation) for a
LIN02 the TR3 allows but MaineCare does not; 6 (invalid character) for an NDC with non-digits
and 7 (invalid code value) for an all-digit NDC that is not 11 digits long, since an NDC in
5-4-2 form is a code and a 10-digit one is not a valid N4 code.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from valueobjects import record
from x12.code_tables import (
    DECIMAL,
    LIN02_MAINECARE_QUALIFIERS,
    LIN02_TR3_QUALIFIERS,
    NDC_LENGTH,
)
from x12.reports import ElementError

PATTERN_FAILURE = "I12"
NOT_USED_HERE = "I6"
_PARENT_LEVEL = {"22": "20", "23": "22"}


@record(slots=True)
class RuleFinding:
    segment_id: str
    position: int
    loop_id: str
    error: ElementError
    # MaineCare's drug-line checks are about one claim's content, not the file's syntax: the 999
    # notes them (IK5 "E") and the set goes on, so the claim edits reject just that claim on the
    # 277CA and the other claims of the set are processed, as MaineCare's NDC notice requires.
    noted: bool = False


@record(slots=True)
class _Hl:
    number: str
    level: str
    position: int
    loop_id: str
    child_code: str
    has_children: bool = False


class ClaimRules:
    """Per transaction set; call check() for each placed segment, finish() after the last."""

    def __init__(self) -> None:
        self.claim_count = 0
        self._path: list[_Hl] = []  # the HL being filled and its ancestors
        self._hl_count = 0
        self._claim: tuple[int, str, str] | None = None  # (position, loop, CLM02)
        self._line_total = Decimal(0)
        self._lines_balance = True  # False once a line charge is missing or not a number
        self._lines = 0  # service lines (LX) of the current claim
        self._charges = 0  # line charges (SV1/SV2) of the current claim

    def check(self, seg_id: str, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        handler = RULE_HANDLERS.get(seg_id)
        return handler(self, elements, position, loop_id) if handler is not None else []

    def _on_hl(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        return self._claim_end() + self._hl(elements, position, loop_id)

    def _on_clm(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        found = self._claim_end()
        self.claim_count += 1
        self._claim = (position, loop_id, _get(elements, 2))
        self._line_total, self._lines_balance, self._lines, self._charges = Decimal(0), True, 0, 0
        return found

    def _on_lx(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        if self._claim is None:
            return []
        self._lines += 1
        number = _get(elements, 1)
        if number == str(self._lines):
            return []
        return [RuleFinding("LX", position, loop_id, ElementError(1, 0, "554", PATTERN_FAILURE, number))]

    def _on_sv1(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        if self._claim is not None:
            self._add_line(_get(elements, 2))  # SV102
        return []

    def _on_sv2(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        if self._claim is not None:
            self._add_line(_get(elements, 3))  # SV203
        return []

    def finish(self) -> list[RuleFinding]:
        return self._claim_end() + self._close_path(0)

    def _hl(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        found: list[RuleFinding] = []
        number, parent, level, child_code = (_get(elements, n) for n in (1, 2, 3, 4))
        self._hl_count += 1
        if number != str(self._hl_count):
            found.append(
                RuleFinding("HL", position, loop_id, ElementError(1, 0, "628", PATTERN_FAILURE, number))
            )
        expected_parent = _PARENT_LEVEL.get(level)
        # HLs come depth first, so a parent must be on the path from the root to the last HL.
        depth = next((i for i in range(len(self._path) - 1, -1, -1) if self._path[i].number == parent), None)
        if expected_parent is None:
            found += self._close_path(0)
        elif depth is None or self._path[depth].level != expected_parent:
            found.append(
                RuleFinding("HL", position, loop_id, ElementError(2, 0, "734", PATTERN_FAILURE, parent))
            )
            found += self._close_path(0)
        else:
            found += self._close_path(depth + 1)
            owner = self._path[depth]
            owner.has_children = True
            if owner.child_code == "0":
                found.append(_finding("HL", owner, ElementError(4, 0, "736", PATTERN_FAILURE, "0")))
                owner.child_code = ""  # report a wrong HL04 once, not once per child
        self._path.append(_Hl(number, level, position, loop_id, child_code))
        return found

    def _close_path(self, keep: int) -> list[RuleFinding]:
        """Leave the HLs below `keep` on the path; one that promised children (HL04 1) and got
        none is reported now, so only the path (3 deep in an 837) is ever held in memory."""
        found = [
            _finding("HL", hl, ElementError(4, 0, "736", PATTERN_FAILURE, "1"))
            for hl in self._path[keep:]
            if hl.child_code == "1" and not hl.has_children
        ]
        del self._path[keep:]
        return found

    def _add_line(self, charge: str) -> None:
        self._charges += 1
        if charge.isdigit() and charge.isascii():
            self._line_total += int(charge)  # the usual whole-dollar charge: exact, and quicker
            return
        if not charge or DECIMAL.fullmatch(charge) is None:
            self._lines_balance = False
            return
        try:
            self._line_total += Decimal(charge)
        except InvalidOperation:
            self._lines_balance = False

    def _claim_end(self) -> list[RuleFinding]:
        claim, self._claim = self._claim, None
        if claim is None or not self._charges or not self._lines_balance:
            return []  # missing lines or unreadable charges are reported by the element checks
        position, loop_id, total = claim
        if not total or DECIMAL.fullmatch(total) is None:
            return []
        try:
            balanced = Decimal(total) == self._line_total
        except InvalidOperation:
            return []
        if balanced:
            return []
        return [RuleFinding("CLM", position, loop_id, ElementError(2, 0, "782", PATTERN_FAILURE, total))]

    def _lin(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        if loop_id != "2410":
            return []
        qualifier, ndc = _get(elements, 2), _get(elements, 3)
        errors: list[ElementError] = []
        if qualifier in LIN02_TR3_QUALIFIERS and qualifier not in LIN02_MAINECARE_QUALIFIERS:
            errors.append(ElementError(2, 0, "235", NOT_USED_HERE, qualifier))
        if qualifier == "N4" and ndc:
            if not (ndc.isascii() and ndc.isdigit()):
                errors.append(ElementError(3, 0, "234", "6", ndc))
            elif len(ndc) != NDC_LENGTH:
                errors.append(ElementError(3, 0, "234", "7", ndc))
        return [RuleFinding("LIN", position, loop_id, error, noted=True) for error in errors]

    def _ctp(self, elements: list[str], position: int, loop_id: str) -> list[RuleFinding]:
        if loop_id != "2410":
            return []
        quantity, unit = _get(elements, 4), _get(elements, 5)
        if unit and quantity.isdigit() and quantity.isascii() and int(quantity) > 0:
            return []
        if not unit or not quantity or DECIMAL.fullmatch(quantity) is None:
            return []  # a missing or malformed CTP04 is the element checks' finding
        try:
            positive = Decimal(quantity) > 0
        except InvalidOperation:
            return []
        if positive:
            return []
        return [RuleFinding("CTP", position, loop_id, ElementError(4, 0, "380", PATTERN_FAILURE, quantity),
                            noted=True)]


def _get(elements: list[str], n: int) -> str:
    return elements[n - 1] if len(elements) >= n else ""


def _finding(seg_id: str, hl: _Hl, error: ElementError) -> RuleFinding:
    return RuleFinding(seg_id, hl.position, hl.loop_id, error)


# The segments ClaimRules looks at; SetValidator asks here first so other segments cost one lookup.
RULE_HANDLERS = {
    "HL": ClaimRules._on_hl,
    "CLM": ClaimRules._on_clm,
    "LX": ClaimRules._on_lx,
    "SV1": ClaimRules._on_sv1,
    "SV2": ClaimRules._on_sv2,
    "LIN": ClaimRules._lin,
    "CTP": ClaimRules._ctp,
}
