"""What a user may do: the permission sets granted to them, read with their trading partner's kind.

Some permissions a kind of partner gets only from a set named for it (policy
partner_kind_permissions: a billing agent's Admin set does not look up eligibility; its Admin
assigns EligibilityLookup to a user who should). The partner is read only when the user's sets
hold such a permission, so most requests cost no extra read; a partner that cannot be found gets
every kind's restrictions (fail closed).
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.accounts import UserAccount
from mainecare.domain.permissions import permissions_for, permissions_for_partner
from mainecare.stores import accounts
from mainecare.stores.policy import policy_value


def _any_kind(rules: dict) -> dict:
    return {"withheld": [p for rule in rules.values() for p in rule.get("withheld", ())],
            "granted_only_by": [s for rule in rules.values() for s in rule.get("granted_only_by", ())]}


def permission_sets_in_effect(on: date) -> dict[str, list[str]]:
    """The named sets a user can hold: MaineCare's own (policy permission_sets) and the catalogue's
    role templates (Admin, Biller, Viewer, ...)."""
    return {**policy_value("permission_catalogue", on)["role_templates"], **policy_value("permission_sets", on)}


def user_permissions(user: UserAccount, on: date) -> frozenset[str]:
    """The permissions of the user's permission sets (accounts made before the catalogue) and
    those granted one by one; a grant is never withheld by the kind rule: an Admin can grant only
    what they hold (domain/user_admin.py), and a withheld permission is held only from its own set."""
    sets_in_effect = permission_sets_in_effect(on)
    granted = permissions_for(user.permission_sets, sets_in_effect)
    rules = policy_value("partner_kind_permissions", on)
    if granted & {p for rule in rules.values() for p in rule.get("withheld", ())}:
        partner = accounts.get_trading_partner(user.trading_partner_id)
        rule = rules.get(partner.kind) if partner is not None else _any_kind(rules)
        granted = permissions_for_partner(user.permission_sets, sets_in_effect, rule)
    return granted | frozenset(user.granted)
