from datetime import date

import pytest

from mainecare.domain.permissions import permissions_for
from mainecare.domain.policy import PolicyNotInEffect, Versioned, in_effect
from mainecare.services.accounts.permission_grants import permission_sets_in_effect

# The FAQ's two generations of the Health Home + PCCM payment: $12.00 in 2013, $8.50 + $3.50 later.
PMPM = [Versioned(date(2013, 1, 1), {"health_home": "12.00"}),
        Versioned(date(2014, 7, 1), {"health_home": "8.50", "pccm": "3.50"})]


def test_the_version_in_effect_is_the_latest_started():
    assert in_effect("pmpm", PMPM, date(2014, 6, 30)) == {"health_home": "12.00"}
    assert in_effect("pmpm", PMPM, date(2014, 7, 1)) == {"health_home": "8.50", "pccm": "3.50"}


def test_before_the_first_version_is_an_error_not_a_default():
    with pytest.raises(PolicyNotInEffect):
        in_effect("pmpm", PMPM, date(2012, 12, 31))


def test_permissions_are_the_union_of_granted_sets():
    sets = {"Biller": ["ndc:validate", "account:read"], "Viewer": ["account:read"]}
    assert permissions_for(["Biller", "Viewer"], sets) == {"ndc:validate", "account:read"}
    assert permissions_for(["Unknown"], sets) == frozenset()


def test_shipped_permission_sets_grant_what_the_readme_says():
    sets = permission_sets_in_effect(date(2026, 11, 25))
    assert "ndc:validate" not in sets["Viewer"]
    assert "reference:load" in sets["ProgramStaff"]
    assert "reference:load" not in sets["Admin"]
