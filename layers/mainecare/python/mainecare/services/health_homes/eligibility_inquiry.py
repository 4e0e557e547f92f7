"""MaineCare eligibility inquiry and the Health Home eligibility check, each lookup audited.

A practice sees coverage, Health Home and PCCM enrollment on a date; the Health Home check gives
it reasons as codes with confidential ones collapsed (it never learns a diagnosis). Only a member
the search matches is answered (domain/members/search.py); an unknown id and a mismatch are the
same 404, and both are audited as ELIGIBILITY_INQUIRY_NOT_MATCHED.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import coverage, dates, eligibility
from mainecare.domain.health_homes.members import Member
from mainecare.domain.health_homes.panel import Enrollment
from mainecare.domain.members.search import MemberSearch
from mainecare.services.health_homes.common import not_found, rules_on, sees_all
from mainecare.stores import audit, members, panels
from mainecare.stores.policy import policy_value
from valueobjects import value_object


@value_object
class EligibilityAnswer:
    member: Member
    inquiry: coverage.Inquiry
    health_home: Enrollment | None  # the membership on the date, if any


def _member(identity: Identity, member_id: str, search: MemberSearch) -> Member:
    member = members.get_member(member_id)
    if member is None or not search.matches(member):
        audit.record(f"MEMBER#{member_id}", "ELIGIBILITY_INQUIRY_NOT_MATCHED", identity)
        raise not_found("member")
    return member


def inquire(identity: Identity, member_id: str, on: date, search: MemberSearch) -> EligibilityAnswer:
    member = _member(identity, member_id, search)
    audit.record(f"MEMBER#{member_id}", "ELIGIBILITY_INQUIRY", identity, {"date": on.isoformat()})
    answer = coverage.inquire(member, on, policy_value("health_home_coverage", on))
    enrolled = next((e for e in panels.member_enrollments(member_id)
                     if dates.on_panel(e.assigned_on, e.ended_on, on)), None)
    return EligibilityAnswer(member, answer, enrolled)


def health_home_check(identity: Identity, member_id: str, on: date,
                      search: MemberSearch) -> tuple[eligibility.Decision, tuple]:
    """(decision, reasons the caller may see): staff see every reason with detail."""
    member = _member(identity, member_id, search)
    audit.record(f"MEMBER#{member_id}", "HEALTH_HOME_ELIGIBILITY_CHECK", identity, {"date": on.isoformat()})
    decision = eligibility.stage_a(member, on, rules_on(on))
    shown = decision.reasons if sees_all(identity) else eligibility.for_practice(decision.reasons)
    return decision, shown
