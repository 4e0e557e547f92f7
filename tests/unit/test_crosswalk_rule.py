import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from mainecare.domain.crosswalks import (
    AspFile,
    CrosswalkFormatError,
    PdacFile,
    PdacRelationship,
    parse_asp_csv,
    parse_pdac,
)
from mainecare.domain.crosswalks.index import (
    OPEN_END_ORDINAL,
    AspQuarterIndex,
    CrosswalkIndex,
    Match,
    PairCheck,
    PdacIndex,
    asp_index_from_artifact,
    asp_index_from_file,
    pdac_index_from_artifact,
    pdac_index_from_file,
    to_artifact,
)
from mainecare.domain.ndc import normalize_ndc

AVASTIN = "50242006001"
ALBUTEROL = "12345678901"


def _asp(quarter: str, *pairs: tuple[str, str]) -> AspQuarterIndex:
    return asp_index_from_file(AspFile(version=quarter, pairs=set(pairs)))


def _pdac(*relationships: PdacRelationship, version: str = "2026-11-01") -> PdacIndex:
    return pdac_index_from_file(PdacFile(version=version, relationships=list(relationships)))


Q1 = _asp("2026Q1", (AVASTIN, "J9035"))
Q2 = _asp("2026Q2", ("50242006101", "J9035"))
PDAC = _pdac(
    PdacRelationship(ALBUTEROL, "J7613", date(2020, 1, 1), None),
    PdacRelationship("12345678903", "J7613", date(2026, 2, 10), date(2026, 5, 20)),
    PdacRelationship("12345678903", "J7611", date(2026, 1, 1), None),
)


def test_quarter_edges_pick_the_quarter_containing_the_dos():
    index = CrosswalkIndex(asp={"2026Q1": Q1, "2026Q2": Q2}, pdac=PDAC)
    assert index.check_pair(AVASTIN, "J9035", date(2026, 3, 31)) == PairCheck(True, (Match("ASP", "2026Q1"),))
    late = index.check_pair(AVASTIN, "J9035", date(2026, 4, 1))
    assert late.valid is False
    assert late.errors[0].code == "NDC_HCPCS_PAIR_NOT_IN_EFFECT"
    assert "CMS ASP lists them in 2026Q1 but not 2026Q2" in late.errors[0].message
    assert index.check_pair("50242006101", "J9035", date(2026, 4, 1)).matched == (Match("ASP", "2026Q2"),)
    assert index.check_pair("50242006101", "J9035", date(2026, 3, 31)).valid is False


@pytest.mark.parametrize(
    "dos, valid",
    [
        (date(2026, 2, 9), False),  # day before start
        (date(2026, 2, 10), True),  # start is inclusive
        (date(2026, 5, 20), True),  # end is inclusive
        (date(2026, 5, 21), False),  # day after end
    ],
)
def test_pdac_dates_are_inclusive(dos, valid):
    index = CrosswalkIndex(asp={"2026Q1": Q1, "2026Q2": Q2}, pdac=PDAC)
    check = index.check_pair("12345678903", "J7613", dos)
    assert check.valid is valid
    if valid:
        assert check.matched == (Match("PDAC", "2026-11-01"),)
        assert check.errors == ()
    else:
        (error,) = check.errors
        assert error.code == "NDC_HCPCS_PAIR_NOT_IN_EFFECT"
        assert "PDAC 2026-11-01 pairs them only from 2026-02-10 to 2026-05-20" in error.message
        # The NDC's other code in effect on that date is offered as the likely fix.
        assert error.candidates == ("J7611",)


def test_open_end_lasts_forever():
    index = CrosswalkIndex(asp={"2026Q1": Q1, "2026Q2": Q2}, pdac=PDAC)
    assert index.check_pair(ALBUTEROL, "J7613", date(2026, 6, 30)).matched == (Match("PDAC", "2026-11-01"),)
    index_far = CrosswalkIndex(asp={"2099Q4": _asp("2099Q4")}, pdac=PDAC)
    assert index_far.check_pair(ALBUTEROL, "J7613", date(2099, 12, 31)).valid is True
    assert PDAC.by_ndc[ALBUTEROL] == (("J7613", date(2020, 1, 1).toordinal(), OPEN_END_ORDINAL),)


def test_either_list_passes_and_both_are_reported():
    both = _pdac(PdacRelationship(AVASTIN, "J9035", date(2019, 1, 1), None))
    index = CrosswalkIndex(asp={"2026Q1": Q1}, pdac=both)
    check = index.check_pair(AVASTIN, "j9035", date(2026, 1, 15))
    assert check.valid is True
    assert check.matched == (Match("ASP", "2026Q1"), Match("PDAC", "2026-11-01"))


def test_asp_quarter_not_loaded_is_unknown_not_invalid():
    index = CrosswalkIndex(asp={"2026Q1": Q1}, pdac=PDAC)
    check = index.check_pair("50242006101", "J9035", date(2026, 4, 10))
    assert check.valid is None
    assert check.matched == ()
    (error,) = check.errors
    assert error.code == "ASP_QUARTER_NOT_LOADED"
    assert error.message.startswith("No CMS ASP crosswalk is loaded for 2026Q2;")


def test_pdac_not_loaded_is_unknown():
    index = CrosswalkIndex(asp={"2026Q2": Q2})
    check = index.check_pair(ALBUTEROL, "J7613", date(2026, 4, 10))
    assert check.valid is None
    assert [e.code for e in check.errors] == ["PDAC_NOT_LOADED"]


def test_nothing_loaded_reports_both_sources():
    check = CrosswalkIndex().check_pair(AVASTIN, "J9035", date(2026, 4, 10))
    assert check.valid is None
    assert [e.code for e in check.errors] == ["ASP_QUARTER_NOT_LOADED", "PDAC_NOT_LOADED"]


def test_matched_on_pdac_alone_while_asp_quarter_missing():
    index = CrosswalkIndex(asp={"2026Q1": Q1}, pdac=PDAC)
    check = index.check_pair(ALBUTEROL, "J7613", date(2026, 7, 1))
    assert check.valid is True
    assert check.matched == (Match("PDAC", "2026-11-01"),)
    assert check.errors == ()


def test_not_found_lists_other_codes_of_a_known_ndc():
    index = CrosswalkIndex(asp={"2026Q2": Q2}, pdac=PDAC)
    check = index.check_pair(ALBUTEROL, "J7626", date(2026, 4, 10))
    assert check.valid is False
    (error,) = check.errors
    assert error.code == "NDC_HCPCS_PAIR_NOT_FOUND"
    assert "on 2026-04-10 NDC 12345678901 is listed with J7613" in error.message
    assert error.candidates == ("J7613",)


def test_not_found_for_unknown_ndc():
    index = CrosswalkIndex(asp={"2026Q2": Q2}, pdac=PDAC)
    (error,) = index.check_pair("99999999999", "J9035", date(2026, 4, 10)).errors
    assert error.code == "NDC_HCPCS_PAIR_NOT_FOUND"
    assert "NDC 99999999999 is on none of the loaded crosswalks" in error.message
    assert error.candidates == ()


def test_approved_pairs_count_from_their_effective_date():
    approved = {("11111111111", "J3490"): date(2026, 5, 1)}
    index = CrosswalkIndex(asp={"2026Q2": Q2}, pdac=PDAC, approved=approved)
    on_day = index.check_pair("11111111111", "J3490", date(2026, 5, 1))
    assert on_day.matched == (Match("APPROVED", "2026-05-01"),)
    assert index.check_pair("11111111111", "J3490", date(2026, 4, 30)).valid is False
    assert index.is_known_ndc("11111111111") is True


def test_is_known_ndc_and_versions():
    index = CrosswalkIndex(asp={"2026Q2": Q2, "2026Q1": Q1}, pdac=PDAC)
    assert index.is_known_ndc(AVASTIN) is True
    assert index.is_known_ndc(ALBUTEROL) is True
    assert index.is_known_ndc("00000000000") is False
    assert index.versions() == {"asp": ["2026Q1", "2026Q2"], "pdac": "2026-11-01"}
    assert CrosswalkIndex().versions() == {"asp": [], "pdac": None}


def test_ten_digit_ndc_resolved_against_the_index():
    index = CrosswalkIndex(asp={"2026Q1": Q1})
    parsed = normalize_ndc("5024206001", is_known=index.is_known_ndc)
    assert (parsed.ndc11, parsed.resolved_by_reference) == (AVASTIN, True)


def test_artifact_round_trip_through_json():
    retacrit = (("00069130510", "Q5105"), ("00069130510", "Q5106"))
    asp_artifact = to_artifact(_asp("2026Q2", (AVASTIN, "J9035"), *retacrit))
    assert asp_artifact == {
        "source": "ASP",
        "version": "2026Q2",
        "format": 1,
        "pairs": {"00069130510": ["Q5105", "Q5106"], AVASTIN: ["J9035"]},
    }
    pdac_artifact = to_artifact(PDAC)
    start = date(2026, 2, 10).toordinal()
    assert pdac_artifact["relationships"]["12345678903"] == [
        ["J7611", date(2026, 1, 1).toordinal(), None],
        ["J7613", start, date(2026, 5, 20).toordinal()],
    ]
    stored = gzip.compress(json.dumps(asp_artifact).encode())
    asp_back = asp_index_from_artifact(json.loads(gzip.decompress(stored)))
    pdac_back = pdac_index_from_artifact(json.loads(json.dumps(pdac_artifact)))
    assert asp_back == _asp("2026Q2", (AVASTIN, "J9035"), *retacrit)
    assert pdac_back == PDAC
    index = CrosswalkIndex(asp={"2026Q2": asp_back}, pdac=pdac_back)
    assert index.check_pair("00069130510", "Q5106", date(2026, 6, 30)).valid is True
    assert index.check_pair(ALBUTEROL, "J7613", date(2030, 1, 1)).valid is True


@pytest.mark.parametrize(
    "artifact",
    [
        {"source": "PDAC", "version": "x", "format": 1, "relationships": {}},
        {"source": "ASP", "version": "2026Q2", "format": 2, "pairs": {}},
        {"source": "ASP", "format": 1, "pairs": {}},
    ],
)
def test_bad_asp_artifact_is_refused(artifact):
    with pytest.raises(CrosswalkFormatError) as info:
        asp_index_from_artifact(artifact)
    assert info.value.code == "ARTIFACT_INVALID"


REFERENCE = Path(__file__).resolve().parents[2] / "events" / "reference"


@pytest.fixture(scope="module")
def reference_index() -> CrosswalkIndex:
    asp = {}
    for name in ("asp_2026_april.csv", "asp_2025_october.csv"):
        parsed = parse_asp_csv((REFERENCE / name).read_bytes(), file_name=name)
        asp[parsed.version] = asp_index_from_file(parsed)
    name = "pdac_2026-11-01.csv"
    pdac = pdac_index_from_file(parse_pdac((REFERENCE / name).read_bytes(), file_name=name))
    return CrosswalkIndex(asp=asp, pdac=pdac)


# The "worked outcomes" table of events/reference/README.md, so the README cannot drift.
@pytest.mark.parametrize(
    "ndc11, hcpcs, dos, valid, outcome",
    [
        ("50242006101", "J9035", date(2026, 4, 10), True, "ASP"),
        ("00069130510", "Q5105", date(2026, 5, 1), True, "ASP"),
        ("00069130510", "Q5106", date(2026, 5, 1), True, "ASP"),
        ("12345678901", "J7613", date(2026, 4, 10), True, "PDAC"),
        ("12345678901", "J7613", date(2026, 7, 1), True, "PDAC"),
        ("12345678905", "J7613", date(2026, 3, 31), True, "PDAC"),
        ("12345678905", "J7613", date(2026, 4, 1), False, "NDC_HCPCS_PAIR_NOT_IN_EFFECT"),
        ("12345678908", "J7644", date(2026, 5, 14), False, "NDC_HCPCS_PAIR_NOT_IN_EFFECT"),
        ("12345678908", "J7644", date(2026, 5, 15), True, "PDAC"),
        ("00052060202", "J9030", date(2025, 11, 15), True, "ASP"),
        ("00052060202", "J9030", date(2026, 4, 10), False, "NDC_HCPCS_PAIR_NOT_IN_EFFECT"),
        ("12345678904", "J9035", date(2026, 4, 10), False, "NDC_HCPCS_PAIR_NOT_FOUND"),
        ("12345678904", "J7613", date(2022, 6, 1), None, "ASP_QUARTER_NOT_LOADED"),
        ("50242006001", "J9035", date(2023, 12, 31), True, "PDAC"),
        ("50242006001", "J9035", date(2024, 1, 2), None, "ASP_QUARTER_NOT_LOADED"),
    ],
)
def test_reference_readme_outcomes(reference_index, ndc11, hcpcs, dos, valid, outcome):
    check = reference_index.check_pair(ndc11, hcpcs, dos)
    assert check.valid is valid
    if valid:
        assert [m.source for m in check.matched] == [outcome]
    else:
        assert [e.code for e in check.errors] == [outcome]


def test_reference_ten_digit_resolution(reference_index):
    parsed = normalize_ndc("5024206001", is_known=reference_index.is_known_ndc)
    assert (parsed.ndc11, parsed.resolved_by_reference) == ("50242006001", True)
