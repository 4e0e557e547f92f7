"""Parse the CMS ASP NDC-HCPCS crosswalk CSV exactly as CMS publishes it each quarter.

Layout facts this relies on (domain brief section 2a): Latin-1, a title preamble before the
header (about row 9), the first column named after the year (`_2025_CODE`), the NDC column
named `NDC2` (2025 files) or `NDC` (Oct-2026 508 CSV) holding a hyphenated 5-4-2 NDC or, on
some rows, a non-NDC alternate product id.
"""

from __future__ import annotations

import re
from dataclasses import field

from mainecare.domain.crosswalks.text import (
    CrosswalkFormatError,
    decode_text,
    header_key,
    is_blank,
    read_rows,
)
from mainecare.domain.ndc import hcpcs_error, normalize_hcpcs
from mainecare.domain.quarters import normalize_quarter, quarter_from_text
from valueobjects import value_object

_CODE_HEADER = re.compile(r"^_?\d{4}_CODE$", re.IGNORECASE)
_CODE_HEADER_ALIASES = {"hcpcs", "hcpcscode"}
_NDC_HEADER_KEYS = ("ndc2", "ndc", "ndc11")
# Only the documented 5-4-2 form (or the same digits without hyphens) is an NDC here. Anything
# else is an alternate product id; padding it into an NDC would invent a pair CMS never listed.
_ASP_NDC = re.compile(r"^(\d{5})-?(\d{4})-?(\d{2})$")
# The header is near row 9; a file with no header in its first rows is not an ASP crosswalk.
_HEADER_SEARCH_ROWS = 60


@value_object
class AspFile:
    version: str
    pairs: set[tuple[str, str]] = field(default_factory=set)
    rows_read: int = 0
    rows_skipped: int = 0


def _is_code_header(cell: str) -> bool:
    value = cell.strip().lstrip("\ufeff")
    return bool(_CODE_HEADER.match(value)) or header_key(value) in _CODE_HEADER_ALIASES


def _find_header(rows: list[list[str]]) -> int:
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if row and _is_code_header(row[0]):
            return i
    raise CrosswalkFormatError(
        "ASP_HEADER_NOT_FOUND",
        f"No header row starting with _YYYY_CODE or HCPCS in the first {_HEADER_SEARCH_ROWS} rows; "
        "this does not look like a CMS ASP NDC-HCPCS crosswalk CSV.",
    )


def _ndc_column(header: list[str]) -> int:
    keys = [header_key(h) for h in header]
    for wanted in _NDC_HEADER_KEYS:
        if wanted in keys:
            return keys.index(wanted)
    raise CrosswalkFormatError(
        "ASP_NDC_COLUMN_NOT_FOUND",
        f"ASP crosswalk header has no NDC2 or NDC column: {', '.join(h.strip() for h in header)}.",
    )


def _resolve_quarter(version: str | None, preamble: list[list[str]], file_name: str) -> str:
    if version:
        found = normalize_quarter(version) or quarter_from_text(version)
        if found:
            return found
        raise CrosswalkFormatError(
            "ASP_QUARTER_UNKNOWN", f"Version '{version}' is not a quarter such as 2026Q2."
        )
    # Row by row, top first: the title names the quarter; later note rows may cite other dates.
    for row in preamble:
        found = quarter_from_text(" ".join(row))
        if found:
            return found
    found = quarter_from_text(file_name)
    if found:
        return found
    raise CrosswalkFormatError(
        "ASP_QUARTER_UNKNOWN",
        "Cannot tell which quarter this ASP crosswalk prices: no month and year in its title "
        f"or file name ('{file_name}'). Pass the version, e.g. 2026Q2.",
    )


def parse_asp_csv(data: bytes, version: str | None = None, file_name: str = "") -> AspFile:
    rows = read_rows(decode_text(data))
    header_at = _find_header(rows)
    header = rows[header_at]
    quarter = _resolve_quarter(version, rows[:header_at], file_name)
    ndc_col = _ndc_column(header)

    pairs: set[tuple[str, str]] = set()
    read = skipped = 0
    for row in rows[header_at + 1 :]:
        if is_blank(row):
            continue
        read += 1
        code = normalize_hcpcs(row[0])
        match = _ASP_NDC.match(row[ndc_col].strip()) if len(row) > ndc_col else None
        if match is None or hcpcs_error(code) is not None:
            # Alternate product ids, footnotes and truncated rows: count them so a load report
            # can show them, but they are never pairs.
            skipped += 1
            continue
        pairs.add(("".join(match.groups()), code))
    return AspFile(version=quarter, pairs=pairs, rows_read=read, rows_skipped=skipped)
