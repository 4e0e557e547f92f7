"""Property tests: whatever is done to a valid 837, validation answers instead of crashing.

validate_structure may only raise X12FormatError (input that is not X12 at all); for anything
else it returns a report, write_999/write_ta1 turn that report into an acknowledgement our own
reader parses back with consistent counts, and iter_claims reads the file without raising.
"""

from __future__ import annotations

import io
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from x12.ack999 import write_999, write_ta1
from x12.claims837 import iter_claims
from x12.reader import X12FormatError, iter_segments
from x12.structure import validate_structure

BASE = (
    "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*MAINECARE      *260415*1030*^*00501"
    "*000000101*0*T*:~\n"
    "GS*HC*SUBMITTERID*MAINECARE*20260415*1030*101*X*005010X222A1~\nST*837*0001*005010X222A1~\n"
    "BHT*0019*00*BATCH0415*20260415*1030*CH~\nNM1*41*2*DOWNEAST ONCOLOGY*****46*SUBMITTERID~\n"
    "PER*IC*BILLING OFFICE*TE*2075550100~\nNM1*40*2*MAINECARE*****46*MAINECARE~\nHL*1**20*1~\n"
    "PRV*BI*PXC*207RH0003X~\nNM1*85*2*DOWNEAST ONCOLOGY*****XX*1234567893~\nN3*100 MAIN ST~\n"
    "N4*BANGOR*ME*044010000~\nREF*EI*010000000~\nHL*2*1*22*1~\nSBR*P*18*******MC~\n"
    "NM1*IL*1*DOE*JANE****MI*A12345678~\nN3*1 PINE ST~\nN4*BANGOR*ME*04401~\nDMG*D8*19700101*F~\n"
    "NM1*PR*2*MAINECARE*****PI*MAINECARE~\nHL*3*2*23*0~\nPAT*19~\nNM1*QC*1*DOE*JOHN~\nN3*1 PINE ST~\n"
    "N4*BANGOR*ME*04401~\nDMG*D8*20100101*M~\nCLM*PCN0001*6400***11:B:1*Y*A*Y*Y~\nHI*ABK:C189*ABF:Z510~\n"
    "NM1*82*1*WELBY*MARCUS****XX*1234567893~\nSBR*S*18*******CI~\nOI***Y***Y~\nNM1*IL*1*DOE*JANE****MI*X1~\n"
    "NM1*PR*2*OTHER PAYER*****PI*99999~\nLX*1~\nSV1*HC:96413*400*UN*1***1~\nDTP*472*D8*20260410~\nLX*2~\n"
    "SV1*HC:J9035:JG*6000*UN*40***1~\nDTP*472*RD8*20260410-20260411~\nLIN**N4*50242006101~\nCTP****16*ML~\n"
    "REF*XZ*2530001~\nNM1*DK*1*WELBY*MARCUS****XX*1234567893~\nSE*42*0001~\nGE*1*101~\nIEA*1*000000101~\n"
)
# The same file under other delimiters, so that "*" and ":" in mutated values are data.
PIPES = BASE.replace("*", "|").replace(":", ">")
BASES = {"*": [s for s in BASE.split("~\n") if s], "|": [s for s in PIPES.split("~\n") if s]}
NOW = datetime(2026, 4, 15, 10, 30)
GARBAGE = st.text(alphabet=st.sampled_from(list("*|:>^~\n\r ABCISAGEST0123456789-.é\x00")), max_size=30)


def test_bases_are_valid():
    for text in (BASE, PIPES):
        report = validate_structure(io.StringIO(text))
        assert report.accepted_sets() == {("101", "0001")}, report.groups[0].sets[0].errors


@st.composite
def mutated(draw) -> str:
    separator = draw(st.sampled_from(sorted(BASES)))
    segments = list(BASES[separator])
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "element", "garbage_segment"]))
        i = draw(st.integers(0, len(segments) - 1))
        j = draw(st.integers(0, len(segments) - 1))
        if kind == "delete" and len(segments) > 1:
            del segments[i]
        elif kind == "duplicate":
            segments.insert(i, segments[i])
        elif kind == "swap":
            segments[i], segments[j] = segments[j], segments[i]
        elif kind == "element":
            elements = segments[i].split(separator)
            k = draw(st.integers(0, len(elements)))
            value = draw(
                st.one_of(GARBAGE, st.sampled_from(["", "0", "-1", "20260231", "N4", "ZZ", "1" * 90]))
            )
            if k == len(elements):
                elements.append(value)
            else:
                elements[k] = value
            segments[i] = separator.join(elements)
        else:
            segments.insert(i, draw(GARBAGE))
    text = "~\n".join(segments) + "~\n"
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] if draw(st.booleans()) else text[:cut] + draw(GARBAGE) + text[cut:]
    return text


def check_ack(ack: str, groups: int) -> None:
    segments = list(iter_segments(io.StringIO(ack)))
    ids = [seg_id for seg_id, _ in segments]
    assert ids[0] == "ISA" and ids[-1] == "IEA"
    assert segments[-1][1][0] == str(ids.count("GS"))
    assert ids.count("ST") == ids.count("SE") == ids.count("AK9") == groups
    start = None
    for n, (seg_id, elements) in enumerate(segments):
        if seg_id == "ST":
            start = n
        elif seg_id == "SE":
            assert elements[0] == str(n - start + 1)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_validation_never_crashes_and_always_answers(text):
    try:
        report = validate_structure(io.StringIO(text))
    except X12FormatError:
        return  # not X12 at all: nothing to acknowledge
    check_ack(write_999(report, "MAINECARE", 902, NOW), len(report.groups))
    ta1 = list(iter_segments(io.StringIO(write_ta1(report, "MAINECARE", 903, NOW))))
    assert [s for s, _ in ta1] == ["ISA", "TA1", "IEA"]
    assert ta1[1][1][3] == ("A" if report.accepted else "R")
    for group in report.groups:
        assert group.accepted_count == sum(s.accepted for s in group.sets) <= group.received_count
    claims = list(iter_claims(io.StringIO(text), report.accepted_sets()))
    assert len(claims) <= report.claim_count


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_refused_or_answered(data):
    for prefix in (b"", BASE[:106].encode()):
        try:
            report = validate_structure(io.BytesIO(prefix + data))
        except X12FormatError:
            continue
        check_ack(write_999(report, "MAINECARE", 1, NOW), len(report.groups))
