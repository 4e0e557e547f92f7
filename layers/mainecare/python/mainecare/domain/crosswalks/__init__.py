"""Parsing the two Medicare NDC-HCPCS crosswalks MaineCare edits drug lines against.

One import point for loaders; the work lives in small modules:
- domain.quarters: quarter labels, the key of each ASP file
- text: bytes -> rows, header-name matching, the load-stopping error
- asp: the quarterly CMS ASP NDC-HCPCS CSV
- pdac: the monthly PDAC NDC/HCPCS crosswalk with relationship dates
The index built from parsed files, and the validation rule, are in index (tables: the lookup tables it is built from).
"""

from importlib import import_module

# Loaded when a loader first asks (PEP 562): importing the package is a step of importing its
# index, and the claim path (edi_ingest, the API) reads stored artifacts and never parses a file.
_EXPORTED_FROM = {
    "AspFile": "mainecare.domain.crosswalks.asp",
    "parse_asp_csv": "mainecare.domain.crosswalks.asp",
    "OPEN_END_SENTINEL_YEAR": "mainecare.domain.crosswalks.pdac",
    "PdacFile": "mainecare.domain.crosswalks.pdac",
    "PdacRelationship": "mainecare.domain.crosswalks.pdac",
    "parse_pdac": "mainecare.domain.crosswalks.pdac",
    "parse_pdac_date": "mainecare.domain.crosswalks.pdac",
    "CrosswalkFormatError": "mainecare.domain.crosswalks.text",
    "quarter_bounds": "mainecare.domain.quarters",
    "quarter_from_text": "mainecare.domain.quarters",
    "quarter_of": "mainecare.domain.quarters",
}
__all__ = sorted(_EXPORTED_FROM)


def __getattr__(name: str):
    if name not in _EXPORTED_FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTED_FROM[name]), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTED_FROM])
