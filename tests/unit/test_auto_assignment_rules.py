"""The quarterly auto-assignment's pure rules: counting claim lines, the look-back bounds, and the
site order of later FAQ question 3 (PCCM, rendering provider under the matching pay-to, plurality
with primary care first), ties, nursing-home residents (question 19)."""

from __future__ import annotations

from datetime import date

from mainecare.domain.health_homes.auto_assignment import (
    NO_HEALTH_HOME_CLAIMS,
    PCCM,
    PLURALITY,
    RENDERING,
    TIE,
    RenderingAffiliation,
    SiteDirectory,
    choose_site,
    lookback,
    months_of,
)
from mainecare.domain.health_homes.claim_line_counts import Tally, by_member, count_rows, counts_text, merge_text
from mainecare.domain.health_homes.members import Member, Practice, Site
from mainecare.domain.members.spans import PccmSpan

OFFICE_VISIT, LAB = "99213", "80053"
PRIMARY = frozenset({OFFICE_VISIT})
NORTH_A = ("1111111111", "", "1111111199")  # billed by NORTH's pay-to at NORTH-A's service location
ON = date(2027, 1, 4)


def row(member, claim, day, billing, rendering="", facility="", code=OFFICE_VISIT):
    return "\t".join((day, claim, member, billing, rendering, facility, code)) + "\n"


def directory(on=ON):
    practices = [Practice("NORTH", "North", "TP-N", "North LLC", "SYS-N"),
                 Practice("SOUTH", "South", "TP-S", "South LLC", "SYS-S"),
                 Practice("LATE", "Late", "TP-L", "Late LLC", "SYS-L")]
    sites = [Site("NORTH-A", "NORTH", "TP-N", "SYS-N", "A", health_home_start=date(2013, 1, 1)),
             Site("NORTH-B", "NORTH", "TP-N", "SYS-N", "B", health_home_start=date(2013, 1, 1)),
             Site("SOUTH-A", "SOUTH", "TP-S", "SYS-S", "A", health_home_start=date(2013, 1, 1)),
             Site("LATE-A", "LATE", "TP-L", "SYS-L", "A", health_home_start=date(2030, 1, 1))]
    renderings = [RenderingAffiliation("1000000001", "NORTH", "NORTH-B"),
                  RenderingAffiliation("1000000002", "SOUTH", "SOUTH-A")]
    return SiteDirectory.build(on, practices, sites, renderings,
                               {"NORTH": "1111111111", "SOUTH": "2222222222", "LATE": "3333333333"},
                               {"NORTH-A": "1111111199"})


def member(**changes):
    return Member("M1", "Test", "Member", date(1970, 1, 1), **changes)


def test_a_claim_counts_once_per_provider_triple_however_many_lines():
    rows = [row("M1", "C1", "20260105", "1111111111", code=OFFICE_VISIT),
            row("M1", "C1", "20260105", "1111111111", code=LAB),
            row("M1", "C2", "20260301", "1111111111", code=LAB)]
    counts, read = count_rows(rows, "20260101", "20261231", PRIMARY)
    assert read == 3
    assert by_member(counts)["M1"][("1111111111", "", "")] == Tally(claims=2, primary_care_claims=1,
                                                                   last_service_date="20260301")


def test_lines_outside_the_window_and_malformed_rows_are_not_counted():
    rows = [row("M1", "C1", "20251231", "1111111111"), row("M1", "C2", "20270101", "1111111111"),
            "20260601\tC3\tbroken\n", row("M1", "C4", "20261231", "1111111111")]
    counts, read = count_rows(rows, "20260101", "20261231", PRIMARY)
    assert read == 4 and by_member(counts) == {"M1": {("1111111111", "", ""): Tally(1, 1, "20261231")}}


def test_partial_counts_written_by_workers_add_up_to_one_pass_over_everything():
    rows = [row(f"M{n % 7}", f"C{n}", f"2026{n % 12 + 1:02d}15", "1111111111", code=(OFFICE_VISIT if n % 3 else LAB))
            for n in range(100)]
    whole, _ = count_rows(rows, "20260101", "20261231", PRIMARY)
    merged: dict = {}
    for part in (rows[:30], rows[30:70], rows[70:]):
        counts, _ = count_rows(part, "20260101", "20261231", PRIMARY)
        merge_text(counts_text(counts), merged)
    assert merged == whole


def test_the_lookback_is_the_twelve_whole_months_before_the_quarter():
    assert lookback(date(2027, 1, 1), 12) == (date(2026, 1, 1), date(2026, 12, 31))
    assert lookback(date(2027, 4, 1), 12) == (date(2026, 4, 1), date(2027, 3, 31))
    assert months_of(date(2026, 4, 1), date(2027, 3, 31))[::11] == ["2026-04", "2027-03"]


def test_step_one_a_pccm_members_pcp_site_wins_when_it_is_a_health_home():
    counts = {("2222222222", "", ""): Tally(5, 5, "20260601")}
    choice = choose_site(member(pccm=(PccmSpan(date(2020, 1, 1), provider_id="NORTH-A"),)), counts, directory())
    assert (choice.site_id, choice.step) == ("NORTH-A", PCCM)
    # a PCP site that is not (yet) a Health Home is passed over
    choice = choose_site(member(pccm=(PccmSpan(date(2020, 1, 1), provider_id="LATE-A"),)), counts, directory())
    assert (choice.site_id, choice.step) == ("SOUTH-A", PLURALITY)


def test_step_two_the_usual_rendering_provider_affiliated_under_the_matching_pay_to():
    counts = {("1111111111", "1000000001", ""): Tally(3, 3, "20260601"),
              ("2222222222", "", ""): Tally(9, 0, "20260701")}
    choice = choose_site(member(), counts, directory())
    assert (choice.site_id, choice.step) == ("NORTH-B", RENDERING)
    # the same provider billed under another pay-to is not affiliated there: plurality decides
    counts = {("2222222222", "1000000001", ""): Tally(3, 3, "20260601"),
              ("1111111111", "", ""): Tally(1, 1, "20260101")}
    choice = choose_site(member(), counts, directory())
    assert (choice.site_id, choice.step) == ("SOUTH-A", PLURALITY)


def test_step_three_plurality_primary_care_first_then_claims_then_latest_date():
    counts = {NORTH_A: Tally(10, 1, "20260101"),  # NORTH-A by its location NPI
              ("2222222222", "", ""): Tally(2, 2, "20260101")}
    assert choose_site(member(), counts, directory()).site_id == "SOUTH-A"  # primary care wins
    counts = {NORTH_A: Tally(4, 2, "20260101"), ("2222222222", "", ""): Tally(3, 2, "20261201")}
    assert choose_site(member(), counts, directory()).site_id == "NORTH-A"  # then all claims
    counts = {NORTH_A: Tally(3, 2, "20260101"), ("2222222222", "", ""): Tally(3, 2, "20261201")}
    assert choose_site(member(), counts, directory()).site_id == "SOUTH-A"  # then the latest visit


def test_a_tie_on_everything_assigns_no_one():
    counts = {NORTH_A: Tally(3, 2, "20260601"), ("2222222222", "", ""): Tally(3, 2, "20260601")}
    choice = choose_site(member(), counts, directory())
    assert (choice.site_id, choice.step) == (None, TIE)


def test_without_a_service_location_the_pay_to_decides_the_practice_and_its_main_site():
    counts = {("1111111111", "9999999999", "5555555555"): Tally(1, 0, "20260601")}
    assert choose_site(member(), counts, directory()).site_id == "NORTH-A"


def test_claims_of_practices_that_are_not_health_homes_associate_no_one():
    counts = {("3333333333", "", ""): Tally(8, 8, "20260601"), ("4444444444", "", ""): Tally(8, 8, "20260601")}
    assert choose_site(member(), counts, directory()).step == NO_HEALTH_HOME_CLAIMS


def test_a_nursing_home_resident_is_assigned_only_from_primary_care_claims():
    counts = {NORTH_A: Tally(30, 0, "20261201"),  # the nursing home's own claims
              ("2222222222", "", ""): Tally(1, 1, "20260601")}
    assert choose_site(member(nursing_home_resident=True), counts, directory()).site_id == "SOUTH-A"
    only_facility = {("1111111111", "", "1111111199"): Tally(30, 0, "20261201")}
    assert choose_site(member(nursing_home_resident=True), only_facility, directory()).step == NO_HEALTH_HOME_CLAIMS
    assert choose_site(member(), only_facility, directory()).site_id == "NORTH-A"
