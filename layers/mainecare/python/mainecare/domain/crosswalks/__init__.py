"""Parsing the two Medicare NDC-HCPCS crosswalks MaineCare edits drug lines against.

One import point for loaders; the work lives in small modules:
- domain.quarters: quarter labels, the key of each ASP file
- text: bytes -> rows, header-name matching, the load-stopping error
- asp: the quarterly CMS ASP NDC-HCPCS CSV
- pdac: the monthly PDAC NDC/HCPCS crosswalk with relationship dates
The index built from parsed files, and the validation rule, are in index (tables: the lookup tables it is built from).
"""

from mainecare.domain.crosswalks.asp import AspFile, parse_asp_csv
from mainecare.domain.crosswalks.pdac import (
    OPEN_END_SENTINEL_YEAR,
    PdacFile,
    PdacRelationship,
    parse_pdac,
    parse_pdac_date,
)
from mainecare.domain.crosswalks.text import CrosswalkFormatError
from mainecare.domain.quarters import quarter_bounds, quarter_from_text, quarter_of

__all__ = [
    "OPEN_END_SENTINEL_YEAR",
    "AspFile",
    "CrosswalkFormatError",
    "PdacFile",
    "PdacRelationship",
    "parse_asp_csv",
    "parse_pdac",
    "parse_pdac_date",
    "quarter_bounds",
    "quarter_from_text",
    "quarter_of",
]
