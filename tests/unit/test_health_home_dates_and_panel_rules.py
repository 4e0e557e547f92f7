"""The opt-out calendar, the attestable-month rule, terminations, moves and duplication of services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mainecare.domain.health_homes import dates
from mainecare.domain.health_homes.members import Member, Site
from mainecare.domain.health_homes.panel import (
    ASSIGNED,
    PENDING,
    Enrollment,
    RuleViolation,
    check_move,
    check_termination,
    duplication_outcome,
    termination_reasons,
)
from mainecare.domain.members.spans import CoverageSpan, ServiceSpan
from mainecare.stores.policy import policy_value

MAINE = ZoneInfo("America/New_York")


def calendar(letter: date) -> dates.OptOutCalendar:
    policy = policy_value("health_home_opt_out", letter)
    return dates.opt_out_calendar(letter, policy["days"], ZoneInfo(policy["timezone"]))


# --- opt-out calendar --------------------------------------------------------------------

def test_letter_2026_01_01_is_assigned_2026_01_29():
    c = calendar(date(2026, 1, 1))
    assert c.period_begins == date(2026, 1, 1)  # FAQ: the begin date is the date the letter was mailed
    assert c.last_day_to_opt_out == date(2026, 1, 28)  # 28 days to opt out
    assert c.assigned_on == date(2026, 1, 29)  # "added to the panel on day 29"
    assert c.deadline == datetime(2026, 1, 29, 5, 0, tzinfo=UTC)  # midnight in Maine (EST)
    assert c.deadline_text == "2026-01-29T05:00:00Z"  # what Step Functions' TimestampPath accepts


def test_the_deadline_follows_maine_daylight_time():
    c = calendar(date(2026, 6, 1))
    assert c.assigned_on == date(2026, 6, 29)
    assert c.deadline == datetime(2026, 6, 29, 4, 0, tzinfo=UTC)


def test_the_2013_mailings_were_28_days_too():
    # 2013 FAQ: letters from December 2012; members assigned on January 11 and 18, 2013.
    assert calendar(date(2013, 1, 1)).assigned_on == date(2013, 1, 29)
    assert policy_value("health_home_opt_out", date(2013, 1, 1))["days"] == 28


def test_early_opt_in_by_signed_form_starts_in_january_2015():
    assert policy_value("health_home_opt_out", date(2014, 12, 31))["early_opt_in_channels"] == ["PHONE"]
    assert policy_value("health_home_opt_out", date(2015, 1, 1))["early_opt_in_channels"] == ["PHONE", "SIGNED_FORM"]


# --- attestable month --------------------------------------------------------------------

def cutoff(month_start: date) -> int | None:
    return policy_value("health_home_attestation", month_start)["cutoff_day"]


def test_cutoff_day_is_the_20th_under_the_later_faq_and_the_21st_in_2013():
    assert cutoff(date(2026, 3, 1)) == 20
    assert cutoff(date(2013, 3, 1)) == 21
    assert cutoff(date(2014, 3, 1)) == 21
    assert cutoff(date(2014, 4, 1)) == 20  # the later FAQ's one date (policy/generations.json)


@pytest.mark.parametrize("assigned, expected", [
    (date(2026, 3, 20), (True, None)),  # "by the end of the 20th day"
    (date(2026, 3, 21), (False, dates.ASSIGNED_AFTER_CUTOFF)),
    (date(2026, 2, 3), (True, None)),
])
def test_later_faq_members_on_the_panel_by_the_end_of_the_20th_are_attestable(assigned, expected):
    assert dates.attestable(assigned, None, 2026, 3, cutoff(date(2026, 3, 1))) == expected


def test_letter_2026_01_01_member_is_not_attestable_for_january_but_is_for_february():
    joined = calendar(date(2026, 1, 1)).assigned_on  # 29 January
    assert dates.attestable(joined, None, 2026, 1, cutoff(date(2026, 1, 1))) == (False, dates.ASSIGNED_AFTER_CUTOFF)
    assert dates.attestable(joined, None, 2026, 2, cutoff(date(2026, 2, 1))) == (True, None)


@pytest.mark.parametrize("assigned, attestable", [(date(2013, 4, 21), True), (date(2013, 4, 22), False)])
def test_2013_faq_members_must_be_assigned_by_the_21st(assigned, attestable):
    assert dates.attestable(assigned, None, 2013, 4, cutoff(date(2013, 4, 1)))[0] is attestable


def test_2013_start_up_exception_for_january_and_february():
    # January 2013 assignments on the 11th and 18th, and late-January ones, counted in January.
    for day in (11, 18, 29):
        assert dates.attestable(date(2013, 1, day), None, 2013, 1, cutoff(date(2013, 1, 1))) == (True, None)
    assert cutoff(date(2013, 2, 1)) is None


def test_a_member_who_left_before_the_cutoff_is_not_attestable():
    assert dates.attestable(date(2026, 1, 5), date(2026, 3, 20), 2026, 3, 20) == (False, dates.LEFT_BEFORE_CUTOFF)
    assert dates.attestable(date(2026, 1, 5), date(2026, 3, 21), 2026, 3, 20) == (True, None)


def test_on_panel_during_a_month_and_month_parsing():
    assert dates.on_panel_during(date(2026, 3, 31), None, 2026, 3)
    assert not dates.on_panel_during(date(2026, 4, 1), None, 2026, 3)
    assert not dates.on_panel_during(date(2026, 1, 1), date(2026, 3, 1), 2026, 3)
    assert dates.parse_month("2026-03") == (2026, 3)
    for bad in ("2026-3", "2026-13", "March", "2026/03"):
        with pytest.raises(ValueError):
            dates.parse_month(bad)


# --- terminations and moves ----------------------------------------------------------------

def enrollment(**changes) -> Enrollment:
    base = Enrollment("mr-1", "M1", "S1", "P1", "TP1", "A", "PRACTICE_REQUEST", ASSIGNED, "2026-01-01T00:00:00Z",
                      "a@b", assigned_on=date(2026, 1, 29))
    return replace(base, **changes)


BLOCKING = ["NO_LONGER_SERVED", "NOT_SERVED", "NO_LONGER_WANTS_HEALTH_HOME"]


def test_three_reasons_block_future_auto_assignment_from_may_2014():
    later = termination_reasons(policy_value("health_home_termination_reasons", date(2014, 5, 1)))
    assert sorted(c for c, r in later.items() if r.blocks_auto_assignment) == sorted(BLOCKING)
    assert later["NO_LONGER_SERVED"].label == "Member no longer served at this site"
    assert later["NOT_SERVED"].label == "Member not served at this site"
    assert later["NO_LONGER_WANTS_HEALTH_HOME"].label == "No Longer Wants Health Home Services"
    assert later["DUPLICATION_OF_SERVICES"].label == "Duplication of services"
    earlier = termination_reasons(policy_value("health_home_termination_reasons", date(2014, 4, 30)))
    assert not any(r.blocks_auto_assignment for r in earlier.values())


def test_termination_checks():
    policy = policy_value("health_home_termination_reasons", date(2026, 3, 1))
    assert check_termination(enrollment(), "NOT_SERVED", date(2026, 3, 1), policy).blocks_auto_assignment
    for bad, code in [(dict(), "NOT_A_REASON"), (dict(status=PENDING), "NOT_SERVED")]:
        with pytest.raises(RuleViolation):
            check_termination(enrollment(**bad), code, date(2026, 3, 1), policy)
    with pytest.raises(RuleViolation) as raised:
        check_termination(enrollment(), "NOT_SERVED", date(2026, 1, 28), policy)
    assert raised.value.code == "EFFECTIVE_BEFORE_ASSIGNMENT"


def site(site_id: str, system: str) -> Site:
    return Site(site_id, "P1", "TP1", system, site_id, True, date(2014, 1, 1))


def test_moves_stay_within_one_system_umbrella():
    check_move(enrollment(), site("S1", "SYS"), site("S2", "SYS"), date(2026, 3, 1))
    for target, code in [(site("S3", "OTHER"), "DIFFERENT_SYSTEM"), (site("S1", "SYS"), "SAME_SITE")]:
        with pytest.raises(RuleViolation) as raised:
            check_move(enrollment(), site("S1", "SYS"), target, date(2026, 3, 1))
        assert raised.value.code == code


# --- duplication of services --------------------------------------------------------------

def member(*services: ServiceSpan, born: date = date(1970, 1, 1)) -> Member:
    return Member("M1", "T", "A", born, (CoverageSpan(start=date(2010, 1, 1), code="ACS"),), services=services)


def sections(adult: bool) -> frozenset[str]:
    policy = policy_value("health_home_duplicative_services", date(2026, 3, 1))
    return frozenset(policy["adults" if adult else "children"])


TCM = ServiceSpan(start=date(2026, 3, 1), section="13", provider_id="TCM-1")
CI = ServiceSpan(start=date(2026, 3, 1), section="17.04-1", provider_id="CI-1")
CCT = ServiceSpan(start=date(2025, 1, 1), section="91", provider_id="CCT-1")


@pytest.mark.parametrize("service", [TCM, CI])
def test_a_stage_a_member_without_cct_who_starts_tcm_or_ci_is_disenrolled(service):
    outcome = duplication_outcome(member(service), enrollment(), service, sections(True), "91")
    assert outcome.duplicative and outcome.disenroll


@pytest.mark.parametrize("service", [TCM, CI])
def test_a_member_with_cct_services_stays_and_both_providers_are_told(service):
    outcome = duplication_outcome(member(CCT, service), enrollment(), service, sections(True), "91")
    assert outcome.duplicative and not outcome.disenroll and outcome.cct_provider_id == "CCT-1"


def test_duplication_does_not_apply_to_stage_b_pending_or_non_duplicative_services():
    for current in (enrollment(stage="B"), enrollment(status=PENDING), None):
        assert not duplication_outcome(member(TCM), current, TCM, sections(True), "91").duplicative
    child = member(CI, born=date(2016, 1, 1))
    assert not duplication_outcome(child, enrollment(), CI, sections(False), "91").duplicative
