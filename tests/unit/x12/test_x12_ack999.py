"""999 and TA1 writing, and the generic X12Writer they are built on."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from x12_variants import BRIEF_837P

from x12.ack999 import write_999, write_ta1
from x12.reader import iter_segments, read_delimiters
from x12.reports import (
    ElementError,
    GroupReport,
    InterchangeReport,
    SegmentError,
    SetReport,
)
from x12.segments import Delimiters
from x12.structure import validate_structure
from x12.writer import X12Writer

NOW = datetime(2026, 4, 15, 10, 30)

# BRIEF section 4, except IK303: the brief fills it with the TR3 loop (2410), but IK303 is for
# loops bounded by LS/LE, which an 837 has none of, so we leave it empty as pyx12 does.
BRIEF_REJECTED_999 = """\
ISA*00*          *00*          *ZZ*MAINECARE      *ZZ*SUBMITTERID    *260415*1030*^*00501*000000902*0*T*:~
GS*FA*MAINECARE*SUBMITTERID*20260415*1030*902*X*005010X231A1~
ST*999*0002*005010X231A1~
AK1*HC*102*005010X222A1~
AK2*837*0001*005010X222A1~
IK3*CTP*28**8~
IK4*4*380*1~
IK5*R*5~
AK9*R*1*1*0~
SE*8*0002~
GE*1*902~
IEA*1*000000902~
"""
BRIEF_ACCEPTED_SET = (
    "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~SE*6*0001~"
)


def ack_for(text: str, control: int = 902) -> str:
    return write_999(validate_structure(io.StringIO(text)), "MAINECARE", control, NOW)


def test_accepted_999_matches_the_brief():
    ack = ack_for(BRIEF_837P, 901)
    start = ack.index("ST*999")
    assert ack[start : ack.index("GE*")].replace("\n", "") == BRIEF_ACCEPTED_SET


def test_rejected_999_matches_the_brief_byte_for_byte_with_an_empty_ik303():
    # The brief's example answers group 102 in its own 999 number 0002; ours numbers from 0001.
    text = (
        BRIEF_837P.replace("CTP****16*ML", "CTP*****ML")
        .replace("*101*X*", "*102*X*")
        .replace("GE*1*101", "GE*1*102")
    )
    expected = BRIEF_REJECTED_999.replace("ST*999*0002", "ST*999*0001").replace("SE*8*0002", "SE*8*0001")
    assert ack_for(text) == expected


def parse(ack: str) -> list[tuple[str, list[str]]]:
    return list(iter_segments(io.StringIO(ack)))


def test_999_parses_back_and_counts_are_right():
    bad = BRIEF_837P.replace("DMG*D8*19700101", "DMG*D8*19700231").replace("SE*29", "SE*30")
    segments = parse(ack_for(bad))
    ids = [s for s, _ in segments]
    assert ids == ["ISA", "GS", "ST", "AK1", "AK2", "IK3", "IK4", "IK5", "AK9", "SE", "GE", "IEA"]
    values = dict(segments)
    assert values["IK3"] == ["DMG", "17", "", "8"]
    assert values["IK4"] == ["2", "1251", "8", "19700231"]
    assert values["IK5"] == ["R", "4", "5"]
    assert (
        values["SE"] == ["8", "0001"] and values["GE"] == ["1", "902"] and values["IEA"] == ["1", "000000902"]
    )


def test_one_999_per_group_with_partial_acceptance():
    report = InterchangeReport("SENDER", "MAINECARE", "000000007", "P", sender_qualifier="30", date="260101",
                               time="0900")  # fmt: skip
    ok = SetReport("837", "0001", "005010X222A1", accepted=True, claim_count=3)
    bad = SetReport("837", "0002", "005010X222A1", [SegmentError("HI", 20, "2300", "3")])
    report.groups = [
        GroupReport("HC", "11", "005010X222A1", [ok, bad], [], 1, 2, 2, "APP1", "MAINECARE"),
        GroupReport("HC", "12", "005010X223A2", [ok], [], 1, 1, 1, "APP1", "MAINECARE"),
    ]
    segments = parse(write_999(report, "MAINECARE", 55, NOW))
    assert [e for s, e in segments if s == "AK9"] == [["P", "2", "2", "1"], ["A", "1", "1", "1"]]
    assert [e[1] for s, e in segments if s == "ST"] == ["0001", "0002"]
    assert [e for s, e in segments if s == "IK3"] == [["HI", "20", "", "3"]]
    isa = segments[0][1]
    assert (isa[4], isa[5].strip(), isa[6], isa[7].strip(), isa[14]) == (
        "ZZ",
        "MAINECARE",
        "30",
        "SENDER",
        "P",
    )
    gs = segments[1][1]
    assert gs[:3] == ["FA", "MAINECARE", "APP1"] and gs[7] == "005010X231A1"


def test_bad_values_are_cleaned_and_capped():
    report = InterchangeReport("S", "R", "000000001", "T")
    error = SegmentError("NM1", 8, "2010AA", "8", [ElementError(3, 0, "1035", "5", "A*B:C~" + "x" * 200)])
    set_report = SetReport("837", "0001", "005010X222A1", [error])
    report.groups = [GroupReport("HC", "1", "005010X222A1", [set_report], [], 0, 1)]
    ack = write_999(report, "MAINECARE", 1, NOW)
    (ik4,) = [e for s, e in parse(ack) if s == "IK4"]
    assert ik4[:3] == ["3", "1035", "5"] and ik4[3].startswith("ABCx") and len(ik4[3]) == 99


def test_component_positions_and_unknown_segment_ids():
    text = BRIEF_837P.replace("HI*ABK:C189", "HI*ABK").replace("PER*IC", "pER*IC")
    segments = parse(ack_for(text))
    assert ["1:2", "1271", "1"] in [e for s, e in segments if s == "IK4"]
    assert ["pER", "4", "", "1"] in [e for s, e in segments if s == "IK3"]


def test_acknowledgement_groups_are_not_acknowledged():
    our_999 = ack_for(BRIEF_837P)  # a 999 is GS01 FA; sent back to us, it gets no 999 of its own
    assert write_999(validate_structure(io.StringIO(our_999)), "MAINECARE", 7, NOW) == ""
    first_isa, rest = BRIEF_837P.split("GS*", 1)
    fa_group = "GS*" + our_999.split("GS*", 1)[1].rsplit("IEA*", 1)[0]
    mixed = first_isa + fa_group + "GS*" + rest.replace("IEA*1*", "IEA*2*")
    answer = write_999(validate_structure(io.StringIO(mixed)), "MAINECARE", 8, NOW)
    assert "AK1*HC*" in answer and "AK1*FA*" not in answer and answer.count("ST*999*") == 1


def test_ta1_for_an_envelope_error_and_for_a_duplicate():
    report = validate_structure(io.StringIO(BRIEF_837P.replace("IEA*1*000000101", "IEA*1*000000102")))
    assert [s for s, _ in parse(write_ta1(report, "MAINECARE", 77, NOW))] == ["ISA", "TA1", "IEA"]
    (ta1,) = [e for s, e in parse(write_ta1(report, "MAINECARE", 77, NOW)) if s == "TA1"]
    assert ta1 == ["000000101", "260415", "1030", "R", "001"]
    clean = validate_structure(io.StringIO(BRIEF_837P))
    (dup,) = [e for s, e in parse(write_ta1(clean, "MAINECARE", 78, NOW, duplicate=True)) if s == "TA1"]
    assert dup[3:] == ["R", "025"]
    (ok,) = [e for s, e in parse(write_ta1(clean, "MAINECARE", 79, NOW)) if s == "TA1"]
    assert ok[3:] == ["A", "000"]
    assert parse(write_ta1(clean, "MAINECARE", 79, NOW))[-1] == ("IEA", ["0", "000000079"])


def test_writer_trims_and_counts():
    writer = X12Writer()
    with writer.envelope(("ZZ", "ME"), ("ZZ", "YOU"), 5, NOW, usage_indicator="T"):
        with writer.group("HN", "ME", "YOU", 5, NOW, "005010X214"):
            writer.start_set("277", "0001", "005010X214")
            assert (
                writer.segment("STC", ("A2", "20", ""), "20260415", "WQ", 6400, None, "")
                == "STC*A2:20*20260415*WQ*6400~"
            )
            writer.segment("QTY", "90", "1")
            se = writer.end_set()
    assert se == "SE*4*0001~"
    segments = parse(writer.text())
    assert [s for s, _ in segments] == ["ISA", "GS", "ST", "STC", "QTY", "SE", "GE", "IEA"]
    assert segments[-2] == ("GE", ["1", "5"]) and segments[-1] == ("IEA", ["1", "000000005"])
    isa_line = writer.text().splitlines()[0]
    assert len(isa_line) == 106 and read_delimiters(isa_line) == Delimiters("*", ":", "^", "~")


def test_writer_refuses_unbalanced_sets():
    writer = X12Writer()
    with pytest.raises(RuntimeError):
        writer.end_set()
    writer.start_set("999", "0001", "005010X231A1")
    with pytest.raises(RuntimeError):
        writer.start_set("999", "0002", "005010X231A1")


def test_writer_with_other_delimiters():
    writer = X12Writer(Delimiters("|", ">", "", "\n"), line_break="")
    writer.segment("SV1", ("HC", "J9035"), "6000")
    assert writer.text() == "SV1|HC>J9035|6000\n"
    assert writer.clean("a|b>c\nd") == "abcd"
