"""Calendar quarters, the unit CMS versions its ASP NDC-HCPCS crosswalk by.

MaineCare checks a drug line against the ASP file whose quarter contains the date of service,
so the quarter label ("2026Q2") is the key of every loaded ASP file.
"""

from __future__ import annotations

import re
from datetime import date

_QUARTER_LABEL = re.compile(r"^(\d{4})Q([1-4])$")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Full names first so "april" is not cut at "apr"; no letter may touch either side so words
# such as "market" or "doctor" never read as months. Digits may touch: "Apr2026".
_MONTH_WORD = (
    r"(?<![a-z])(january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])"
)
# An optional day lets "April 1, 2026" count as well as "April 2026".
_MONTH_THEN_YEAR = re.compile(_MONTH_WORD + r"(?:[\s_\-.]*\d{1,2}(?!\d))?[\s,_\-.]*((?:19|20)\d\d)(?!\d)")
_YEAR_THEN_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)[\s_\-.]*" + _MONTH_WORD)
_YEAR_Q = re.compile(r"(?<!\d)((?:19|20)\d\d)[\s_\-]*q([1-4])(?!\d)")
_Q_YEAR = re.compile(r"(?<![a-z0-9])q([1-4])[\s_\-]*((?:19|20)\d\d)(?!\d)")


def quarter_of(d: date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of a quarter label such as "2026Q2"."""
    m = _QUARTER_LABEL.match(quarter.strip().upper())
    if not m:
        raise ValueError(f"not a quarter label like 2026Q2: {quarter!r}")
    year, q = int(m.group(1)), int(m.group(2))
    first_month = 3 * (q - 1) + 1
    start = date(year, first_month, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def _month_number(word: str) -> int:
    return _MONTHS[word[:3]]


def quarter_from_text(text: str) -> str | None:
    """Find the quarter a title or file name names, or None.

    CMS publishes in January, April, July and October and each file prices the quarter that
    starts that month, so the quarter containing the named month is the file's quarter.
    """
    low = text.lower()
    m = _YEAR_Q.search(low)
    if m:
        return f"{m.group(1)}Q{m.group(2)}"
    m = _Q_YEAR.search(low)
    if m:
        return f"{m.group(2)}Q{m.group(1)}"
    m = _MONTH_THEN_YEAR.search(low)
    if m:
        return quarter_of(date(int(m.group(2)), _month_number(m.group(1)), 1))
    m = _YEAR_THEN_MONTH.search(low)
    if m:
        return quarter_of(date(int(m.group(1)), _month_number(m.group(2)), 1))
    return None


def normalize_quarter(label: str) -> str | None:
    """ "2026q2" -> "2026Q2"; None when the text is not a quarter label."""
    value = label.strip().upper()
    return value if _QUARTER_LABEL.match(value) else None
