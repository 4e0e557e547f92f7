"""NDC and HCPCS code formats: turn what a provider typed into the 11-digit billing NDC.

NDCs stay strings end to end: leading zeros are significant and FDA's final rule moves every
NDC to 12 digits (6-4-2) on 2033-03-07, so nothing here may rely on an integer or on length 11
beyond today's acceptance rule. Which formats a date accepts is policy (policy/ndc_format.json),
handed in as NdcFormats: the domain knows how to read a 12-digit NDC, the policy says from when.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mainecare.domain.errors import RuleError
from mainecare.domain.policy import PolicyNotInEffect, in_effect
from valueobjects import value_object

# HIPAA billing form until the FDA rule; 12-digit 6-4-2 values are accepted from the date the
# ndc_format policy gives (NdcFormats.twelve_digit).
BILLING_NDC_LENGTH = 11
TWELVE_DIGIT_NDC_LENGTH = 12
TWELVE_DIGIT_NDC_START = "2033-03-07"  # for messages; the switch itself is the policy's date


@value_object
class NdcFormats:
    """The NDC formats accepted on a date. FDA's final rule: from 2033-03-07 every NDC is 12
    digits 6-4-2, and an existing NDC becomes 12 digits by a leading zero on its labeler code."""

    twelve_digit: bool = False


ELEVEN_DIGIT_ONLY = NdcFormats()
TWELVE_DIGIT_ACCEPTED = NdcFormats(twelve_digit=True)

# Each legal 10-digit layout and where its one padding zero goes to reach 5-4-2.
_HYPHEN_LAYOUTS = {(5, 4, 2), (4, 4, 2), (5, 3, 2), (5, 4, 1)}
_ALLOWED_CHARS = re.compile(r"^[0-9-]+$")


@value_object
class NdcParse:
    raw: str
    ndc11: str | None
    errors: tuple[RuleError, ...]
    # True when a bare 10-digit value was settled by reference data rather than by its format,
    # so callers can tell the provider which reading was assumed.
    resolved_by_reference: bool = False
    # The 12-digit 6-4-2 form, on dates the 12-digit format is accepted. ndc11 then holds the
    # 11-digit form only when there is one (a converted NDC: labeler code with a leading zero);
    # an NDC under a new 6-digit labeler code has none.
    ndc12: str | None = None

    @property
    def format_valid(self) -> bool:
        return (self.ndc11 is not None or self.ndc12 is not None) and not self.errors

    @property
    def billing_ndc(self) -> str | None:
        """The value to bill and to look up: 11 digits while it exists, else the 12-digit NDC."""
        return self.ndc11 or self.ndc12


def _twelve_digit(raw: str, digits: str) -> NdcParse:
    return NdcParse(raw=raw, ndc11=digits[1:] if digits.startswith("0") else None, errors=(), ndc12=digits)


def _with_twelve(parsed: NdcParse, formats: NdcFormats) -> NdcParse:
    """On 12-digit dates an 11-digit NDC also has its 12-digit form (leading zero on the labeler)."""
    if formats.twelve_digit and parsed.ndc11 is not None and parsed.ndc12 is None:
        return NdcParse(parsed.raw, parsed.ndc11, parsed.errors, parsed.resolved_by_reference, "0" + parsed.ndc11)
    return parsed


def _fail(raw: str, code: str, message: str, candidates: tuple[str, ...] = ()) -> NdcParse:
    return NdcParse(raw=raw, ndc11=None, errors=(RuleError(code, message, candidates),))


def ten_digit_candidates(digits: str) -> tuple[str, str, str]:
    """The 11-digit readings of a bare 10-digit NDC, in 4-4-2, 5-3-2, 5-4-1 order."""
    return (
        "0" + digits,
        digits[:5] + "0" + digits[5:],
        digits[:9] + "0" + digits[9:],
    )


def _from_segments(raw: str, value: str, formats: NdcFormats) -> NdcParse:
    parts = value.split("-")
    if len(parts) != 3 or any(not p for p in parts):
        return _fail(
            raw,
            "NDC_BAD_SEGMENTS",
            f"NDC '{value}' must have three hyphen-separated segments (labeler-product-package).",
        )
    layout = tuple(len(p) for p in parts)
    if layout == (6, 4, 2) and formats.twelve_digit:
        return _twelve_digit(raw, "".join(parts))
    if layout not in _HYPHEN_LAYOUTS:
        seen = "-".join(str(n) for n in layout)
        note = ""
        if layout == (6, 4, 2):
            note = f" 12-digit 6-4-2 NDCs are only accepted from {TWELVE_DIGIT_NDC_START} (FDA final rule)."
        return _fail(
            raw,
            "NDC_BAD_SEGMENTS",
            f"NDC '{value}' has segment layout {seen}; expected 5-4-2, 4-4-2, 5-3-2 or 5-4-1.{note}",
        )
    labeler, product, package = parts
    # The short segment is the one that gets the zero; that is what makes hyphens unambiguous.
    labeler = labeler.zfill(5)
    product = product.zfill(4)
    package = package.zfill(2)
    return NdcParse(raw=raw, ndc11=labeler + product + package, errors=())


def _from_ten_digits(raw: str, digits: str, is_known: Callable[[str], bool] | None) -> NdcParse:
    readings = ten_digit_candidates(digits)
    distinct = tuple(dict.fromkeys(readings))
    if len(distinct) == 1:
        # All three paddings coincide (e.g. leading zeros), so there is nothing to choose.
        return NdcParse(raw=raw, ndc11=distinct[0], errors=())
    known = tuple(c for c in distinct if is_known(c)) if is_known else ()
    if len(known) == 1:
        return NdcParse(raw=raw, ndc11=known[0], errors=(), resolved_by_reference=True)
    listed = ", ".join(
        f"{c} ({layout})" for c, layout in zip(readings, ("4-4-2", "5-3-2", "5-4-1"), strict=True)
    )
    if len(known) > 1:
        why = "more than one reading is in the reference files"
    elif is_known:
        why = "no reading is in the reference files"
    else:
        why = "no reference data was given to choose one"
    return _fail(
        raw,
        "NDC_AMBIGUOUS",
        f"10-digit NDC '{digits}' has no hyphens, so its layout is unknown ({why}). "
        f"Send the 11-digit 5-4-2 form; possible readings: {listed}.",
        known or distinct,
    )


def normalize_ndc(raw: str | None, is_known: Callable[[str], bool] | None = None,
                  formats: NdcFormats = ELEVEN_DIGIT_ONLY) -> NdcParse:
    """Parse an NDC as typed (hyphenated 10/11-digit or bare 11-digit; 12-digit 6-4-2 when
    `formats` accepts it) into its billing form.

    `is_known` lets a bare 10-digit value be settled against reference data (e.g. the
    crosswalks); without it such a value is always reported as ambiguous.
    """
    return _with_twelve(_normalize(raw, is_known, formats), formats)


def _normalize(raw: str | None, is_known: Callable[[str], bool] | None, formats: NdcFormats) -> NdcParse:
    original = "" if raw is None else str(raw)
    value = original.strip()
    if not value:
        return _fail(original, "NDC_MISSING", "NDC is missing.")
    if not _ALLOWED_CHARS.match(value):
        message = f"NDC '{value}' may contain only digits and hyphens."
        if "*" in value:
            message += (
                " An asterisk is a label placeholder showing the segment layout, not a digit;"
                " send the NDC without it (11-digit 5-4-2, or hyphenated 10-digit)."
            )
        return _fail(original, "NDC_NOT_NUMERIC", message)
    if "-" in value:
        return _from_segments(original, value, formats)
    n = len(value)
    if n == BILLING_NDC_LENGTH:
        return NdcParse(raw=original, ndc11=value, errors=())
    if n == 10:
        return _from_ten_digits(original, value, is_known)
    if n == TWELVE_DIGIT_NDC_LENGTH and formats.twelve_digit:
        return _twelve_digit(original, value)
    if n == TWELVE_DIGIT_NDC_LENGTH:
        return _fail(
            original,
            "NDC_WRONG_LENGTH",
            f"NDC '{value}' has 12 digits; 12-digit 6-4-2 NDCs are only accepted from "
            f"{TWELVE_DIGIT_NDC_START} (FDA final rule). Send the 11-digit 5-4-2 form.",
        )
    return _fail(
        original,
        "NDC_WRONG_LENGTH",
        f"NDC '{value}' has {n} digits; expected 11 (5-4-2) or a hyphenated 10-digit NDC.",
    )


def format_ndc_542(ndc11: str) -> str:
    """Display form of a billing NDC, e.g. 00703514501 -> 00703-5145-01."""
    if len(ndc11) != BILLING_NDC_LENGTH or not ndc11.isdigit():
        raise ValueError(f"not an 11-digit NDC: {ndc11!r}")
    return f"{ndc11[:5]}-{ndc11[5:9]}-{ndc11[9:]}"


# HCPCS Level II: one letter + 4 digits (J9035). CPT Category I: 5 digits (96413).
# CPT Category II/III (and PLA) codes: 4 digits + a letter (0001F, 0075T). This is a format
# check only; whether the code exists is the crosswalks' job.
_HCPCS_PATTERN = re.compile(r"^(?:[A-Z]\d{4}|\d{5}|\d{4}[A-Z])$")


def normalize_hcpcs(code: str | None) -> str:
    return "" if code is None else str(code).strip().upper()


def hcpcs_error(code: str | None) -> RuleError | None:
    value = normalize_hcpcs(code)
    if _HCPCS_PATTERN.match(value):
        return None
    shown = value or "(blank)"
    return RuleError(
        "HCPCS_INVALID",
        f"Procedure code '{shown}' is not a HCPCS Level II code (letter + 4 digits) "
        "or a CPT code (5 digits, or 4 digits + letter).",
    )


NDC_FORMAT_POLICY = "ndc_format"


def formats_on(versions, day) -> NdcFormats:
    """The formats the ndc_format policy accepts on `day` (versions: Versioned[{"twelve_digit"}]);
    before its first version, or with none given, only the 11-digit form."""
    try:
        value = in_effect(NDC_FORMAT_POLICY, versions, day)
    except PolicyNotInEffect:
        return ELEVEN_DIGIT_ONLY
    return NdcFormats(twelve_digit=bool(value["twelve_digit"]))
