"""How stores/claim_body_v1.zdict was made: the preset dictionary the stored claim bodies are
compressed with (stores/claim_body.py). v1 was made by this recipe on 2026-12-04 and is frozen (a
test holds its hash): bodies written with it must stay readable. A better dictionary (say, after
the claim layout changes) is a new body format, z2, made the same way; v1 is never edited.

The dictionary is the JSON of the project's own fake fixture claims (every key of the API's claim
layout and the values that repeat from claim to claim: codes, qualifiers, provider types) and of
typical decisions. zlib prefers the nearest matches, so the most common text comes last.
"""

from __future__ import annotations

import io
import json

from tests.corpus import fixture_files

_DECISIONS = [
    {"status": "ACCEPTED", "channel": "edi", "lineStatuses": {"1": "PAYABLE", "2": "PAYABLE", "3": "DENIED"},
     "reasons": [{"code": "NDC_HCPCS_PAIR_INVALID", "message": "The NDC is not on the CMS ASP crosswalk or the PDAC "
                  "crosswalk with this HCPCS code for the date of service.", "severity": "deny", "carc": "16",
                  "rarc": "M119", "line": 3, "ndc": "00000000000", "hcpcs": "J0000", "dos": "2026-01-01"}],
     "findings": [], "awaiting": []},
    {"status": "PENDED", "channel": "api", "lineStatuses": {"1": "PAYABLE", "2": "PENDED"}, "reasons": [],
     "findings": [{"code": "CROSSWALK_QUARTER_NOT_LOADED", "message": "", "severity": "pend", "carc": None,
                   "rarc": None, "line": 2, "ndc": None, "hcpcs": None, "dos": None, "awaiting": ["ASP#2026Q1"]}],
     "awaiting": ["ASP#2026Q1", "PDAC"]},
    {"status": "ACCEPTED", "channel": "api", "lineStatuses": {"1": "PAYABLE", "2": "PAYABLE", "3": "PAYABLE",
                                                             "4": "PAYABLE", "5": "PAYABLE", "6": "PAYABLE"},
     "reasons": [], "findings": [], "awaiting": []},
]


def dictionary_bytes() -> bytes:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layers" / "mainecare" / "python"))
    from mainecare.domain.claims.from_837 import claim_from_segments
    from mainecare.models.claims_json import claim_to_json
    from x12.claims837 import iter_claims
    from x12.structure import validate_structure

    bodies = []
    for path in fixture_files():
        data = path.read_bytes()
        report = validate_structure(io.BytesIO(data))
        for segments in iter_claims(io.BytesIO(data), report.accepted_sets()):
            bodies.append(claim_to_json(claim_from_segments(segments)))
    texts = [json.dumps({"claim": body, "decision": decision}, separators=(",", ":"))
             for body, decision in zip(bodies, _DECISIONS * len(bodies), strict=False)]
    return "".join(sorted(texts, key=len, reverse=True)).encode()[-32_768:]
