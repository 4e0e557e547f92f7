"""validate_structure on envelope problems: missing trailers, stray segments, bad ISA/GS/ST/SE."""

from __future__ import annotations

import io

import pytest
from x12_variants import BRIEF_837P

from x12.structure import validate_structure


def validate(text: str):
    return validate_structure(io.StringIO(text))


def only_set(report):
    (group,) = report.groups
    (set_report,) = group.sets
    return set_report


def test_missing_trailers():
    no_se = validate(BRIEF_837P.replace("SE*29*0001~\n", ""))
    assert only_set(no_se).ik5_codes() == ["2"]
    no_ge = validate(BRIEF_837P.replace("GE*1*101~\n", ""))
    assert no_ge.groups[0].errors == ["3"]
    no_iea = validate(BRIEF_837P.replace("IEA*1*000000101~\n", ""))
    assert [e.code for e in no_iea.interchange_errors] == ["023"]


def test_segments_outside_the_envelope():
    after_iea = validate(BRIEF_837P + "GS*HC*A*B*20260415*1030*102*X*005010X222A1~GE*0*102~")
    assert "024" in [e.code for e in after_iea.interchange_errors]
    stray = validate(BRIEF_837P.replace("GE*1*101~", "ZZZ*1~GE*1*101~"))
    assert [e.code for e in stray.interchange_errors] == ["024"]
    no_gs = validate(
        BRIEF_837P.replace("GS*HC*SUBMITTERID*MAINECARE*20260415*1030*101*X*005010X222A1~\n", "")
    )
    assert "024" in [e.code for e in no_gs.interchange_errors] and no_gs.accepted_sets() == set()


@pytest.mark.parametrize(
    ("old", "new", "codes"),
    [
        ("*00501*", "*00401*", ["017"]),
        ("*000000101*0*T*", "*00000010A*0*T*", ["018", "001"]),
        ("*0*T*:", "*0*X*:", ["020"]),
        ("*260415*1030*", "*261345*1030*", ["014"]),
        ("*ZZ*SUBMITTERID", "*QQ*SUBMITTERID", ["005"]),
    ],
)
def test_isa_field_errors_are_ta1_notes(old, new, codes):
    report = validate(BRIEF_837P.replace(old, new, 1))
    assert [e.code for e in report.interchange_errors] == codes


def test_duplicate_interchange_control_number_in_one_file():
    report = validate(BRIEF_837P + BRIEF_837P.replace("*101*X*", "*102*X*").replace("GE*1*101", "GE*1*102"))
    assert [e.code for e in report.interchange_errors] == ["025"]


def test_group_header_problems():
    assert validate(BRIEF_837P.replace("GS*HC", "GS*HP")).groups[0].errors == ["1"]
    assert validate(BRIEF_837P.replace("*X*005010X222A1~\nST", "*X*005010X222~\nST")).groups[0].errors == [
        "2"
    ]
    assert validate(BRIEF_837P.replace("*1030*101*X", "*1030*ABC*X").replace("GE*1*101", "GE*1*ABC")).groups[
        0
    ].errors == ["6"]


@pytest.mark.parametrize(
    ("old", "new", "codes"),
    [
        ("ST*837*0001*005010X222A1", "ST*835*0001*005010X222A1", ["1"]),
        ("ST*837*0001*005010X222A1", "ST*837*01*005010X222A1", ["7", "3"]),
        ("ST*837*0001*005010X222A1", "ST*837*0001*005010X222A2", ["I6"]),
        ("SE*29*0001", "SE*30*0001", ["4"]),
        ("SE*29*0001", "SE*29*0002", ["3"]),
    ],
)
def test_set_header_and_trailer_problems(old, new, codes):
    assert only_set(validate(BRIEF_837P.replace(old, new))).ik5_codes() == codes


def test_st03_may_be_left_to_gs08():
    set_report = only_set(validate(BRIEF_837P.replace("ST*837*0001*005010X222A1", "ST*837*0001")))
    assert set_report.accepted and set_report.implementation_ref == ""
