"""Attestation rules with the FAQs' own words (issue 9), under both policy generations."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.health_homes import attestation as a
from mainecare.stores.policy import policy_value

LATER = a.AttestationRules.from_policy(policy_value("health_home_attestation", date(2026, 3, 1)))
IN_2013 = a.AttestationRules.from_policy(policy_value("health_home_attestation", date(2013, 6, 1)))
OUT, S = "OUTREACH_ENGAGEMENT", "DASHBOARD_SCAN"


def test_the_window_is_the_21st_to_the_last_day_of_the_month():
    """Later FAQ q35: "Practices must attest to their member panels between the 21st and last day of the month"."""
    assert a.window(2026, 2, LATER) == (date(2026, 2, 21), date(2026, 2, 28))
    assert a.window(2024, 2, LATER)[1] == date(2024, 2, 29)
    assert not a.window_open(2026, 3, LATER, date(2026, 3, 20)) and a.window_open(2026, 3, LATER, date(2026, 3, 21))
    assert a.window_open(2026, 3, LATER, date(2026, 3, 31)) and not a.window_open(2026, 3, LATER, date(2026, 4, 1))


def test_activities_by_generation():
    """2013 FAQ: outreach and engagement, scanning the record or data, another Health Home service;
    later FAQ: the Member Dashboard scan is the minimum billable activity (q26)."""
    assert "RECORD_SCAN" in IN_2013.activities and S not in IN_2013.activities
    assert S in LATER.activities and "RECORD_SCAN" not in LATER.activities
    assert a.member_error("RECORD_SCAN", None, True, True, [], LATER)[0] == a.ACTIVITY_NOT_ALLOWED


def test_under_the_later_faq_no_dashboard_scan_means_no_attestation():
    assert a.member_error(S, None, True, False, [], LATER)[0] == a.DASHBOARD_NOT_SCANNED
    assert a.member_error("RECORD_SCAN", None, True, False, [], IN_2013) is None  # no dashboard in 2013


@pytest.mark.parametrize(("history", "allowed"), [
    ([], True),
    ([OUT], True),
    ([OUT, OUT], False),               # "a maximum of two continuous months"
    ([S, OUT, OUT], True),             # "after one month or more of scanning for gaps in care"
    ([None, OUT, OUT], False),         # a month not attested is no other activity: the run goes on
    ([OUT, "OTHER_HEALTH_HOME_SERVICE", OUT], True),
])
def test_outreach_at_most_two_continuous_months(history, allowed):
    refused = a.member_error(OUT, None, True, True, history, LATER)
    assert (refused is None) is allowed
    if not allowed:
        assert refused[0] == a.OUTREACH_LIMIT_REACHED


def test_only_members_attestable_at_this_site():
    assert a.member_error(S, None, False, True, [], LATER)[0] == a.NOT_ATTESTABLE
    assert a.member_error(S, "ASSIGNED_AFTER_CUTOFF", True, True, [], LATER)[0] == a.NOT_ATTESTABLE


def test_a_saved_attestation_counts_for_payment():
    assert LATER.saved_counts_for_payment and IN_2013.saved_counts_for_payment


def test_the_dashboard_covers_twelve_whole_months():
    from mainecare.services.health_homes.dashboard import period

    assert period(2026, 12) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period(2026, 2) == (date(2025, 3, 1), date(2026, 2, 28))
