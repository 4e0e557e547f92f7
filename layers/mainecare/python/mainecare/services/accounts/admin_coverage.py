"""Use case: Admin (R7) coverage of every trading partner, the figure MaineCare monitors (seed 002)."""

from __future__ import annotations

from mainecare import clock
from mainecare.domain.accounts import ACTIVE, INVITED
from mainecare.domain.accounts.user_admin import Coverage, coverage, is_admin
from mainecare.services.accounts.permission_grants import user_permissions
from mainecare.stores import accounts
from mainecare.stores.policy import policy_value

# The program's own staff and the member portal are not trading partners with Admins of their own.
NOT_ADMINISTERED = frozenset({"PROGRAM", "MEMBER_PORTAL"})


def partner_coverage() -> list[tuple[object, Coverage]]:
    today = clock.today()
    rules = policy_value("account_administration", today)
    found = []
    for partner in accounts.all_trading_partners():
        if partner.kind in NOT_ADMINISTERED:
            continue
        users = accounts.partner_users(partner.trading_partner_id)
        active = [u for u in users if u.status in (ACTIVE, INVITED)]
        admins = sum(1 for u in active if is_admin(user_permissions(u, today)))
        found.append((partner, coverage(partner.trading_partner_id, len(users), len(active), admins, rules)))
    return found
