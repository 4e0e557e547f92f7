"""The account rules: the catalogue, grants without escalation, the last Admin, coverage and the
legacy migration's edge cases (seed 002)."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.accounts.migration import LegacyFileInvalid, judge, read_export
from mainecare.domain.accounts.user_admin import check_grant, check_keeps_an_admin, coverage
from mainecare.domain.errors import Conflict, Invalid, NotAllowed
from mainecare.services.accounts.permission_grants import permission_sets_in_effect
from mainecare.stores.policy import policy_value

ON = date(2026, 12, 1)
CATALOGUE = policy_value("permission_catalogue", ON)
RULES = policy_value("account_administration", ON)


def test_the_catalogue_has_about_forty_permissions_each_in_an_area_with_a_description():
    permissions = CATALOGUE["permissions"]
    assert 40 <= len(permissions) <= 60
    assert all(p["area"] in CATALOGUE["areas"] and p["description"] and p["audience"] in ("partner", "staff", "member")
               for p in permissions.values())
    for area in ("Eligibility", "Claims", "Referrals and authorizations", "File exchange", "Providers",
                 "Health Home panels", "Health Home reports", "Messages", "Account and users"):
        assert any(p["area"] == area for p in permissions.values()), area


def test_every_set_and_template_names_catalogue_permissions_and_templates_hold_partner_ones_only():
    permissions = CATALOGUE["permissions"]
    for name, held in permission_sets_in_effect(ON).items():
        assert set(held) <= set(permissions), name
    for name, held in CATALOGUE["role_templates"].items():
        assert all(permissions[p]["audience"] == "partner" for p in held), name
    assert "users:manage" in CATALOGUE["role_templates"]["Admin"]


def test_every_route_permission_is_in_the_catalogue():
    from local.handlers import load_module

    load_module("api")
    import chalicelib.blueprints  # noqa: F401
    from chalicelib.routing import ROUTES

    named = {p for spec in ROUTES if spec.permission for p in (spec.permission, *spec.also)}
    assert named <= set(CATALOGUE["permissions"]), named - set(CATALOGUE["permissions"])


ADMIN_HOLDS = frozenset(CATALOGUE["role_templates"]["Admin"])


@pytest.mark.parametrize(("requested", "error", "code"), [
    ({"claims:read_all"}, NotAllowed, "PERMISSION_NOT_GRANTABLE"),
    ({"member:self"}, NotAllowed, "PERMISSION_NOT_GRANTABLE"),
    ({"no:such"}, Invalid, "PERMISSION_UNKNOWN"),
])
def test_staff_member_and_unknown_permissions_are_never_granted_by_a_partner(requested, error, code):
    with pytest.raises(error) as raised:
        check_grant(requested, ADMIN_HOLDS | {"claims:read_all"}, CATALOGUE["permissions"])
    assert raised.value.code == code


def test_nobody_grants_what_they_do_not_hold():
    check_grant({"claims:read"}, frozenset({"claims:read", "users:invite"}), CATALOGUE["permissions"])
    with pytest.raises(NotAllowed) as raised:
        check_grant({"claims:read", "claims:submit"}, frozenset({"claims:read"}), CATALOGUE["permissions"])
    assert raised.value.code == "PERMISSION_NOT_HELD" and "claims:submit" in raised.value.message


def test_the_last_active_admin_stays():
    with pytest.raises(Conflict):
        check_keeps_an_admin(active_admins=1, target_is_active_admin=True, remains_admin=False)
    check_keeps_an_admin(active_admins=2, target_is_active_admin=True, remains_admin=False)
    check_keeps_an_admin(active_admins=1, target_is_active_admin=False, remains_admin=False)
    check_keeps_an_admin(active_admins=1, target_is_active_admin=True, remains_admin=True)


@pytest.mark.parametrize(("users", "admins", "level", "recommended"), [
    (10, 0, "ERROR", 2), (10, 1, "WARNING", 2), (10, 2, "OK", 2),
    (25, 2, "OK", 2), (26, 2, "OK", 2), (60, 2, "WARNING", 3), (60, 3, "OK", 3), (51, 2, "WARNING", 3),
])
def test_coverage_levels(users, admins, level, recommended):
    found = coverage("P", users, users, admins, RULES)
    assert (found.level, found.recommended_admins) == (level, recommended)


HEADER = "user_id,email,role_code,status,last_sign_in,trading_partner_id\n"


def _verdicts(rows: str) -> dict[str, str]:
    return {v.account.user_id: v.reason for v in judge(read_export(HEADER + rows))}


def test_only_active_admins_with_their_own_email_migrate():
    found = _verdicts("u1,ann@a.example,R7,ACTIVE,2026-09-01,A\n"
                      "u2,bob@a.example,R7,INACTIVE,2025-01-01,A\n"
                      "u3,cal@a.example,R3,ACTIVE,2026-09-01,A\n"
                      "u4,,R7,ACTIVE,2026-09-01,A\n"
                      "u5,not-an-email,R7,ACTIVE,,A\n"
                      "u6,Shared@b.example,R7,ACTIVE,,B\n"
                      "u7,shared@B.example,R7,INACTIVE,,C\n")
    assert found == {"u1": "", "u2": "INACTIVE", "u3": "NOT_ADMIN", "u4": "EMAIL_MISSING", "u5": "EMAIL_INVALID",
                     "u6": "EMAIL_SHARED", "u7": "EMAIL_SHARED"}  # shared across partners, inactive rows count


def test_a_wrong_header_or_row_is_refused():
    with pytest.raises(LegacyFileInvalid):
        read_export("id,email\n1,a@b.example\n")
    with pytest.raises(LegacyFileInvalid):
        read_export(HEADER + "u1,a@b.example,R7\n")
    assert read_export(HEADER + "\n\n") == []
