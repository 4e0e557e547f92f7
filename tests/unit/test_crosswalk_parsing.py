from datetime import date
from pathlib import Path

import pytest

from mainecare.domain.crosswalks import (
    CrosswalkFormatError,
    PdacRelationship,
    parse_asp_csv,
    parse_pdac,
    quarter_bounds,
    quarter_from_text,
    quarter_of,
)

REFERENCE = Path(__file__).resolve().parents[2] / "events" / "reference"


def _asp_bytes(code_col: str, ndc_col: str, title: str | None, rows: list[str]) -> bytes:
    preamble = [
        title or "ASP NDC-HCPCS Crosswalk",
        "",
        "Presence of an NDC in this file does not indicate Medicare coverage.",
        "Some rows list an alternate product identifier.",
        "CPT codes and descriptions only are copyright \u00a9 American Medical Association.",
        "",
        "",
        "",
    ]
    header = (
        f"{code_col},Short Description,LABELER NAME,{ndc_col},Drug Name,"
        "HCPCS dosage,PKG SIZE,PKG QTY,BILLUNITS,BILLUNITSPKG"
    )
    return "\r\n".join([*preamble, header, *rows, ""]).encode("latin-1")


ROWS_2025 = [
    'J9035,"Injection, bevacizumab, 10 mg","Genentech, Inc.",50242-0060-01,Avastin\u00ae,10 MG,4,1,10,10',
    'J9035,"Injection, bevacizumab, 10 mg","Genentech, Inc.",50242-0061-01,Avastin\u00ae,10 MG,16,1,40,40',
    "Q5105,Inj retacrit esrd,Pfizer,00069-1305-10,Retacrit,100 UNITS,1,10,20,200",
    "Q5106,Inj retacrit non-esrd,Pfizer,00069-1305-10,Retacrit,1000 UNITS,1,10,2,20",
    "J7331,Hyaluronan intra-articular,Bioventus,HA-0000417,Durolane,1 DOSE,1,1,1,1",
    "j1100,Injection dexam\u00e9thasone,Fresenius,63323-0165-01,Dexamethasone,1 MG,1,25,4,100",
    ",,,,,,,,,",
]


def test_asp_2025_layout_with_ndc2_column():
    data = _asp_bytes("_2025_CODE", "NDC2", "October 2025 ASP NDC-HCPCS Crosswalk", ROWS_2025)
    assert b"\xae" in data and b"\xe9" in data  # really Latin-1, not UTF-8
    parsed = parse_asp_csv(data)
    assert parsed.version == "2025Q4"
    assert parsed.pairs == {
        ("50242006001", "J9035"),
        ("50242006101", "J9035"),
        ("00069130510", "Q5105"),
        ("00069130510", "Q5106"),
        ("63323016501", "J1100"),
    }
    assert parsed.rows_read == 6  # the all-empty row is not a data row
    assert parsed.rows_skipped == 1  # the alternate-id row


def test_asp_oct_2026_layout_with_ndc_column():
    rows = [
        'J9035,"Injection, bevacizumab, 10 mg","Genentech, Inc.",50242-0060-01,Avastin\u00ae,10 MG,4,1,10,10',
        "J7331,Hyaluronan \u00e9,Bioventus,NOT AN NDC,Durolane,1 DOSE,1,1,1,1",
    ]
    parsed = parse_asp_csv(_asp_bytes("_2026_CODE", "NDC", "October 2026 ASP NDC-HCPCS Crosswalk", rows))
    assert parsed.version == "2026Q4"
    assert parsed.pairs == {("50242006001", "J9035")}
    assert (parsed.rows_read, parsed.rows_skipped) == (2, 1)


def test_asp_header_accepts_hcpcs_name_and_utf8_bom():
    data = b"\xef\xbb\xbf" + _asp_bytes("HCPCS Code", "NDC", "July 2026 crosswalk", ROWS_2025[:1])
    parsed = parse_asp_csv(data)
    assert parsed.version == "2026Q3"
    assert parsed.pairs == {("50242006001", "J9035")}


def test_asp_header_found_at_row_nine():
    data = _asp_bytes("_2025_code", "NDC2", "April 2026 ASP NDC-HCPCS Crosswalk", ROWS_2025[:1])
    lines = data.decode("latin-1").split("\r\n")
    assert lines[8].startswith("_2025_code")
    assert parse_asp_csv(data).pairs == {("50242006001", "J9035")}


@pytest.mark.parametrize(
    "file_name, quarter",
    [
        ("2026-april-asp-crosswalk.csv", "2026Q2"),
        ("Apr2026_ASP_NDC-HCPCS.csv", "2026Q2"),
        ("asp-crosswalk-2026Q2.csv", "2026Q2"),
        ("january-2026-ndc-hcpcs.csv", "2026Q1"),
    ],
)
def test_asp_quarter_from_file_name(file_name, quarter):
    data = _asp_bytes("_2026_CODE", "NDC", None, ROWS_2025[:1])
    assert parse_asp_csv(data, file_name=file_name).version == quarter


def test_asp_version_argument_wins_over_title():
    data = _asp_bytes("_2026_CODE", "NDC", "April 2026 ASP NDC-HCPCS Crosswalk", ROWS_2025[:1])
    assert parse_asp_csv(data, version="2026q3").version == "2026Q3"


def test_asp_quarter_unknown():
    data = _asp_bytes("_2026_CODE", "NDC", None, ROWS_2025[:1])
    with pytest.raises(CrosswalkFormatError) as info:
        parse_asp_csv(data, file_name="crosswalk.csv")
    assert info.value.code == "ASP_QUARTER_UNKNOWN"


def test_asp_header_not_found():
    with pytest.raises(CrosswalkFormatError) as info:
        parse_asp_csv(b"April 2026\r\nfoo,bar\r\n1,2\r\n")
    assert info.value.code == "ASP_HEADER_NOT_FOUND"
    assert info.value.to_rule_error().code == "ASP_HEADER_NOT_FOUND"


def test_quarter_helpers():
    assert quarter_of(date(2026, 3, 31)) == "2026Q1"
    assert quarter_of(date(2026, 4, 1)) == "2026Q2"
    assert quarter_of(date(2026, 12, 31)) == "2026Q4"
    assert quarter_bounds("2026Q2") == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_bounds("2024Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds("2026Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_from_text("Effective April 1, 2026 through June 30, 2026") == "2026Q2"
    assert quarter_from_text("doctor market notes 2026") is None
    with pytest.raises(ValueError):
        quarter_bounds("2026Q5")


PDAC_HEADER = [
    "NDC", "NDC Mod", "HCPCS", "HCPCS Mod", "Relationship Start Date", "Relationship End Date",
    "HCPCS Description", "NDC Label", "Number of Items in NDC Package", "CF",
]  # fmt: skip
PDAC_ROWS = [
    ["12345678901", "", "J7613", "", "01/01/2020", "", "Albuterol, inh sol, 1 mg", "ALBUTEROL", "3", "0.8"],
    ["12345678902", "", "j7613", "", "2020-01-01", "12/31/9999", "Albuterol", "ALBUTEROL", "25", "0.8"],
    ["12345678903", "", "J7613", "", "20190701", "20240630", "Albuterol", "ALBUTEROL", "30", "0.8"],
    ["2345678901", "", "J7626", "", "10/1/2020", "", "Budesonide", "BUDESONIDE", "30", "2"],
    ["987654321", "", "J7605", "", "02/01/2024", "99991231", "Arformoterol", "ARFORMOTEROL", "60", "2"],
    ["12345-6789-04", "", "J7620", "", "01/01/2022", "", "Ipratropium-albuterol", "IPRA-ALB", "30", "3"],
    ["N/A", "", "J7613", "", "01/01/2020", "", "bad ndc", "X", "1", "1"],
    ["12345678905", "", "J7613", "", "13/45/2020", "", "bad date", "X", "1", "1"],
    ["12345678906", "", "J7613", "", "01/01/2020", "01/01/2019", "end before start", "X", "1", "1"],
]
EXPECTED_RELATIONSHIPS = [
    PdacRelationship("12345678901", "J7613", date(2020, 1, 1), None),
    PdacRelationship("12345678902", "J7613", date(2020, 1, 1), None),
    PdacRelationship("12345678903", "J7613", date(2019, 7, 1), date(2024, 6, 30)),
    PdacRelationship("02345678901", "J7626", date(2020, 10, 1), None),
    PdacRelationship("00987654321", "J7605", date(2024, 2, 1), None),
    PdacRelationship("12345678904", "J7620", date(2022, 1, 1), None),
]


def _pdac_bytes(delimiter: str) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows([PDAC_HEADER, *PDAC_ROWS])
    return buf.getvalue().encode("latin-1")


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_pdac_comma_and_tab(delimiter):
    parsed = parse_pdac(_pdac_bytes(delimiter), file_name="pdac_2026-11-01.csv")
    assert parsed.version == "2026-11-01"
    assert parsed.relationships == EXPECTED_RELATIONSHIPS
    assert (parsed.rows_read, parsed.rows_skipped) == (9, 3)


def test_pdac_header_names_match_loosely():
    header = "ndc\tndc mod\tHcpcs\thcpcs_mod\tRELATIONSHIP START DATE\tRelationship  End-Date\r\n"
    data = (header + "12345678901\t\tJ7613\t\t01/01/2020\t\r\n").encode()
    parsed = parse_pdac(data, version="2026-11")
    assert parsed.version == "2026-11"
    assert parsed.relationships == [PdacRelationship("12345678901", "J7613", date(2020, 1, 1), None)]


@pytest.mark.parametrize(
    "file_name, version",
    [
        ("PDAC_20261101.txt", "2026-11-01"),
        ("ndc_hcpcs_2026_10.csv", "2026-10"),
        ("xwalk-2026-09.csv", "2026-09"),
    ],
)
def test_pdac_version_from_file_name(file_name, version):
    assert parse_pdac(_pdac_bytes(","), file_name=file_name).version == version


def test_pdac_version_falls_back_to_latest_start():
    assert parse_pdac(_pdac_bytes(",")).version == "2024-02-01"


def test_pdac_header_not_found():
    with pytest.raises(CrosswalkFormatError) as info:
        parse_pdac(b"NDC,HCPCS\r\n12345678901,J7613\r\n")
    assert info.value.code == "PDAC_HEADER_NOT_FOUND"


def test_reference_files_parse():
    april = parse_asp_csv((REFERENCE / "asp_2026_april.csv").read_bytes())
    october = parse_asp_csv((REFERENCE / "asp_2025_october.csv").read_bytes())
    pdac_name = "pdac_2026-11-01.csv"
    pdac = parse_pdac((REFERENCE / pdac_name).read_bytes(), file_name=pdac_name)

    def counts(parsed, items):
        return parsed.version, parsed.rows_read, parsed.rows_skipped, len(items)

    assert counts(april, april.pairs) == ("2026Q2", 15, 1, 14)
    assert counts(october, october.pairs) == ("2025Q4", 10, 1, 9)
    assert counts(pdac, pdac.relationships) == ("2026-11-01", 15, 0, 15)
    assert ("00703514501", "J9060") in april.pairs
    assert PdacRelationship("00987654321", "J7605", date(2024, 2, 1), None) in pdac.relationships
