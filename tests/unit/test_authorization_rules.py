"""Authorization rules at their edges: the request, a partial approval, the span's last day, the
last unit, lines of one claim drawing in order, and the rebate list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mainecare.domain.authorizations.drawdown import choose
from mainecare.domain.authorizations.model import Authorization, ServiceRequest, cancel, check_request, decide, extend
from mainecare.domain.crosswalks.rebate_list import RebateFileInvalid, parse
from mainecare.domain.errors import Conflict, Invalid

ASKED = Authorization("PA-1", "PRIOR_AUTHORIZATION", "DOWNEAST", "M1", "1234567893", "1245319599",
                      (ServiceRequest("HCPCS", "E0470", 10),), date(2026, 5, 1), date(2026, 5, 31), ("J44.9",))


def test_a_request_needs_a_kind_a_forward_span_and_units():
    check_request("REFERRAL", ASKED.services, date(2026, 5, 1), date(2026, 5, 1))
    for kind, services, ends, code in [
        ("ADMISSION", ASKED.services, date(2026, 5, 31), "AUTHORIZATION_KIND_INVALID"),
        ("REFERRAL", ASKED.services, date(2026, 4, 30), "AUTHORIZATION_SPAN_INVALID"),
        ("REFERRAL", (ServiceRequest("HCPCS", "E0470", 0),), date(2026, 5, 31), "AUTHORIZATION_UNITS_INVALID"),
    ]:
        with pytest.raises(Invalid) as raised:
            check_request(kind, services, date(2026, 5, 1), ends)
        assert raised.value.code == code


def test_a_partial_approval_grants_fewer_units_and_a_narrower_span_never_more():
    approved = decide(ASKED, "APPROVE", units=6, starts=date(2026, 5, 10), ends=date(2026, 5, 20))
    assert (approved.status, approved.approved_units, approved.units_left) == ("APPROVED", 6, 6)
    for units, starts, ends in [(11, None, None), (0, None, None), (5, date(2026, 4, 30), None),
                                (5, None, date(2026, 6, 1))]:
        with pytest.raises(Invalid):
            decide(ASKED, "APPROVE", units=units, starts=starts, ends=ends)
    with pytest.raises(Conflict):
        decide(approved, "DENY", reason="late")  # decided once
    with pytest.raises(Invalid):
        decide(ASKED, "DENY")  # a denial says why
    assert decide(ASKED, "PEND", information="clinical notes").status == "PENDED"
    assert cancel(decide(ASKED, "PEND", information="notes")).status == "CANCELLED"
    with pytest.raises(Conflict):
        cancel(approved)


def test_an_extension_reopens_the_request_with_a_later_end_or_more_units():
    approved = decide(ASKED, "APPROVE")
    extended = extend(approved, date(2026, 6, 30), 5)
    assert extended.status == "SUBMITTED" and extended.ends == date(2026, 6, 30)
    assert extended.services[0].units == 15
    with pytest.raises(Invalid):
        extend(approved, date(2026, 5, 31), 0)
    with pytest.raises(Conflict):
        extend(ASKED, date(2026, 6, 30), 1)


APPROVED = decide(ASKED, "APPROVE", units=3, starts=date(2026, 5, 1), ends=date(2026, 5, 31))


def test_the_span_covers_its_first_and_last_day_only():
    def pick(day):
        return choose([APPROVED], "M1", "1245319599", "E0470", day, 1, {})

    assert pick(date(2026, 5, 1)) is APPROVED and pick(date(2026, 5, 31)) is APPROVED
    assert pick(date(2026, 4, 30)) is None and pick(date(2026, 6, 1)) is None


def test_the_last_unit_is_drawn_once_and_lines_draw_in_order():
    taken: dict[str, int] = {}
    for _ in range(3):
        assert choose([APPROVED], "M1", "1245319599", "E0470", date(2026, 5, 5), 1, taken) is APPROVED
        taken["PA-1"] = taken.get("PA-1", 0) + 1
    assert choose([APPROVED], "M1", "1245319599", "E0470", date(2026, 5, 5), 1, taken) is None
    used = replace(APPROVED, units_used=2)
    assert choose([used], "M1", "1245319599", "E0470", date(2026, 5, 5), 2, {}) is None  # 1 left, 2 asked
    assert choose([used], "M1", "1245319599", "E0470", date(2026, 5, 5), 1, {}) is used


def test_another_member_provider_or_code_is_not_covered():
    for member, npi, code in [("M2", "1245319599", "E0470"), ("M1", "1234567893", "E0470"),
                              ("M1", "1245319599", "L5856")]:
        assert choose([APPROVED], member, npi, code, date(2026, 5, 5), 1, {}) is None


def test_the_rebate_list_reads_cms_products_through_their_termination_date():
    rebates, skipped = parse("labeler,product,package,termination_date\n"
                             "50242,0061,01,\n00026,0635,12,2026-06-30\n1234,5678,90,\n00026,0635,13,June\n")
    assert rebates.covers("50242006101", date(2030, 1, 1))
    assert rebates.covers("00026063512", date(2026, 6, 30)) and not rebates.covers("00026063512", date(2026, 7, 1))
    assert not rebates.covers("99999999999", date(2026, 1, 1))
    assert skipped == [{"row": 4, "reason": "NDC_INVALID"}, {"row": 5, "reason": "TERMINATION_DATE_INVALID"}]
    with pytest.raises(RebateFileInvalid):
        parse("ndc\n50242006101\n")
