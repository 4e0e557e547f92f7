"""The member eligibility CSV: good rows become coverage records, bad rows are skipped by row and column."""

from datetime import date
from pathlib import Path

import pytest

from mainecare.domain.members.eligibility_file import MemberFileFormatError, SkippedRow, parse_member_csv
from mainecare.domain.members.spans import CoverageSpan

HEADER = "member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"
DEMO_FILE = Path(__file__).resolve().parents[2] / "events" / "reference" / "members_demo.csv"


def parse(body: str, header: str = HEADER):
    return parse_member_csv((header + body).encode())


def test_rows_become_one_record_per_member_with_every_span():
    parsed = parse("A1,Doe,Jane,1970-01-01,ACS,2024-01-01,2024-12-31\n"
                   "B2,Roe,John,1980-02-02,PHARMACY_ONLY,2025-01-01,\n"
                   "a1,DOE,jane,1970-01-01,anc,2025-01-01,\n")  # same member: id and names compare case-blind
    assert parsed.rows_read == 3 and parsed.skipped == ()
    first, second = parsed.members
    assert (first.member_id, first.last_name, first.first_name, first.birth_date) == ("A1", "Doe", "Jane",
                                                                                      date(1970, 1, 1))
    assert first.coverage == (CoverageSpan(date(2024, 1, 1), date(2024, 12, 31), "ACS"),
                              CoverageSpan(date(2025, 1, 1), None, "ANC"))
    assert second.coverage == (CoverageSpan(date(2025, 1, 1), None, "PHARMACY_ONLY"),)


def test_a_row_repeated_is_one_span():
    row = "A1,Doe,Jane,1970-01-01,ACS,2024-01-01,\n"
    assert parse(row + row).members[0].coverage == (CoverageSpan(date(2024, 1, 1), None, "ACS"),)


def test_bad_rows_are_skipped_by_row_and_column_never_their_values():
    parsed = parse("A1,Doe,Jane,1970-01-01,ACS,2024-01-01,\n"       # row 2: fine
                   "B2,Roe,John,1980-02-30,ACS,2024-01-01,\n"       # row 3: no 30 February
                   "C3,Poe,Jim,1980-02-02,ACS,01/01/2024,\n"        # row 4: not YYYY-MM-DD
                   "D4,,Ann,1980-02-02,ACS,2024-01-01,\n"           # row 5: no last name
                   "E5,Lee,Bo,1980-02-02,ACS,2024-05-01,2024-04-30\n"  # row 6: ends before it starts
                   "F 6,Kay,Al,1980-02-02,ACS,2024-01-01,\n"        # row 7: a space in the id
                   "A1,Doe,Jane,1971-01-01,ACS,2025-01-01,\n"       # row 8: another birth date for A1
                   "G7,Fay,Cy\n"                                    # row 9: cut short
                   "\n"                                             # a blank line is not a row
                   "H8,Ray,Di,1980-02-02,ACS,2024-01-01,,extra\n")  # row 11: more values than columns
    assert [m.member_id for m in parsed.members] == ["A1"]
    assert parsed.rows_read == 9
    assert parsed.skipped == (
        SkippedRow(3, "date_of_birth", "INVALID_DATE"), SkippedRow(4, "coverage_from", "INVALID_DATE"),
        SkippedRow(5, "last_name", "MISSING_VALUE"), SkippedRow(6, "coverage_to", "SPAN_ENDS_BEFORE_START"),
        SkippedRow(7, "member_id", "INVALID_FORMAT"),
        SkippedRow(8, "date_of_birth", "IDENTITY_DIFFERS_FROM_EARLIER_ROW"),
        SkippedRow(9, "date_of_birth", "MISSING_VALUE"), SkippedRow(11, "(extra values)", "TOO_MANY_VALUES"),
    )
    reported = repr([row.to_dict() for row in parsed.skipped])
    assert "Roe" not in reported and "1980" not in reported and "B2" not in reported


def test_a_missing_column_rejects_the_file_naming_the_column():
    with pytest.raises(MemberFileFormatError) as raised:
        parse("A1,Doe,Jane,1970-01-01,ACS,2024-01-01\n",
              header="member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from\n")
    assert raised.value.code == "MEMBER_FILE_COLUMNS_MISSING" and "coverage_to" in str(raised.value)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n"])
def test_an_empty_file_is_rejected(data):
    with pytest.raises(MemberFileFormatError) as raised:
        parse_member_csv(data)
    assert raised.value.code == "MEMBER_FILE_EMPTY"


def test_utf8_with_a_byte_order_mark_and_crlf_and_extra_columns_reads():
    text = ("\ufeffMember_ID , Last_Name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to,plan\r\n"
            "A1,Ñúñez,José,1970-01-01,ACS,2024-01-01,,whatever\r\n")
    [member] = parse_member_csv(text.encode("utf-8")).members
    assert (member.member_id, member.last_name, member.first_name) == ("A1", "Ñúñez", "José")


def test_bytes_that_are_not_utf8_skip_only_their_row_naming_the_column():
    latin1_row = b"B2,N\xfa\xf1ez,Jo,1980-02-02,ACS,2024-01-01,\n"  # Latin-1, not UTF-8
    data = (HEADER + "A1,Doe,Jane,1970-01-01,ACS,2024-01-01,\n").encode() + latin1_row
    parsed = parse_member_csv(data)
    assert [m.member_id for m in parsed.members] == ["A1"]
    assert parsed.skipped == (SkippedRow(3, "last_name", "NOT_UTF8"),)


def test_the_demo_file_reads_clean():
    parsed = parse_member_csv(DEMO_FILE.read_bytes())
    assert parsed.skipped == ()
    assert {"A12345678", "DEMO-0001", "DEMO-0011", "DEMO-0012"} <= {m.member_id for m in parsed.members}
