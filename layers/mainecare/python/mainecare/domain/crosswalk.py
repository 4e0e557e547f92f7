"""Parsing the two Medicare NDC-HCPCS crosswalks MaineCare edits drug lines against.

One import point for loaders; the work lives in small modules:
- quarters: quarter labels, the key of each ASP file
- crosswalk_text: bytes -> rows, header-name matching, the load-stopping error
- crosswalk_asp: the quarterly CMS ASP NDC-HCPCS CSV
- crosswalk_pdac: the monthly PDAC NDC/HCPCS crosswalk with relationship dates
The index built from parsed files, and the validation rule, are in crosswalk_index.
"""

from mainecare.domain.crosswalk_asp import AspFile, parse_asp_csv
from mainecare.domain.crosswalk_pdac import (
    OPEN_END_SENTINEL_YEAR,
    PdacFile,
    PdacRelationship,
    parse_pdac,
    parse_pdac_date,
)
from mainecare.domain.crosswalk_text import CrosswalkFormatError
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
