"""Eligibility lookups: who a search matches, and who may search."""

from datetime import date

from mainecare.domain.health_homes.members import Member
from mainecare.domain.members.search import MemberSearch
from mainecare.domain.permissions import ELIGIBILITY_READ, permissions_for, permissions_for_partner
from mainecare.services.accounts.permission_grants import permission_sets_in_effect
from mainecare.stores.policy import policy_value

ADA = Member("DEMO-0001", "Ada", "Van Demoperson", date(1970, 3, 4))
ON = date(2026, 11, 25)


def test_a_search_matches_by_birth_date_or_last_name_and_both_must_agree_when_both_are_sent():
    assert MemberSearch(date_of_birth=date(1970, 3, 4)).matches(ADA)
    assert MemberSearch(last_name="  van   DEMOPERSON ").matches(ADA)  # trimmed, case-blind
    assert not MemberSearch(date_of_birth=date(1970, 4, 3)).matches(ADA)
    assert not MemberSearch(last_name="Demoperson").matches(ADA)
    assert not MemberSearch(date_of_birth=date(1970, 3, 4), last_name="Other").matches(ADA)
    assert MemberSearch(date_of_birth=date(1970, 3, 4), last_name="van demoperson").matches(ADA)


def test_an_empty_search_matches_no_one():
    assert not MemberSearch().given and not MemberSearch().matches(ADA)
    assert not MemberSearch(last_name="   ").matches(ADA)


def test_a_billing_agents_admin_set_does_not_look_up_eligibility_only_eligibility_lookup_does():
    sets = permission_sets_in_effect(ON)
    agent = policy_value("partner_kind_permissions", ON)["BILLING_AGENT"]
    assert ELIGIBILITY_READ in permissions_for(["Admin"], sets)  # a practice's Admin may
    assert ELIGIBILITY_READ not in permissions_for_partner(["Admin"], sets, agent)
    assert ELIGIBILITY_READ not in permissions_for_partner(["Admin", "Biller", "Viewer"], sets, agent)
    granted = permissions_for_partner(["Admin", "EligibilityLookup"], sets, agent)
    assert ELIGIBILITY_READ in granted and "claims:submit" in granted
    assert permissions_for_partner(["Admin"], sets, None) == permissions_for(["Admin"], sets)
