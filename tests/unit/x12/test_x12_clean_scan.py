"""The fast path (clean_scan + clean_grammar) against the slow validator, the source of truth.

The one property that matters: the fast path answers only for a flawless file, and then with the
very report the slow path builds; for anything else it answers None and validate_structure falls
back. Every injected variant, MaineCare rule, project fixture, corpus file and layout below is held to it, and the
clean bases must actually take the fast path (or the speed-up silently disappears).
"""

from __future__ import annotations

import io

import pytest
from x12_variants import PYX12_VARIANTS, base_texts, build, ndc_variants

from tests.corpus import corpus_params, fixture, fixture_files
from x12 import clean_scan
from x12.clean_scan import scan_clean
from x12.reader import X12FormatError
from x12.structure import validate_segments, validate_structure


def flawless(report) -> bool:
    return report.accepted and all(
        not g.errors and all(s.accepted and not s.errors for s in g.sets) for g in report.groups
    )


def assert_agrees(text: str) -> bool:
    """The fast path is silent or agrees with a flawless slow report; True when it answered."""
    slow = validate_segments(io.StringIO(text))
    fast = scan_clean(io.StringIO(text))
    assert slow.validated_by == "segments"
    if fast is not None:
        assert flawless(slow), "the fast path accepted a file the slow path reports"
        assert fast == slow and fast.validated_by == "patterns"
    assert validate_structure(io.StringIO(text)) == slow
    return fast is not None


@pytest.mark.parametrize("base", ["P", "PD", "I"])
def test_clean_bases_take_the_fast_path(base):
    assert assert_agrees(base_texts()[base])


@pytest.mark.parametrize("name", sorted(PYX12_VARIANTS))
def test_no_injected_error_gets_past_the_fast_path(name):
    base, mutation, keep_se = PYX12_VARIANTS[name]
    assert not assert_agrees(build(base, mutation, keep_se))


@pytest.mark.parametrize("name", sorted(ndc_variants()))
def test_maine_care_drug_line_rules_take_the_slow_path(name):
    base, mutation, *_ = ndc_variants()[name]
    # Noted, not rejected: the 999 must list them, which only the slow path does.
    assert not assert_agrees(build(base, mutation))


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_project_fixtures_take_the_fast_path(path):
    # Every layout they cover (CRLF, no line break, other delimiters, several groups and sets).
    assert assert_agrees(fixture(path.name))


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_files_agree(path):
    try:
        assert_agrees(path.read_text(encoding="latin-1"))
    except X12FormatError:
        pass


def _many_claims(subscribers: int, line_break: str = "\n") -> str:
    """The PD base's set with its subscriber loop repeated, HL and LX numbers kept in order,
    so the file spans many read chunks."""
    segments = [s for s in base_texts()["P"].replace("~\n", "~").split("~") if s]
    st = next(i for i, s in enumerate(segments) if s.startswith("ST*"))
    se = next(i for i, s in enumerate(segments) if s.startswith("SE*"))
    first_subscriber = next(i for i, s in enumerate(segments) if s.startswith("HL*") and "*22*" in s)
    header, detail = segments[st:first_subscriber], segments[first_subscriber:se]
    body, number = [], 1
    for _ in range(subscribers):
        mapping = {}
        for segment in detail:
            if segment.startswith("HL*"):
                fields = segment.split("*")
                number += 1
                mapping[fields[1]] = str(number)
                fields[1] = str(number)
                fields[2] = mapping.get(fields[2], fields[2])
                segment = "*".join(fields)
            body.append(segment)
    count = len(header) + len(body) + 1
    control = segments[st].split("*")[2]
    set_segments = [*header, *body, f"SE*{count}*{control}"]
    text_segments = segments[:st] + set_segments + segments[se + 1 :]
    return "".join(s + "~" + line_break for s in text_segments)


@pytest.mark.parametrize("line_break", ["\n", "\r\n", ""])
def test_a_file_of_many_read_chunks_takes_the_fast_path(line_break):
    text = _many_claims(600, line_break)
    assert len(text) > 3 * clean_scan.CHUNK
    assert assert_agrees(text)
    report = scan_clean(io.StringIO(text))
    assert report.claim_count == validate_segments(io.StringIO(text)).claim_count > 600


def test_an_error_far_into_the_file_falls_back_to_the_slow_path():
    text = _many_claims(600)
    cut = text.index("SV1*HC:99213*", len(text) - 5000)
    broken = text[:cut] + text[cut:].replace("SV1*HC:99213*", "SV1*HC:99213*X", 1)
    report = validate_structure(io.BytesIO(broken.encode("latin-1")))
    assert report == validate_segments(io.StringIO(broken))
    assert not flawless(report)


def test_other_delimiters_have_their_own_patterns():
    text = base_texts()["P"]
    isa = text[: text.index("~") + 1]
    piped = text.replace("*", "|").replace(":", ">")
    assert piped.startswith(isa.replace("*", "|").replace(":", ">"))
    assert assert_agrees(piped)


class _OneWay(io.RawIOBase):
    """A stream that cannot seek, like an S3 body."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._inner.read(size)


def test_a_stream_that_cannot_seek_uses_reopen_or_goes_slow(monkeypatch):
    clean = base_texts()["P"].encode("latin-1")
    broken = build("P", PYX12_VARIANTS["drop_SV1"][1]).encode("latin-1")
    calls = []
    real = clean_scan.scan_clean
    monkeypatch.setattr("x12.structure.scan_clean", lambda s: calls.append(1) or real(s))

    assert flawless(validate_structure(_OneWay(clean)))
    assert calls == []  # nothing to fall back on: the slow path alone
    assert flawless(validate_structure(_OneWay(clean), reopen=lambda: _OneWay(clean)))
    assert calls == [1]
    report = validate_structure(_OneWay(broken), reopen=lambda: _OneWay(broken))
    assert report == validate_segments(io.BytesIO(broken)) and not flawless(report)


def test_not_x12_is_refused_by_either_path():
    with pytest.raises(X12FormatError):
        validate_structure(io.StringIO("hello"))


def test_date_patterns_accept_only_real_dates():
    import re

    from x12.element_checks import is_valid_date
    from x12.pattern_text import DATE_PATTERNS

    d8 = re.compile(DATE_PATTERNS["D8"])
    accepted = 0
    for year in (1799, 1800, 1999, 2024, 2026, 2099, 2100):
        for month in range(0, 14):
            for day in range(0, 33):
                value = f"{year:04d}{month:02d}{day:02d}"
                if d8.fullmatch(value):
                    accepted += 1
                    assert is_valid_date(value), value
    assert accepted > 5 * 12 * 28  # and it is not a pattern that accepts nothing
    for fmt, value in (("TM", "2359"), ("TM", "235959"), ("DT", "202604101030"), ("RD8", "20260410-20260411")):
        assert re.fullmatch(DATE_PATTERNS[fmt], value) and is_valid_date(value, fmt)
    assert not re.fullmatch(DATE_PATTERNS["TM"], "2460")


def test_code_lists_become_tries_that_match_exactly_the_codes():
    import re

    from x12.pattern_text import alternatives

    codes = ["A", "AB", "B", "01", "011", "ME", "MA"]
    pattern = re.compile(alternatives(codes))
    assert all(pattern.fullmatch(code) for code in codes)
    assert not any(pattern.fullmatch(other) for other in ("", "ABC", "0", "M", "MX", "b"))
