"""Reading crosswalk downloads as text rows: encodings, delimiters and header names.

Shared by the ASP and PDAC parsers, which differ in layout but not in how their bytes arrive.
"""

from __future__ import annotations

import csv
import io
import re

from mainecare.domain.errors import RuleError

_UTF8_BOM = b"\xef\xbb\xbf"


class CrosswalkFormatError(ValueError):
    """A reference file cannot be loaded at all (as opposed to single bad rows, which are
    skipped and counted). Loading must stop so no claim is judged against half a file."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def to_rule_error(self) -> RuleError:
        return RuleError(self.code, self.message)


def decode_text(data: bytes) -> str:
    # CMS publishes the ASP CSVs in Latin-1 (descriptions carry bytes such as 0xAE for the
    # registered sign), which is not valid UTF-8. Latin-1 maps every byte, so decoding never
    # fails; a file re-saved by Excel as UTF-8 announces itself with a BOM.
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM) :].decode("utf-8")
        except UnicodeDecodeError:
            return data[len(_UTF8_BOM) :].decode("latin-1")
    return data.decode("latin-1")


def header_key(name: str) -> str:
    """Compare header names ignoring case, spaces and punctuation ("Relationship  Start-Date")."""
    return re.sub(r"[^a-z0-9]", "", name.strip().lstrip("\ufeff").lower())


def read_rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def is_blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)
