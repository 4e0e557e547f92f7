"""Use case: the daily inactive-account job (domain/inactivity.py decides). Each flag and each
deactivation commits with its audit entry; a deactivated user is disabled in Cognito too. The
report names user ids and partners, never e-mails. Notices: the flag is shown in the partner's
user list (flagged_inactive_at) for its Admins; e-mail notices come with the messages capability."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mainecare.domain.accounts import ACTIVE, INACTIVE, INVITED
from mainecare.domain.accounts.inactivity import DEACTIVATE, FLAG, KEEP_LAST_ADMIN, decide
from mainecare.domain.accounts.user_admin import is_admin
from mainecare.observability import logger, measure_now
from mainecare.services.accounts.permission_grants import user_permissions
from mainecare.stores import accounts, audit, identity_provider
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import ConditionFailed, commit

ACTOR = "system:account_inactivity"


def run(run_date: date) -> dict:
    rules = policy_value("account_administration", run_date)
    report = {"flagged": [], "deactivated": [], "last_admin_kept": []}
    for partner in accounts.all_trading_partners():
        users = accounts.partner_users(partner.trading_partner_id)
        admins = [u for u in users if u.status in (ACTIVE, INVITED) and is_admin(user_permissions(u, run_date))]
        for user in users:
            outcome = decide(user, run_date, rules, last_active_admin=len(admins) == 1 and user in admins)
            line = {"user_id": user.sub, "trading_partner_id": partner.trading_partner_id}
            if outcome == FLAG:
                changed = replace(user, flagged_inactive_at=run_date.isoformat())
            elif outcome == DEACTIVATE:
                changed = replace(user, status=INACTIVE)
            else:
                if outcome == KEEP_LAST_ADMIN:
                    report["last_admin_kept"].append(line)
                continue
            try:
                commit([accounts.user_change(changed, user),
                        audit.entry(f"USER#{user.sub}", "USER_FLAGGED_INACTIVE" if outcome == FLAG
                                    else "USER_DEACTIVATED_INACTIVE", ACTOR,
                                    {"trading_partner_id": partner.trading_partner_id, "last_seen": user.last_sign_in
                                     or user.invited_at})])
            except ConditionFailed:
                continue  # the user changed meanwhile (signed in, deactivated): tomorrow's run looks again
            if outcome == DEACTIVATE:
                identity_provider.set_enabled(user.email, False)
                if user in admins:
                    admins.remove(user)
                report["deactivated"].append(line)
            else:
                report["flagged"].append(line)
    measure_now({"UsersFlaggedInactive": len(report["flagged"]),
                 "UsersDeactivatedInactive": len(report["deactivated"])})
    logger().info("inactive accounts", extra={k: len(v) for k, v in report.items()})
    return report
