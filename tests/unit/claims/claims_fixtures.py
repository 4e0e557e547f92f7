"""Test-only stand-ins for the x12 claim grouping, built by splitting real 837 text.

Segments are the real x12.segments.Segment; the loop tagging and the ClaimSegments /
LineSegments grouping are small fakes of the reader's contract (its claim iterator is being
written in parallel), so the claim mapping is tested on the project's 837 fixtures
(tests/fixtures/x12) and the BRIEF 837P now. Swap iter_claims for the reader's once it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from mainecare.domain.claims.context import EditContext, members_known
from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.domain.crosswalks import AspFile, PdacFile, PdacRelationship
from mainecare.domain.crosswalks.index import CrosswalkIndex, asp_index_from_file, pdac_index_from_file
from mainecare.domain.members.spans import CoverageSpan
from tests.corpus import fixture
from x12.segments import Delimiters, Segment

# BRIEF section 3: minimal 837P with a drug line (NPI 1234567893 passes the check digit).
# The ISA is fixed-width (106 characters); it is split in two literals only to fit the line length.
BRIEF_837P = (Path(__file__).resolve().parents[3] / "events" / "edi" / "brief_837p_ndc.txt").read_text()


@dataclass(frozen=True)
class LineSegments:
    line: tuple[Segment, ...]
    drugs: tuple[tuple[Segment, ...], ...]


@dataclass
class ClaimSegments:
    kind: str
    set_control_number: str
    implementation_ref: str
    submitter: tuple[Segment, ...]
    receiver: tuple[Segment, ...]
    billing_provider: tuple[Segment, ...]
    subscriber: tuple[Segment, ...]
    patient: tuple[Segment, ...]
    claim: tuple[Segment, ...]
    lines: tuple[LineSegments, ...] = field(default_factory=tuple)


_P_CLAIM_NM1 = {"DN": "2310A", "P3": "2310A", "82": "2310B", "77": "2310C", "DQ": "2310D"}
_I_CLAIM_NM1 = {"71": "2310A", "72": "2310B", "ZZ": "2310C", "82": "2310D", "77": "2310E", "DN": "2310F"}
_P_LINE_NM1 = {"82": "2420A", "QB": "2420B", "77": "2420C", "DQ": "2420D", "DK": "2420E", "DN": "2420F"}
_I_LINE_NM1 = {"72": "2420A", "ZZ": "2420B", "82": "2420C", "DN": "2420D"}
_HL_LOOP = {"20": "2000A", "22": "2000B", "23": "2000C"}
_HL_NM1 = {"85": "2010AA", "87": "2010AB", "IL": "2010BA", "PR": "2010BB", "QC": "2010CA"}


def split_segments(text: str) -> list[Segment]:
    """Split X12 text (delimiters read from the ISA) and tag each segment with its 837 loop."""
    text = text.lstrip()
    element_sep, repetition_sep, component_sep, terminator = text[3], text[82], text[104], text[105]
    delimiters = Delimiters(element_sep, component_sep, repetition_sep, terminator)
    raw = [s.strip() for s in text.split(terminator)]
    segments: list[Segment] = []
    loop, kind, position = "", "professional", 0
    for chunk in filter(None, raw):
        seg_id, *elements = chunk.split(element_sep)
        if seg_id == "ST":
            position = 0
            kind = "institutional" if elements[2].startswith("005010X223") else "professional"
        position += 1
        loop = _next_loop(loop, seg_id, elements, kind)
        where = 0 if seg_id in ("ISA", "GS", "GE", "IEA") else position  # the reader's convention
        segments.append(Segment(seg_id, (seg_id, *elements), where, loop, delimiters))
    return segments


def _next_loop(loop: str, seg_id: str, elements: list[str], kind: str) -> str:
    first = elements[0] if elements else ""
    if seg_id in ("ISA", "GS", "ST", "BHT", "SE", "GE", "IEA"):
        return ""
    if seg_id == "HL":
        return _HL_LOOP.get(elements[2], "2000?")
    if seg_id == "CLM":
        return "2300"
    if seg_id == "LX":
        return "2400"
    if seg_id == "LIN":
        return "2410"
    if seg_id == "SVD":
        return "2430"
    if seg_id == "SBR" and (loop.startswith(("23", "2320", "2330"))):
        return "2320"
    if seg_id != "NM1":
        return loop
    if loop == "" or loop.startswith("1000"):
        return "1000A" if first == "41" else "1000B"
    if loop.startswith(("2000", "2010")):
        return _HL_NM1.get(first, loop)
    if loop.startswith(("2320", "2330")):
        return {"IL": "2330A", "PR": "2330B"}.get(first, "2330C")
    if loop.startswith("23"):
        return (_I_CLAIM_NM1 if kind == "institutional" else _P_CLAIM_NM1).get(first, "2310?")
    return (_I_LINE_NM1 if kind == "institutional" else _P_LINE_NM1).get(first, "2420?")


def iter_claims(text: str):
    """Group tagged segments into ClaimSegments, one per CLM, as the x12 reader does."""
    segments = split_segments(text)
    header: dict[str, list[Segment]] = {"1000A": [], "1000B": []}
    billing: list[Segment] = []
    subscriber: list[Segment] = []
    patient: list[Segment] = []
    claim: list[Segment] | None = None
    lines: list[tuple[list[Segment], list[list[Segment]]]] = []
    st02 = ref = kind = ""

    def finish():
        nonlocal claim, lines
        if claim is None:
            return None
        done = ClaimSegments(
            kind=kind,
            set_control_number=st02,
            implementation_ref=ref,
            submitter=tuple(header["1000A"]),
            receiver=tuple(header["1000B"]),
            billing_provider=tuple(billing),
            subscriber=tuple(subscriber),
            patient=tuple(patient),
            claim=tuple(claim),
            lines=tuple(LineSegments(tuple(ln), tuple(tuple(d) for d in drugs)) for ln, drugs in lines),
        )
        claim, lines = None, []
        return done

    for seg in segments:
        if seg.id == "ST":
            st02, ref = seg.element(2), seg.element(3)
            kind = "institutional" if ref.startswith("005010X223") else "professional"
        if seg.id in ("HL", "SE") and (done := finish()):
            yield done
        if seg.loop.startswith("1000"):
            header[seg.loop].append(seg)
        elif seg.id == "HL":
            level = seg.element(3)
            if level == "20":
                billing, subscriber, patient = [seg], [], []
            elif level == "22":
                subscriber, patient = [seg], []
            else:
                patient = [seg]
        elif seg.loop in ("2000A", "2010AA", "2010AB", "2010AC"):
            billing.append(seg)
        elif seg.loop in ("2000B", "2010BA", "2010BB"):
            subscriber.append(seg)
        elif seg.loop in ("2000C", "2010CA"):
            patient.append(seg)
        elif seg.id == "CLM":
            if done := finish():  # the subscriber's previous claim
                yield done
            claim = [seg]
        elif seg.loop == "2410" and seg.id == "LIN":
            lines[-1][1].append([seg])
        elif seg.loop == "2410":
            lines[-1][1][-1].append(seg)
        elif seg.id == "LX":
            lines.append(([seg], []))
        elif lines and seg.loop.startswith(("24",)):
            lines[-1][0].append(seg)
        elif claim is not None and seg.loop:
            claim.append(seg)


def sample(name: str) -> str:
    """A project 837 fixture (tests/fixtures/x12)."""
    return fixture(name)


def claims_in(text: str) -> list[ClaimSegments]:
    return list(iter_claims(text))


# ---------------------------------------------------------------- claims and context for edits

AVASTIN_400 = "50242006101"  # bevacizumab 400 mg/16 mL, paired with J9035 on ASP 2026Q2
ALBUTEROL = "12345678901"  # synthetic PDAC NDC paired with J7613 from 2020-01-01


def brief_claim():
    """The BRIEF section 3 837P as a Claim: line 1 96413, line 2 J9035 + NDC 50242006101."""
    return claim_from_segments(claims_in(BRIEF_837P)[0])


def crosswalks(*, asp_loaded: bool = True, pdac_loaded: bool = True):
    asp = {
        "2026Q2": asp_index_from_file(AspFile("2026Q2", {(AVASTIN_400, "J9035"), ("50242006001", "J9035")}))
    }
    pdac = pdac_index_from_file(
        PdacFile("2026-04-01", [PdacRelationship(ALBUTEROL, "J7613", date(2020, 1, 1), None)])
    )
    return CrosswalkIndex(asp=asp if asp_loaded else {}, pdac=pdac if pdac_loaded else None)


# The members the sample claims bill for (NM1*IL ... MI*A12345678, and A87654321 in the 277CA
# tests), covered from 2000 on. Any other member id is not a member: tests say so with NO_MEMBERS.
BRIEF_MEMBER = "A12345678"
COVERED_MEMBERS = members_known({member_id: (CoverageSpan(start=date(2000, 1, 1), code="ACS"),)
                                 for member_id in (BRIEF_MEMBER, "A87654321")})
NO_MEMBERS = members_known({})


def context(**overrides):
    values = {"crosswalks": crosswalks(), "today": date(2026, 4, 15), "member_coverage": COVERED_MEMBERS}
    values.update(overrides)
    return EditContext(**values)


def replace_line(claim, line_number: int, **changes):
    """The claim with one line changed (frozen dataclasses: a new claim)."""
    lines = tuple(replace(ln, **changes) if ln.line_number == line_number else ln for ln in claim.lines)
    return replace(claim, lines=lines)


def replace_drug(claim, line_number: int, **changes):
    line = claim.line(line_number)
    return replace_line(claim, line_number, drugs=(replace(line.drugs[0], **changes),))


def edited(text: str, *pairs: str) -> str:
    """Replace old/new pairs in X12 text, failing loudly when an old piece is not there."""
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, f"not in the 837 text: {old!r}"
        text = text.replace(old, new)
    return text
