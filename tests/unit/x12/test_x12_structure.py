"""validate_structure on the project fixtures, the external sample corpus (skipped when it is not
beside the repo) and hand-made envelope problems."""

from __future__ import annotations

import io

import pytest
import x12_variants as variants
from x12_variants import BRIEF_837P

from tests.corpus import corpus_params, corpus_path, fixture
from x12.reader import X12FormatError
from x12.structure import validate_structure


def validate(text: str):
    return validate_structure(io.StringIO(text))


def only_set(report):
    (group,) = report.groups
    (set_report,) = group.sets
    return set_report


def structural(set_report) -> set[tuple[str, int, str, str]]:
    return {(e.segment_id, e.position, e.loop_id, e.code) for e in set_report.errors if e.code != "8"}


def element_errors(set_report) -> set[tuple[str, int, int, int, str]]:
    return {
        (e.segment_id, e.position, x.position, x.component, x.code)
        for e in set_report.errors
        for x in e.element_errors
    }


def sample(name: str) -> str:
    return corpus_path(name).read_text(encoding="latin-1")


def test_brief_example_is_accepted_with_its_counts():
    report = validate(BRIEF_837P)
    assert report.accepted and report.accepted_sets() == {("101", "0001")}
    assert (report.sender_id, report.receiver_id, report.usage_indicator) == ("SUBMITTERID", "MAINECARE", "T")
    group = report.groups[0]
    assert (group.functional_id, group.version, group.ack_code) == ("HC", "005010X222A1", "A")
    assert (group.included_count, group.received_count, group.accepted_count) == (1, 1, 1)
    assert only_set(report).claim_count == 1 and report.claim_count == 1


def test_brief_ctp04_missing_is_the_brief_rejection():
    set_report = only_set(validate(BRIEF_837P.replace("CTP****16*ML", "CTP*****ML")))
    assert not set_report.accepted and set_report.ik5_codes() == ["5"]
    (error,) = set_report.errors
    assert (error.segment_id, error.position, error.loop_id, error.code) == ("CTP", 28, "2410", "8")
    assert [(x.position, x.element_number, x.code) for x in error.element_errors] == [(4, "380", "1")]


@pytest.mark.parametrize(
    ("name", "sets", "claims"),
    [
        ("837p_two_subscribers.txt", {("201", "2001")}, 2),
        ("837p_drug_lines.txt", {("202", "2002")}, 1),
        ("837i_outpatient.txt", {("203", "2003")}, 1),
        ("837p_cob_patient.txt", {("204", "2004")}, 1),
        ("837p_other_delimiters.txt", {("205", "2005")}, 2),
        ("837_two_groups_three_sets.txt", {("2061", "0001"), ("2061", "0002"), ("2062", "0003")}, 4),
    ],
)
def test_project_fixtures_are_accepted_with_their_sets_and_claims(name, sets, claims):
    report = validate(fixture(name))
    assert report.accepted and report.accepted_sets() == sets
    assert report.claim_count == claims
    assert all(s.accepted and not s.errors for g in report.groups for s in g.sets)


def test_two_groups_of_different_guides_in_one_interchange():
    report = validate(fixture("837_two_groups_three_sets.txt"))
    assert [(g.version, g.included_count, g.accepted_count, g.ack_code) for g in report.groups] == [
        ("005010X222A1", 2, 2, "A"),
        ("005010X223A2", 1, 1, "A"),
    ]
    assert [s.claim_count for g in report.groups for s in g.sets] == [1, 1, 2]


@pytest.mark.parametrize("path", corpus_params())
def test_every_sample_gives_a_report_or_a_format_error(path):
    data = path.read_bytes()
    try:
        report = validate_structure(io.BytesIO(data))
    except X12FormatError:
        assert not data.lstrip().startswith(b"ISA")
        return
    sets = [s for g in report.groups for s in g.sets]
    assert sets
    for s in sets:
        assert s.accepted == (not s.errors and not s.set_errors)
    claims = "837" in path.name or path.parent.name != "lfh"
    if not claims or any(tag in path.name for tag in ("999", "277")) or path.parent.name == "lfh":
        # Not an 837P/837I we accept (a 999, a 277, or an lfh file labelled X222A2/X223A3).
        assert not report.accepted_sets()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("imsweb/x12_loop_errors1_exceeds_max_1_parent.txt", {("NM1", 13, "2010AA", "4")}),
        ("imsweb/x12_loop_errors2_exceeds_max_repeats_multiple_parents.txt", {("NM1", 32, "2010AA", "4")}),
        (
            "imsweb/x12_loop_errors3_missing_loops.txt",
            {("NM1", 7, "2010AA", "3"), ("NM1", 10, "2010AA", "3")},
        ),
        (
            "imsweb/x12_missing_required_loop_in_one_repeat.txt",
            {("NM1", 18, "2010BA", "3"), ("NM1", 19, "2010BA", "3")},
        ),
        (
            "imsweb/x12_missing_required_loops_mult_repeats.txt",
            {("LX", 33, "2400", "3"), ("LX", 58, "2400", "3")},
        ),
        ("imsweb/x12_segment_errors.txt", {("N3", 8, "2010AA", "3"), ("REF", 10, "2010AA", "5")}),
        (
            "imsweb/x12_segments_out_of_order.txt",
            {
                ("N4", 9, "2010AA", "3"),
                ("N4", 10, "2010AA", "1"),
                ("N3", 14, "2010AB", "3"),
                ("N3", 15, "2010AB", "1"),
            },
        ),
        ("imsweb/x12_bad_valid_code.txt", {("NM1", 7, "2000A", "1"), ("NM1", 13, "2010AA", "3")}),
    ],
)
def test_imsweb_error_files_produce_the_errors_their_names_say(name, expected):
    set_report = only_set(validate(sample(name)))
    assert expected <= structural(set_report)


def test_bad_segment_identifiers_are_unrecognized_segments():
    found = structural(only_set(validate(sample("imsweb/x12_bad_segment_identifier.txt"))))
    unrecognized = {(sid, pos) for sid, pos, _, code in found if code == "1"}
    assert {("", 4), ("Nd4", 9), ("NM31", 18)} <= unrecognized


def test_missing_elements_are_required_element_errors():
    found = element_errors(only_set(validate(sample("imsweb/x12_missing_elements.txt"))))
    assert ("NM1", 5, 2, 0, "1") in found  # NM102 of the receiver
    assert ("CLM", 29, 5, 0, "1") in found  # CLM05, the whole composite


def test_bad_first_line_is_an_interchange_error():
    report = validate(sample("imsweb/x12_bad_first_line.txt"))
    assert [e.code for e in report.interchange_errors] == ["011"]  # ISA02 not 10 characters
    assert not report.accepted and report.accepted_sets() == set()


def test_multiple_groups_isas_and_sets():
    gs = validate(sample("imsweb/x12_multiple_gs.txt"))
    assert [g.errors for g in gs.groups] == [[], ["19"], ["19"]]  # GS06 repeated
    assert [e.code for e in gs.interchange_errors] == ["021"]  # IEA01 says 1 group
    isa = validate(sample("imsweb/x12_multiple_isa.txt"))
    assert len(isa.groups) == 2 and not isa.interchange_errors
    st = validate(sample("imsweb/x12_multiple_st.txt"))
    (group,) = st.groups
    assert group.errors == ["5"] and "23" in group.sets[1].ik5_codes()


def test_no_isa_samples_are_format_errors():
    for name in ("imsweb/x12_no_isa_line.txt", "databricks/malformed_CC_837I_EDI.txt"):
        with pytest.raises(X12FormatError):
            validate(sample(name))


def test_parser_fixtures_fail_only_for_their_known_faults():
    # imsweb's "valid" files say SE01 25 and write HI*BK*8901 with * where : belongs.
    for name in ("x12_valid.txt", "x12_no_errors.txt", "x12_valid_different_separators.txt"):
        set_report = only_set(validate(sample(f"imsweb/{name}")))
        assert "4" in set_report.ik5_codes()
        assert {e.segment_id for e in set_report.errors} <= {"HI", "HL", "CLM", "LX"}


def test_databricks_samples():
    assert validate(sample("databricks/837p.txt")).accepted_sets() == {("101", "1239")}
    for name in ("databricks/CC_837P_EDI.txt", "databricks/CC_837I_EDI.txt"):
        assert ("N4", 20, 2, 0, "7") in element_errors(only_set(validate(sample(name))))  # state "NA"
    chpw = validate(sample("databricks/CHPW_Claimdata.txt"))
    assert [s.accepted for s in chpw.groups[0].sets] == [True, False, False, False, False]
    assert chpw.groups[0].ack_code == "P"
    molina = validate(sample("databricks/Molina_Mock_UP_837P_File.txt"))
    assert [e.code for e in molina.interchange_errors] == ["001"] and molina.accepted_sets() == set()


_LFH_VALID = {
    "demo.drug.example10.1.837", "demo.drug.example10.2.837", "demo.drug.example10.3.837", "demo.837",
    "demo.example1.837", "demo.example2.837", "demo.example7.837", "demo.example8.837",
    "demo.autoaccident.837", "demo.cob.example3.B.837", "demo.cob.example3.C.837",
}  # fmt: skip


@pytest.mark.parametrize("path", corpus_params([p for p in variants.sample_files() if p.parent.name == "lfh"]))
def test_lfh_samples(path):
    text = path.read_text(encoding="latin-1")
    unsupported = validate(text)
    assert unsupported.groups[0].errors == ["2"] and only_set(unsupported).ik5_codes() == ["I6"]
    assert only_set(validate(variants.relabel(text))).accepted == (path.name in _LFH_VALID)


def test_non_claim_transactions_are_not_supported():
    for name in ("imsweb/x12_999_accepted.txt", "imsweb/x12_277CA_accepted.txt"):
        report = validate(sample(name))
        assert report.groups[0].errors[:1] == ["1"] and only_set(report).ik5_codes() == ["1"]


def test_claim_counts():
    assert validate(sample("imsweb/x12_many_claims.txt")).claim_count == 820
    assert validate(sample("imsweb/x12_multiple_transactions.txt")).claim_count == 624
    assert validate(sample("imsweb/x12_complex.txt")).claim_count == 6
