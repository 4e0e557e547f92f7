"""Every X12 answer we write (999, TA1, 277CA) is valid against its TR3, as pyx12 4.0.0 judges it.

pyx12 ships maps for the 999 (999.5010X231.A1.xml) and the 277CA (277.5010.X214.xml); the TA1 is
in its ISA/GS control map (x12.control.00501.xml). pyx12 checks a TA1's elements against that
map but cannot report what it finds (it raises instead, which `judge` turns into a failure) and
does not notice a missing or unknown segment beside the ISA, so the TA1 is also checked here by
its fixed layout.

Inputs are the project's own: events/edi/*.txt and 837s built from them (tests/x12_build.py:
several sets and groups, and one fault at a time in the loops whose TR3 names used to be written
to IK303). The ingest service's answers are checked the same way in
tests/integration/test_edi_answers_valid_x12.py.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from mainecare.domain.claims.ack277 import AckClaim, AckHeader
from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.findings import finding
from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.domain.claims.model import BillingProvider, DateRange
from mainecare.services.claims import edi_acks
from tests.x12_build import BRIEF, CLEAN, FAULTS, TWO_CLAIMS, interchange, pieces
from tests.x12_oracle import assert_valid
from x12.ack999 import write_999, write_ta1
from x12.claims837 import iter_claims
from x12.reader import iter_segments
from x12.structure import validate_structure

NOW = datetime(2026, 4, 15, 10, 30)
ACK_999 = "005010X231A1"
ACK_277CA = "005010X214"


def _999(text: str) -> str:
    return write_999(validate_structure(io.StringIO(text)), "MAINECARE", 555, NOW)


def _ids(text: str) -> list[list[str]]:
    return [[seg_id, *elements] for seg_id, elements in iter_segments(io.StringIO(text))]


# --- 999 ----------------------------------------------------------------------------------------


def test_the_999_for_a_clean_file_is_valid():
    ack = _999(BRIEF)
    assert_valid(ack, sets=1, version=ACK_999)
    assert ["IK5", "A"] in _ids(ack)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_the_999_for_a_structure_error_is_valid(name):
    ack = _999(interchange([[FAULTS[name](CLEAN)]]))
    assert_valid(ack, sets=1, version=ACK_999)
    segments = _ids(ack)
    ik3 = [s for s in segments if s[0] == "IK3"]
    assert ik3 and all(s[3] == "" for s in ik3)  # IK303: no LS/LE loops in an 837
    assert ["IK5", "A"] not in segments and any(s[:2] == ["AK9", "R"] for s in segments)


def test_the_999_with_drug_line_notes_is_valid():
    ack = _999(TWO_CLAIMS)
    assert_valid(ack, sets=1, version=ACK_999)
    segments = _ids(ack)
    assert ["IK3", "LIN", "37", "", "8"] in segments and ["IK5", "E", "5"] in segments


def test_the_999_for_several_groups_and_sets_partly_accepted_is_valid():
    bad = FAULTS["2300 missing HI"](CLEAN)
    text = interchange([[CLEAN, bad, CLEAN], [CLEAN], [bad]])
    ack = _999(text)
    verdict = assert_valid(ack, sets=3, version=ACK_999)
    assert verdict.sets == ["999/0001 A", "999/0002 A", "999/0003 A"]
    segments = _ids(ack)
    assert [s for s in segments if s[0] == "AK9"] == [["AK9", "P", "3", "3", "2"], ["AK9", "A", "1", "1", "1"],
                                                      ["AK9", "R", "1", "1", "0"]]  # fmt: skip
    assert [s[1] for s in segments if s[0] == "IK5"] == ["A", "R", "A", "A", "R"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("SE*29*0001", "SE*30*0001", ["IK5", "R", "4"]),  # SE01 miscounted
        ("SE*29*0001", "SE*29*0009", ["IK5", "R", "3"]),  # SE02 is not ST02
        ("GE*1*101", "GE*2*101", ["AK9", "R", "2", "1", "1", "5"]),  # GE01 miscounted
    ],
)
def test_the_999_for_set_and_group_trailer_errors_is_valid(old, new, expected):
    text = interchange([[CLEAN]])
    assert old in text
    ack = _999(text.replace(old, new))
    assert_valid(ack, sets=1, version=ACK_999)
    assert expected in _ids(ack)


# --- TA1 ----------------------------------------------------------------------------------------

_TA1_LAYOUT = re.compile(r"TA1\*\d{9}\*\d{6}\*\d{4}\*[AER]\*0(0\d|1\d|2\d|3[01])")


def assert_ta1_layout(text: str, answered: str) -> list[str]:
    """ISA (106 characters, fixed widths), one TA1 with its five fixed-size elements, IEA*0."""
    lines = text.splitlines()
    assert len(lines) == 3 and len(lines[0]) == 106 and lines[0].startswith("ISA*00*          *00*")
    isa13 = lines[0].split("*")[13]
    assert _TA1_LAYOUT.fullmatch(lines[1].rstrip("~")) and lines[1].split("*")[1] == answered
    assert lines[2] == f"IEA*0*{isa13}~"
    return lines[1].rstrip("~").split("*")


ANSWERED_AT = datetime(2026, 4, 16, 9, 5)  # not the sample's 260415/1030, so echoes are told apart


@pytest.mark.parametrize(
    ("old", "new", "duplicate", "echoed", "note"),
    [
        ("", "", False, "000000101*260415*1030", "A*000"),
        ("", "", True, "000000101*260415*1030", "R*025"),
        ("IEA*1*000000101", "IEA*1*000000102", False, "000000101*260415*1030", "R*001"),
        ("IEA*1*000000101", "IEA*2*000000101", False, "000000101*260415*1030", "R*021"),
        # A broken ISA09/ISA10/ISA13 cannot be echoed as it is: TA102/103 then say when we
        # answered, TA101 is zeros (TA105 names the fault).
        ("*260415*1030*^", "*260499*1030*^", False, "000000101*260416*1030", "R*014"),
        ("*260415*1030*^", "*260415*1099*^", False, "000000101*260415*0905", "R*015"),
        ("*00501*000000101", "*00501*00000010A", False, "000000000*260415*1030", "R*018"),
    ],
)
def test_the_ta1_is_valid(old, new, duplicate, echoed, note):
    report = validate_structure(io.StringIO(BRIEF.replace(old, new) if old else BRIEF))
    ta1 = write_ta1(report, "MAINECARE", 77, ANSWERED_AT, duplicate=duplicate)
    assert_valid(ta1, sets=0)
    fields = assert_ta1_layout(ta1, echoed[:9])
    assert "*".join(fields[1:4]) == echoed and "*".join(fields[4:]) == note


def test_the_ta1_for_something_that_is_not_x12_is_valid(monkeypatch):
    monkeypatch.setattr(edi_acks, "next_control_number", lambda: 78)
    ta1 = edi_acks.ack_ta1(None, "no ISA segment at the start")
    assert_valid(ta1, sets=0)
    assert assert_ta1_layout(ta1, "000000000")[4:] == ["R", "024"]


def test_the_oracle_and_the_layout_check_refuse_a_broken_ta1():
    ta1 = write_ta1(validate_structure(io.StringIO(BRIEF)), "MAINECARE", 79, NOW)
    with pytest.raises(AssertionError):
        assert_valid(ta1.replace("*A*000", "*Z*000"))  # pyx12 checks TA104 against its codes
    with pytest.raises(AssertionError):
        assert_ta1_layout(ta1.replace("TA1*", "TA2*"), "000000101")  # pyx12 does not notice this


# --- 277CA --------------------------------------------------------------------------------------


def _claims(text: str):
    return [claim_from_segments(segments) for segments in iter_claims(io.StringIO(text))]


def _accepted(claim, icn: str = "") -> AckClaim:
    statuses = {line.line_number: "PAYABLE" for line in claim.lines}
    return AckClaim(claim, ClaimDecision("ACCEPTED", statuses, (), (), "edi"), icn)


def _rejected(claim, *codes: str) -> AckClaim:
    # Messages with our delimiters in them: STC12 must come out clean whatever an edit says.
    reasons = tuple(finding(code, f"{code} on line 2: a*b~c:d^e", line=2) for code in codes)
    statuses = {line.line_number: "REJECTED" for line in claim.lines}
    return AckClaim(claim, ClaimDecision("REJECTED", statuses, reasons, reasons, "edi"))


def _header(n: int = 1) -> AckHeader:
    return AckHeader(reference=f"0123456789AB{n:03d}", batch_reference=f"{n:04d}", received=date(2026, 4, 15),
                     processed=NOW, set_control_number=f"{n:04d}")  # fmt: skip


def _277ca(monkeypatch, sets) -> str:
    monkeypatch.setattr(edi_acks, "next_control_number", lambda: 901)
    report = validate_structure(io.StringIO(BRIEF))
    return edi_acks.ack_277ca_interchange(report, [(_header(n), claims) for n, claims in enumerate(sets, 1)])


def test_the_277ca_for_an_accepted_claim_is_valid(monkeypatch):
    (claim,) = _claims(BRIEF)
    text = _277ca(monkeypatch, [[_accepted(claim, "2026105000001")]])
    assert_valid(text, sets=1, version=ACK_277CA)
    assert "TRN*1*0123456789AB001-1~" in text and "STC*A1:19:PR**WQ*6400~" in text


def test_the_277ca_with_rejected_claims_is_valid(monkeypatch):
    good, bad = _claims(TWO_CLAIMS)
    text = _277ca(monkeypatch, [[_accepted(good, "C1"), _rejected(bad, "DIAGNOSIS_MISSING", "NDC_HCPCS_PAIR_INVALID")]])
    assert_valid(text, sets=1, version=ACK_277CA)
    assert "QTY*QA*1~" in text and "QTY*QC*1~" in text and "STC*A6:255*20260415*U*6400" in text


def test_the_277ca_with_only_rejected_claims_is_valid(monkeypatch):
    _, bad = _claims(TWO_CLAIMS)
    text = _277ca(monkeypatch, [[_rejected(bad, "NDC_HCPCS_PAIR_INVALID"), _rejected(bad, "BILLING_NPI_INVALID")]])
    assert_valid(text, sets=1, version=ACK_277CA)
    assert "QTY*90" not in text and "QTY*QA" not in text and "AMT*YY*12800~" in text


def test_the_277ca_for_several_providers_sets_and_claim_kinds_is_valid(monkeypatch):
    good, bad = _claims(TWO_CLAIMS)
    person = replace(good, billing=BillingProvider("1558598797", "SMITH", first_name="ANN"),
                     lines=tuple(replace(line, service_dates=DateRange(date(2026, 4, 8), date(2026, 4, 10)))
                                 for line in good.lines))  # fmt: skip
    institutional = replace(good, kind="institutional", facility_code="13", frequency_code="1")
    sets = [
        [_accepted(good, "C1"), _rejected(bad, "NDC_MISSING"), _accepted(person, "C2")],
        [_accepted(institutional, "C3")],
        [_rejected(person, "RENDERING_NPI_INVALID")],
    ]
    text = _277ca(monkeypatch, sets)
    verdict = assert_valid(text, sets=3, version=ACK_277CA)
    assert verdict.sets == ["277/0001 A", "277/0002 A", "277/0003 A"]
    assert "NM1*85*1*SMITH*ANN****XX*1558598797~" in text and "DTP*472*RD8*20260408-20260410~" in text
    assert "REF*BLT*131~" in text
    assert [s for s in pieces(text) if s.startswith("TRN*1*0123456789AB001-")] == [
        "TRN*1*0123456789AB001-1", "TRN*1*0123456789AB001-2"]
