"""Who the auto-assignment leaves alone (issue 16 items 3 and 5), from the later FAQ's words.

q6: "In May 2014, criteria was added to the auto-assignment process to prevent member reassignment
to panels when terminated for the reasons of 'Member no longer served at this site', 'Member not
served at this site', or 'No Longer Wants Health Home Services'."
q5: the member may opt out "of Health Home services or assignment to your practice"."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.health_homes.exits import Exit, block_scopes, blocking_exit, opt_out_reason
from mainecare.stores.policy import policy_value


def scopes_on(day: date) -> dict[str, str]:
    return block_scopes(policy_value("health_home_termination_reasons", day), policy_value("health_home_opt_out", day))


def left(reason: str, practice: str = "P1", since: date = date(2013, 6, 1)) -> Exit:
    return Exit("P1-SITE-A", practice, reason, since)


def test_a_termination_recorded_before_may_2014_blocks_a_run_after_it():
    """The criteria belong to the assignment process: the run's date decides, not the recording's."""
    terminated = left("NOT_SERVED", since=date(2013, 6, 1))
    assert blocking_exit([terminated], "P1", scopes_on(date(2014, 4, 1))) is None
    assert blocking_exit([terminated], "P1", scopes_on(date(2014, 7, 1))) == terminated


@pytest.mark.parametrize("reason", ["NO_LONGER_SERVED", "NOT_SERVED"])
def test_not_served_at_this_site_blocks_every_site_of_that_practice_only(reason):
    terminated = left(reason)
    assert blocking_exit([terminated], "P1", scopes_on(date(2026, 1, 1))) == terminated
    assert blocking_exit([terminated], "P2", scopes_on(date(2026, 1, 1))) is None


def test_no_longer_wants_health_home_services_blocks_every_health_home():
    terminated = left("NO_LONGER_WANTS_HEALTH_HOME")
    assert blocking_exit([terminated], "P2", scopes_on(date(2026, 1, 1))) == terminated


@pytest.mark.parametrize("reason", ["DUPLICATION_OF_SERVICES", "WRONG_SITE", "NOT_MAINECARE_ELIGIBLE"])
def test_other_reasons_block_nothing(reason):
    assert blocking_exit([left(reason)], "P1", scopes_on(date(2026, 1, 1))) is None


def test_an_opt_out_of_the_practice_blocks_it_and_of_health_home_services_blocks_all():
    practice = left(opt_out_reason("PRACTICE"))
    services = left(opt_out_reason("HEALTH_HOME_SERVICES"))
    scopes = scopes_on(date(2026, 1, 1))
    assert blocking_exit([practice], "P1", scopes) == practice
    assert blocking_exit([practice], "P2", scopes) is None
    assert blocking_exit([services], "P2", scopes) == services
