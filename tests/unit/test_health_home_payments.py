"""PMPM rates and who is paid, with the FAQs' own tables (issue 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.health_homes.members import Practice, Site
from mainecare.domain.health_homes.payments import NCQA_NOT_APPLIED, NCQA_SUSPENDED, dues, ncqa_standing
from mainecare.domain.policy import Versioned, in_effect
from mainecare.stores.policy import policy_value, policy_versions

PRACTICE = Practice("P1", "Practice", "TP1", "Pay-to LLC", "SYS1")
HOSPITAL = Practice("P2", "Hospital practice", "TP2", "Hospital LLC", "SYS2", hospital_affiliated=True)
SITE = Site("S1", "P1", "TP1", "SYS1", "Site", True, date(2013, 1, 1), "RECOGNIZED", date(2013, 6, 1),
            date(2013, 11, 1))
NCQA = {"recognition_due_months": 12}


def paid(month: str, practice: Practice, pccm: bool, site: Site = SITE, payable: bool = True) -> dict[str, str]:
    rates = policy_value("health_home_rates", date(int(month[:4]), int(month[5:]), 1))
    return {d.component: str(d.amount) for d in dues(site, practice, month, [("M1", payable, pccm)], rates, NCQA)}


@pytest.mark.parametrize(("month", "pccm", "expected"), [
    ("2014-01", False, {"HEALTH_HOME": "12.00"}),   # 2013 FAQ: Health Home only $12.00
    ("2014-01", True, {"HEALTH_HOME": "12.00"}),    # 2013 FAQ: "no longer receive the PCCM PMPM"
    ("2026-01", False, {"HEALTH_HOME": "12.00"}),   # later FAQ: Health Home only $12.00
    ("2026-01", True, {"HEALTH_HOME": "8.50", "PCCM": "3.50"}),  # later FAQ: "$8.50 + $3.50/PMPM"
])
def test_the_faqs_rate_tables(month, pccm, expected):
    assert paid(month, PRACTICE, pccm) == expected


def test_hospital_affiliated_practices_get_no_pccm_payment_and_the_health_home_total():
    """'hospital-affiliated practices do not currently receive PCCM payments ... However, these
    practices are able to receive Health Home payments.' (the $12.00 is the decision in the policy)"""
    assert paid("2026-01", HOSPITAL, True) == {"HEALTH_HOME": "12.00"}


def test_duals_of_pcmh_pilot_practices_are_tracked_at_zero():
    [due] = dues(SITE, PRACTICE, "2026-01", [("M1", False, False)], policy_value("health_home_rates",
                                                                               date(2026, 1, 1)), NCQA)
    assert (due.amount, due.reason) == (Decimal("0.00"), "PCMH_PILOT_DUAL")


def test_ncqa_a_year_after_the_start_suspends_if_applied_and_flags_if_not():
    applied = Site("S2", "P1", "TP1", "SYS1", "Site", True, date(2025, 3, 1), "SUBMITTED", date(2025, 9, 1))
    never = Site("S3", "P1", "TP1", "SYS1", "Site", True, date(2025, 3, 1))
    assert ncqa_standing(applied, "2026-03", NCQA) is None          # not yet past one year
    assert ncqa_standing(applied, "2026-04", NCQA) == NCQA_SUSPENDED
    assert ncqa_standing(never, "2026-04", NCQA) == NCQA_NOT_APPLIED
    assert paid("2026-04", PRACTICE, False, site=applied) == {"HEALTH_HOME": "0.00"}
    assert paid("2026-04", PRACTICE, False, site=never) == {"HEALTH_HOME": "12.00"}


def test_a_program_change_is_a_new_policy_version_applied_to_months_after_its_date():
    """BRIEF section 5: PCCM replaced by Primary Care Plus (July 2022): tier PMPM + population group
    PMPM. A test version, not shipped: the run reads whatever version is in effect for the month."""
    before = in_effect("r", policy_versions("health_home_rates"), date(2022, 6, 1))
    components = [{"component": "HEALTH_HOME", "amount": "8.50"}, {"component": "PCPLUS_TIER", "amount": "6.30"},
                  {"component": "PCPLUS_POPULATION", "amount": "1.15"}]
    pcplus = Versioned(date(2022, 7, 1), {**before, "health_home_and_pccm": components})
    versions = (*policy_versions("health_home_rates"), pcplus)
    june = dues(SITE, PRACTICE, "2022-06", [("M1", True, True)], in_effect("r", versions, date(2022, 6, 1)), NCQA)
    july = dues(SITE, PRACTICE, "2022-07", [("M1", True, True)], in_effect("r", versions, date(2022, 7, 1)), NCQA)
    assert [d.component for d in june] == ["HEALTH_HOME", "PCCM"]
    assert sum(d.amount for d in july) == Decimal("15.95")
