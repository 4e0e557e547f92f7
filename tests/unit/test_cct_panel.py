"""Community Care Team panels with the FAQ's own example (later FAQ q47, q49)."""

from __future__ import annotations

from decimal import Decimal

from mainecare.domain.health_homes.cct import (
    CAP_EXCEEDED,
    NO_SERVICE_THIS_MONTH,
    NOT_ON_AFFILIATED_PANEL,
    MonthShare,
    addition_refusal,
    cap_check,
)

CAP = Decimal(5)


def test_the_faqs_example_three_percent_then_seven_averages_five():
    """"if in one month the CCT serves 3% ... the following month the CCT may increase its capacity
    to 7% for an average of 5%"."""
    earlier = [MonthShare("2026-01", 3, 100)]
    assert cap_check(earlier, MonthShare("2026-02", 7, 100), CAP).allowed
    refused = cap_check(earlier, MonthShare("2026-02", 8, 100), CAP)
    assert not refused.allowed and "5.50%" in refused.figures()


def test_only_the_last_twelve_months_count():
    earlier = [MonthShare("2025-01", 0, 100)] + [MonthShare(f"2025-{m:02d}", 5, 100) for m in range(2, 13)]
    # the zero month is 12 months back: it has left the window, so 6% now averages above 5%
    assert not cap_check(earlier, MonthShare("2026-01", 6, 100), CAP).allowed


def test_months_with_no_affiliated_members_are_left_out():
    assert cap_check([MonthShare("2026-01", 0, 0)], MonthShare("2026-02", 5, 100), CAP).allowed


def test_a_member_joins_only_from_an_affiliated_panel_in_a_month_of_service():
    fine = cap_check([], MonthShare("2026-02", 1, 100), CAP)
    assert addition_refusal(False, True, fine)[0] == NOT_ON_AFFILIATED_PANEL
    assert addition_refusal(True, False, fine)[0] == NO_SERVICE_THIS_MONTH
    assert addition_refusal(True, True, fine) is None
    assert addition_refusal(True, True, cap_check([], MonthShare("2026-02", 6, 100), CAP))[0] == CAP_EXCEEDED
