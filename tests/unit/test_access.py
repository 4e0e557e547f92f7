"""Who may see what is decided in one place (services/access.py); a job acts as Identity.system."""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.permissions import CLAIMS_READ_ALL, HEALTH_HOME_ALL_SITES
from mainecare.services import access

PRACTICE = Identity("admin@downeast.example", "DOWNEAST", frozenset({"panel:read"}))
STAFF = Identity("staff@mainecare.example", "MAINECARE", frozenset({HEALTH_HOME_ALL_SITES, CLAIMS_READ_ALL}))


def test_a_partner_sees_its_own_sites_and_claims_only():
    assert access.sees_partner_health_homes(PRACTICE, "DOWNEAST")
    assert not access.sees_partner_health_homes(PRACTICE, "KATAHDIN")
    assert not access.sees_partner_claims(PRACTICE, "KATAHDIN") and not access.sees_all_sites(PRACTICE)


def test_staff_see_every_partner():
    assert access.sees_partner_health_homes(STAFF, "KATAHDIN") and access.sees_partner_claims(STAFF, "DOWNEAST")


def test_a_scheduled_job_is_an_identity_with_the_permissions_it_is_given():
    job = Identity.system("quarterly_assignment", frozenset({HEALTH_HOME_ALL_SITES}))
    assert job.email == "system:quarterly_assignment" and access.sees_all_sites(job)
    assert not access.sees_partner_claims(job, "DOWNEAST")
