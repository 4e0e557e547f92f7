"""Property: whatever is done to a clean 837, the fast path never vouches for a file the slow
validator reports, and validate_structure always answers exactly as the slow path does.

The mutations keep SE01 right (or nearly every mutant would fail on the count alone, proving
nothing) and draw replacement values from the file's own values and from values close to the
rules' edges, so many mutants stay clean or break just one rule.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "x12"))
from x12_variants import base_texts, fix_se_count, join, split  # noqa: E402

from x12.clean_scan import scan_clean  # noqa: E402
from x12.reader import X12FormatError  # noqa: E402
from x12.structure import validate_segments, validate_structure  # noqa: E402

EDGE_VALUES = [
    "", "0", "1", "2", "01", "1.5", ".5", "1.", "-1", "D8", "RD8", "DT", "TM", "20260229", "20240229",
    "20260431", "20261231", "17991231", "20260410-20260411", "N4", "HC", "UN", "ML", "XX", "MI", "Y",
    "A" * 31, "X ", " X", "a", "é",
]  # fmt: skip
ENVELOPE = ("ISA", "GS", "GE", "IEA", "ST", "SE")


def _values(segments: list[str]) -> list[str]:
    found = {v for s in segments for v in s.split("*")[1:]}
    found |= {c for v in list(found) for c in v.split(":")}
    return sorted(found)


@st.composite
def mutants(draw) -> str:
    base = draw(st.sampled_from(["P", "PD", "I"]))
    segments = split(base_texts()[base])
    values = _values(segments) + EDGE_VALUES
    body = [i for i, s in enumerate(segments) if not s.startswith(ENVELOPE)]
    for _ in range(draw(st.integers(1, 2))):
        i = draw(st.sampled_from(body))
        kind = draw(st.sampled_from(["drop", "duplicate", "swap", "element", "element", "element"]))
        if kind == "drop":
            segments[i] = ""
        elif kind == "duplicate":
            segments[i] = segments[i] + "~" + segments[i]
        elif kind == "swap" and i + 1 in body:
            segments[i], segments[i + 1] = segments[i + 1], segments[i]
        else:
            elements = segments[i].split("*")
            k = draw(st.integers(1, len(elements)))
            value = draw(st.sampled_from(values))
            if k == len(elements):
                elements.append(value)
            else:
                elements[k] = value
            segments[i] = "*".join(elements)
    flat = [s for segment in segments for s in segment.split("~") if s]
    return join(fix_se_count(flat))


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_fast_path_vouches_only_for_what_the_slow_path_finds_flawless(text):
    try:
        slow = validate_segments(io.StringIO(text))
    except X12FormatError:
        return
    fast = scan_clean(io.StringIO(text))
    if fast is not None:
        assert slow.accepted and all(
            not g.errors and all(s.accepted and not s.errors for s in g.sets) for g in slow.groups
        )
        assert fast == slow
    assert validate_structure(io.StringIO(text)) == slow
