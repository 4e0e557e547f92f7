"""Streaming reader: delimiters from the ISA, line-break tolerance, chunk boundaries, non-X12."""

from __future__ import annotations

import io

import pytest
import x12_variants as variants

from tests.corpus import corpus_path, fixture, fixture_files, require_corpus
from x12.reader import X12FormatError, iter_segments, open_segments, read_delimiters
from x12.segments import Delimiters, Segment

ISA = (
    "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*MAINECARE      *260415*1030*^*00501"
    "*000000101*0*T*:~"
)
SMALL = (
    ISA + "GS*HC*S*R*20260415*1030*101*X*005010X222A1~ST*837*0001*005010X222A1~SE*2*0001~GE*1*101~"
    "IEA*1*000000101~"
)


def segments(text: str, chunk_size: int = 1 << 16) -> list[tuple[str, list[str]]]:
    return list(iter_segments(io.StringIO(text), chunk_size))


def test_standard_delimiters_come_from_the_isa():
    assert read_delimiters(ISA) == Delimiters(element="*", component=":", repetition="^", segment="~")
    assert read_delimiters(ISA.encode("latin-1")) == read_delimiters(ISA)


def test_other_delimiters_fixture():
    text = fixture("837p_other_delimiters.txt")
    assert read_delimiters(text[:200]) == Delimiters(element="|", component="^", repetition="!", segment="}")
    read = segments(text)
    assert [seg_id for seg_id, _ in read[:4]] == ["ISA", "GS", "ST", "BHT"]
    assert read[2][1] == ["837", "2005", "005010X222A1"]
    assert ("SV1", ["HC^90834^HO", "90", "UN", "1", "", "", "1^2"]) in read


def test_different_separators_sample():
    path = corpus_path("imsweb/x12_valid_different_separators.txt")
    head = path.read_bytes()[:200]
    delimiters = read_delimiters(head)
    assert delimiters == Delimiters(element="~", component="^", repetition="", segment="_")
    with path.open("rb") as f:
        read = list(iter_segments(f))
    assert [seg_id for seg_id, _ in read[:4]] == ["ISA", "GS", "ST", "BHT"]
    assert read[2][1] == ["837", "987654", "005010X222A1"]


def test_4010_style_repetition_u_is_not_a_separator():
    # ISA11 "U" (the 4010 standards id) would split any data containing a U.
    isa = ISA.replace("*^*00501", "*U*00501")
    assert read_delimiters(isa).repetition == ""


def test_a_non_fixed_width_isa_is_still_read():
    isa = ISA.replace("*          *00*", "*         *00*", 1)  # ISA02 one space short
    assert read_delimiters(isa).component == ":"
    assert segments(isa + "GS*HC~")[1] == ("GS", ["HC"])


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r", "\n\n"])
def test_line_breaks_after_terminators_are_tolerated(line_end):
    text = SMALL.replace("~", "~" + line_end)
    assert segments(text) == segments(SMALL)


def test_newline_as_the_segment_terminator():
    text = SMALL.replace("~", "\n")
    assert read_delimiters(text).segment == "\n"
    assert [s for s, _ in segments(text)] == ["ISA", "GS", "ST", "SE", "GE", "IEA"]
    assert segments(text.replace("\n", "\r\n")) == segments(text)


def test_leading_blank_lines_and_a_byte_order_mark_are_skipped():
    assert segments("\n\n  " + SMALL)[0][0] == "ISA"
    data = b"\xef\xbb\xbf" + SMALL.encode("latin-1")
    assert list(iter_segments(io.BytesIO(data)))[0][0] == "ISA"


def test_latin1_bytes_round_trip():
    text = SMALL.replace("GS*HC*S", "GS*HC*S\xe9")
    (gs,) = [e for s, e in iter_segments(io.BytesIO(text.encode("latin-1"))) if s == "GS"]
    assert gs[1] == "S\xe9"


@pytest.mark.parametrize("chunk_size", [1, 7, 106, 107, 4096])
def test_chunk_boundaries_do_not_change_segments(chunk_size):
    assert segments(SMALL, chunk_size) == segments(SMALL)


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_chunk_size_7_and_line_breaks_do_not_change_a_fixture(path):
    data = path.read_bytes()
    big = list(iter_segments(io.BytesIO(data), 1 << 16))
    assert list(iter_segments(io.BytesIO(data), 7)) == big
    unbroken = data.replace(b"\r", b"").replace(b"\n", b"")
    assert list(iter_segments(io.BytesIO(unbroken))) == big


def test_chunk_size_7_matches_64k_on_every_sample():
    require_corpus()
    for path in variants.sample_files():
        data = path.read_bytes()
        try:
            big = list(iter_segments(io.BytesIO(data), 1 << 16))
        except X12FormatError:
            with pytest.raises(X12FormatError):
                list(iter_segments(io.BytesIO(data), 7))
            continue
        assert list(iter_segments(io.BytesIO(data), 7)) == big, path.name


def test_a_truncated_last_segment_is_still_yielded():
    assert segments(SMALL[:-1])[-1] == ("IEA", ["1", "000000101"])


@pytest.mark.parametrize(
    "text",
    ["", "   \n", "GS*HC*SENDER~", "<?xml version='1.0'?><claims/>", "ISA*00", "ISA*00*x*y"],
)
def test_input_that_is_not_x12_is_refused(text):
    with pytest.raises(X12FormatError):
        open_segments(io.StringIO(text))


def test_no_isa_sample_is_refused_with_a_clear_message():
    path = corpus_path("imsweb/x12_no_isa_line.txt")
    with pytest.raises(X12FormatError, match="expected 'ISA'"), path.open("rb") as f:
        iter_segments(f)


def test_unusable_delimiters_are_refused():
    with pytest.raises(X12FormatError, match="delimiters"):
        read_delimiters(ISA.replace("*:~", "*:*"))


def test_reading_is_lazy_and_bounded():
    # A generator of 200k claims' worth of segments never needs the whole text in memory.
    class Endless(io.RawIOBase):
        def __init__(self) -> None:
            self.sent = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = (ISA if self.sent == 0 else "LX*1~" * 50).encode()[: len(buffer)]
            buffer[: len(chunk)] = chunk
            self.sent += 1
            return len(chunk)

    stream = io.BufferedReader(Endless())
    reader = iter_segments(stream, chunk_size=256)
    for _ in range(200_000):
        next(reader)


def test_segment_accessors():
    segment = Segment("SV1", ("SV1", "HC:J9035:JG", "6000", "UN", "40", "", "", "1"), 25, "2400")
    assert segment.element(1) == "HC:J9035:JG"
    assert segment.element(2) == "6000" and segment.element(30) == "" and segment.element(0) == ""
    assert segment.component(1, 2) == "J9035" and segment.component(1, 3) == "JG"
    assert segment.component(1, 9) == "" and segment.component(9, 1) == ""
    assert segment.repeats(7) == ["1"] and segment.repeats(5) == []
    repeated = Segment("HI", ("HI", "ABK:C189^ABF:Z510"), 20)
    assert repeated.repeats(1) == ["ABK:C189", "ABF:Z510"]
    assert segment.to_x12() == "SV1*HC:J9035:JG*6000*UN*40***1~"
    assert Segment("CLM", ("CLM",), 1).element(1) == ""  # an id alone has no elements


def test_a_segment_built_in_code_must_lead_its_elements_with_its_id():
    with pytest.raises(ValueError, match="must start with the id"):
        Segment("SV1", ("HC:J9035", "6000"), 25, "2400")
    with pytest.raises(ValueError, match="must start with the id"):
        Segment("SV1", (), 25, "2400")
