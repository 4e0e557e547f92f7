"""Parse the PDAC (Palmetto GBA) NDC/HCPCS crosswalk, the monthly, date-ranged list.

Layout facts this relies on (domain brief section 2b): columns `NDC` (11 digits), `NDC Mod`,
`HCPCS`, `HCPCS Mod`, `Relationship Start Date`, `Relationship End Date`, descriptions, then
CF history (`Start Date 1`/`End Date 1`...). Only the relationship dates decide validity; the
numbered date pairs date conversion-factor changes inside a relationship.
"""

from __future__ import annotations

import functools
import re
from dataclasses import field
from datetime import date

from mainecare.domain.crosswalks.text import (
    CrosswalkFormatError,
    decode_text,
    header_key,
    is_blank,
    read_rows,
)
from mainecare.domain.ndc import hcpcs_error, normalize_hcpcs, normalize_ndc
from valueobjects import value_object

_HEADER_SEARCH_ROWS = 60
_COLUMNS = {
    "ndc": ("ndc", "ndc11", "ndccode"),
    "hcpcs": ("hcpcs", "hcpcscode"),
    "start": ("relationshipstartdate", "relstartdate", "relationshipstart"),
    "end": ("relationshipenddate", "relenddate", "relationshipend"),
}
# How an open-ended relationship is written is unconfirmed (brief section 9): blank and a
# far-future sentinel such as 12/31/9999 are both read as "no end".
OPEN_END_SENTINEL_YEAR = 9999

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

_NAME_FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_]?(\d\d)[-_]?(\d\d)(?!\d)")
_NAME_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_](\d\d)(?!\d)")


@value_object
class PdacRelationship:
    ndc11: str
    hcpcs: str
    start: date
    end: date | None  # None = open ended


@value_object
class PdacFile:
    version: str
    relationships: list[PdacRelationship] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0


class _OpenEnd:
    """Marker for a sentinel end date, distinct from an unparseable one."""


OPEN_END = _OpenEnd()


# Relationship dates cluster on a few thousand distinct days across ~100k cells, and parsing
# them was most of the load time; results are immutable so caching is safe.
@functools.lru_cache(maxsize=16384)
def parse_pdac_date(text: str) -> date | _OpenEnd | None:
    """MM/DD/YYYY, YYYY-MM-DD or YYYYMMDD; OPEN_END for a year >= 9999; None if unreadable."""
    value = text.strip().split(" ")[0]  # Excel exports may append " 00:00:00"
    for pattern, order in ((_US_DATE, (2, 0, 1)), (_ISO_DATE, (0, 1, 2)), (_COMPACT_DATE, (0, 1, 2))):
        m = pattern.match(value)
        if m:
            parts = [int(g) for g in m.groups()]
            year, month, day = (parts[i] for i in order)
            if year >= OPEN_END_SENTINEL_YEAR:
                return OPEN_END
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def _pdac_ndc(text: str) -> str | None:
    value = text.strip()
    if "-" in value:
        parsed = normalize_ndc(value)
        return parsed.ndc11 if parsed.format_valid else None
    if value.isdigit() and 9 <= len(value) <= 11:
        # PDAC documents this column as 11 digits, so a 9- or 10-digit all-digit value can only
        # be Excel having dropped leading zeros; restoring them is safe here and nowhere else
        # (a bare 10-digit NDC from a claim is ambiguous, see ndc.normalize_ndc).
        return value.zfill(11)
    return None


def _find_columns(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        keys = [header_key(c) for c in row]
        found: dict[str, int] = {}
        for name, aliases in _COLUMNS.items():
            for alias in aliases:
                if alias in keys:
                    found[name] = keys.index(alias)
                    break
        if len(found) == len(_COLUMNS):
            return i, found
    raise CrosswalkFormatError(
        "PDAC_HEADER_NOT_FOUND",
        "No header row with NDC, HCPCS, Relationship Start Date and Relationship End Date "
        f"in the first {_HEADER_SEARCH_ROWS} rows; this does not look like the PDAC crosswalk.",
    )


def _sniff_delimiter(text: str) -> str:
    # Descriptions contain commas in both variants, so only the header line is a fair sample.
    for line in text.splitlines()[:_HEADER_SEARCH_ROWS]:
        low = line.lower()
        if "ndc" in low and "hcpcs" in low:
            return "\t" if "\t" in line else ","
    return ","


def _version_from_name(file_name: str) -> str | None:
    m = _NAME_FULL_DATE.search(file_name)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    m = _NAME_YEAR_MONTH.search(file_name)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{m.group(2)}"
    return None


def _parse_row(row: list[str], cols: dict[str, int]) -> PdacRelationship | None:
    if len(row) <= max(cols.values()):
        return None
    ndc11 = _pdac_ndc(row[cols["ndc"]])
    code = normalize_hcpcs(row[cols["hcpcs"]])
    start = parse_pdac_date(row[cols["start"]])
    end_text = row[cols["end"]].strip()
    end = OPEN_END if not end_text else parse_pdac_date(end_text)
    if ndc11 is None or hcpcs_error(code) or not isinstance(start, date) or end is None:
        return None
    end_date = None if end is OPEN_END else end
    if end_date is not None and end_date < start:
        return None
    return PdacRelationship(ndc11=ndc11, hcpcs=code, start=start, end=end_date)


def parse_pdac(data: bytes, version: str | None = None, file_name: str = "") -> PdacFile:
    text = decode_text(data)
    rows = read_rows(text, _sniff_delimiter(text))
    header_at, cols = _find_columns(rows)

    relationships: list[PdacRelationship] = []
    read = skipped = 0
    for row in rows[header_at + 1 :]:
        if is_blank(row):
            continue
        read += 1
        rel = _parse_row(row, cols)
        if rel is None:
            skipped += 1
            continue
        relationships.append(rel)

    resolved = version or _version_from_name(file_name)
    if not resolved and relationships:
        # Last resort: the file is at least as new as its newest relationship.
        resolved = max(r.start for r in relationships).isoformat()
    if not resolved:
        raise CrosswalkFormatError(
            "PDAC_VERSION_UNKNOWN",
            f"Cannot date this PDAC crosswalk: no date in its file name ('{file_name}') and no rows.",
        )
    return PdacFile(version=resolved, relationships=relationships, rows_read=read, rows_skipped=skipped)
