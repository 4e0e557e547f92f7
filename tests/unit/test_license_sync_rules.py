"""The weekly licence sync's rules (seed 000) with dated edges: day 60 and 61, Title 5 review, a
renewal seen before or after the expiration, malformed registry rows, and a lapse judged by span."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.providers.licenses import AlmsExport, LicenseSpan, due, judge

MONDAY = date(2026, 3, 2)
HEADER = "license_number,holder,profession,status,expiration_date,title5_review\n"


def span(number="MD1", expires=date(2026, 5, 1), **kw):
    return LicenseSpan(number, "ACTIVE", expires, holder="Dr Ada Example", **kw)


def test_day_60_is_looked_up_and_day_61_is_not():
    day_60, day_61 = span("A", date(2026, 5, 1)), span("B", date(2026, 5, 2))  # 2026-03-02 + 60 = 2026-05-01
    assert [s.license_number for s in due([day_60, day_61], MONDAY, 60, day_included=True)] == ["A"]
    assert due([day_60], MONDAY, 60, day_included=False) == []  # the other reading, for the record


def test_a_lapsed_licence_without_a_renewal_is_looked_up_and_only_the_latest_span_counts():
    spans = [span("A", date(2026, 1, 31)), span("B", date(2025, 1, 31)), span("B", date(2028, 1, 31))]
    assert [s.license_number for s in due(spans, MONDAY, 60, True)] == ["A"]


def registry(*rows):
    return AlmsExport(HEADER + "".join(rows))


def test_same_number_later_expiration_is_a_new_span_visible_on_tuesday():
    decision = judge(span(), registry("MD1,Dr Ada Example,MD,Active,2028-05-01,N\n").lookup("MD1"), MONDAY, 1)
    assert decision.outcome == "UPDATED"
    assert (decision.span.starts, decision.span.expires, decision.span.visible_from) == (
        date(2026, 5, 2), date(2028, 5, 1), date(2026, 3, 3))


def test_title_5_review_and_no_renewal_yet_are_left_alone():
    assert judge(span(), registry("MD1,Dr Ada Example,MD,Active,2028-05-01,Y\n").lookup("MD1"), MONDAY,
                 1).reason == "TITLE_5_REVIEW"
    assert judge(span(), registry("MD1,Dr Ada Example,MD,Active,2026-05-01,N\n").lookup("MD1"), MONDAY,
                 1).reason == "NOT_RENEWED_YET"
    assert judge(span(), registry().lookup("MD1"), MONDAY, 1).reason == "NOT_IN_REGISTRY"


def test_a_renewal_seen_after_the_lapse_starts_on_the_run_date_so_the_lapse_stays():
    lapsed = span(expires=date(2026, 2, 15))
    renewed = judge(lapsed, registry("MD1,Dr Ada Example,MD,Active,2028-02-15,N\n").lookup("MD1"), MONDAY, 1).span
    assert renewed.starts == MONDAY
    assert lapsed.covers(date(2026, 2, 10)) and not any(s.covers(date(2026, 2, 20)) for s in (lapsed, renewed))
    assert renewed.covers(date(2026, 3, 5))


def test_malformed_rows_are_reported_and_never_read():
    export = registry("MD1,Dr Ada Example,MD,Active,2028-05-01,N\n", "MD2,,MD,Active,2028-05-01,N\n",
                      "MD3,Dr B,MD,Active,31/12/2028,N\n")
    assert export.lookup("MD1") and export.lookup("MD2") is None and export.lookup("MD3") is None
    assert [m["row"] for m in export.malformed] == [3, 4]
    assert export.numbers_of("dr  ada example") == {"MD1"}
    with pytest.raises(ValueError):
        AlmsExport("number,holder\nMD1,x\n")
