"""Member eligibility files: rows of coverage spans -> one coverage record per member. Pure.

A file has one row per coverage span, the member's identity repeated on each row:

    member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to
    A12345678,Doe,Jane,1970-01-01,ACS,2020-01-01,

Dates are YYYY-MM-DD; an empty coverage_to is an open span. Other columns are ignored (the Health
Home data a member record also holds comes from its own sources, see stores/members.py). The
file is UTF-8, with or without a byte-order mark. A row that cannot be read is skipped and
reported by its row number (the header is row 1), the column at fault and a reason code, never
its values: they are PHI. This is the only shape the store writer takes, so a later 834 reader
produces the same MemberCoverage records and feeds the same writer.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import field
from datetime import date

from mainecare.domain.members.spans import CoverageSpan
from valueobjects import value_object

REQUIRED_COLUMNS = ("member_id", "last_name", "first_name", "date_of_birth", "coverage_code",
                    "coverage_from", "coverage_to")
MEMBER_ID = re.compile(r"[A-Za-z0-9-]{1,20}")
COVERAGE_CODE = re.compile(r"[A-Za-z0-9_]{1,20}")
NAME_MAX = 60
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class MemberFileFormatError(Exception):
    """The whole file cannot be read (no rows are loaded)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@value_object
class MemberCoverage:
    """Who a member is and every coverage span the file gives them."""

    member_id: str
    last_name: str
    first_name: str
    birth_date: date
    coverage: tuple[CoverageSpan, ...]


@value_object
class SkippedRow:
    row: int  # the line in the file: 1 = the header row
    column: str
    reason: str  # MISSING_VALUE, INVALID_FORMAT, INVALID_DATE, NOT_UTF8, SPAN_ENDS_BEFORE_START, ...

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@value_object
class MemberFile:
    members: tuple[MemberCoverage, ...]
    rows_read: int
    skipped: tuple[SkippedRow, ...] = field(default_factory=tuple)


class _RowError(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def _text(row: dict, column: str, pattern: re.Pattern | None = None, max_length: int = NAME_MAX) -> str:
    value = (row.get(column) or "").strip()
    if not value:
        raise _RowError(column, "MISSING_VALUE")
    if (pattern and not pattern.fullmatch(value)) or len(value) > max_length:
        raise _RowError(column, "INVALID_FORMAT")
    return value


def _day(row: dict, column: str, required: bool = True) -> date | None:
    value = (row.get(column) or "").strip()
    if not value:
        if required:
            raise _RowError(column, "MISSING_VALUE")
        return None
    if not _DATE.fullmatch(value):
        raise _RowError(column, "INVALID_DATE")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RowError(column, "INVALID_DATE") from None


def _not_utf8(row: dict) -> str | None:
    """The first column whose bytes were not UTF-8 (decoded with surrogateescape, so they show)."""
    for column, value in row.items():
        if value and any("\udc80" <= ch <= "\udcff" for ch in value):
            return column or "(unnamed column)"
    return None


def _read_row(row: dict) -> tuple[str, tuple[str, str, date], CoverageSpan]:
    bad = _not_utf8(row)
    if bad is not None:
        raise _RowError(bad, "NOT_UTF8")
    member_id = _text(row, "member_id", MEMBER_ID).upper()
    identity = (_text(row, "last_name"), _text(row, "first_name"), _day(row, "date_of_birth"))
    code = _text(row, "coverage_code", COVERAGE_CODE).upper()
    start, end = _day(row, "coverage_from"), _day(row, "coverage_to", required=False)
    if end is not None and end < start:
        raise _RowError("coverage_to", "SPAN_ENDS_BEFORE_START")
    return member_id, identity, CoverageSpan(start=start, end=end, code=code)


def _folded(identity: tuple[str, str, date]) -> tuple[str, str, date]:
    return identity[0].casefold(), identity[1].casefold(), identity[2]


def parse_member_csv(data: bytes) -> MemberFile:
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    if not text.strip():
        raise MemberFileFormatError("MEMBER_FILE_EMPTY", "The file is empty.")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(name or "").strip().lower() for name in reader.fieldnames or ()]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise MemberFileFormatError("MEMBER_FILE_COLUMNS_MISSING",
                                    f"The header row lacks the column(s): {', '.join(missing)}.")
    reader.fieldnames = header
    identities: dict[str, tuple[str, str, date]] = {}
    spans: dict[str, list[CoverageSpan]] = {}
    skipped: list[SkippedRow] = []
    rows_read = 0
    for row in reader:
        row_number = reader.line_num  # the file's line, as an editor shows it (blank lines count)
        if not any((v or "").strip() for k, v in row.items() if k is not None):
            continue  # a blank line
        rows_read += 1
        try:
            if row.get(None):
                raise _RowError("(extra values)", "TOO_MANY_VALUES")
            member_id, identity, span = _read_row(row)
        except _RowError as error:
            skipped.append(SkippedRow(row_number, error.column, error.reason))
            continue
        known = identities.setdefault(member_id, identity)
        if _folded(known) != _folded(identity):
            column = next(c for c, a, b in zip(("last_name", "first_name", "date_of_birth"), _folded(known),
                                              _folded(identity), strict=True) if a != b)
            skipped.append(SkippedRow(row_number, column, "IDENTITY_DIFFERS_FROM_EARLIER_ROW"))
            continue
        member_spans = spans.setdefault(member_id, [])
        if span not in member_spans:
            member_spans.append(span)
    members = tuple(MemberCoverage(member_id, *identities[member_id], tuple(sorted(found, key=lambda s: s.start)))
                    for member_id, found in spans.items())
    return MemberFile(members, rows_read, tuple(skipped))
