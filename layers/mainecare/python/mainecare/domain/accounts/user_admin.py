"""Rules of trading-partner user administration (seed 002's Admin (R7) role), pure.

- A permission granted must be in the catalogue, meant for partner users, and held by the granter:
  nobody grants what they do not hold (no escalation), and staff or member permissions are never
  granted by a partner's Admin.
- An Admin is a user holding users:manage. A partner keeps at least one active Admin: the last one
  cannot be deactivated or lose users:manage (the partner would be locked out of its own users).
- Coverage (seed 002): no active Admin is an error, fewer than asked for (two) a warning, and one
  Admin per 25 users is recommended (numbers: policy account_administration).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from mainecare.domain.errors import Conflict, Invalid, NotAllowed
from valueobjects import value_object

ADMIN_PERMISSION = "users:manage"


def check_grant(requested: Iterable[str], granter_holds: frozenset[str], catalogue: Mapping[str, Mapping]) -> None:
    requested = set(requested)
    unknown = sorted(p for p in requested if p not in catalogue)
    if unknown:
        raise Invalid("PERMISSION_UNKNOWN", f"Not in the permission catalogue: {', '.join(unknown[:10])}.")
    not_partner = sorted(p for p in requested if catalogue[p].get("audience") != "partner")
    if not_partner:
        raise NotAllowed("PERMISSION_NOT_GRANTABLE",
                         f"Held by MaineCare staff or members only: {', '.join(not_partner[:10])}.")
    not_held = sorted(requested - granter_holds)
    if not_held:
        raise NotAllowed("PERMISSION_NOT_HELD", f"You can grant only permissions you hold; not: "
                                                f"{', '.join(not_held[:10])}.")


def is_admin(permissions: Iterable[str]) -> bool:
    return ADMIN_PERMISSION in set(permissions)


def check_keeps_an_admin(active_admins: int, target_is_active_admin: bool, remains_admin: bool) -> None:
    """Before deactivating a user or revoking users:manage: the partner keeps an active Admin."""
    if target_is_active_admin and not remains_admin and active_admins <= 1:
        raise Conflict("LAST_ADMIN", "This is the partner's last active Admin (R7): add another Admin first.")


@value_object
class Coverage:
    trading_partner_id: str
    users: int
    active_users: int
    active_admins: int
    recommended_admins: int
    level: str  # ERROR (no active Admin), WARNING (one, or fewer than recommended), OK
    message: str


def coverage(trading_partner_id: str, users: int, active_users: int, active_admins: int,
             rules: Mapping[str, int]) -> Coverage:
    """rules: policy account_administration (users_per_admin, admins_asked_for)."""
    per_admin, asked = rules["users_per_admin"], rules["admins_asked_for"]
    recommended = max(asked, math.ceil(active_users / per_admin))
    if active_admins == 0:
        level, message = "ERROR", "No active Admin (R7): nobody can manage this partner's users."
    elif active_admins < asked:
        level, message = "WARNING", f"{active_admins} active Admin (R7): MaineCare asks for {asked}."
    elif active_admins < recommended:
        level, message = "WARNING", (f"{active_admins} active Admins for {active_users} users: "
                                     f"{recommended} recommended (one per {per_admin} users).")
    else:
        level, message = "OK", f"{active_admins} active Admins for {active_users} users."
    return Coverage(trading_partner_id, users, active_users, active_admins, recommended, level, message)
