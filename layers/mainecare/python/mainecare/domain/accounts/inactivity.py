"""Inactive trading-partner accounts (policy account_administration), pure.

A user whose latest sign-in (or, never signed in, their invitation) is `inactive_flag_days` or more
before the run date is flagged and told; a flagged user who still has not signed in
`inactive_notice_days` after the flag is deactivated. A sign-in clears the flag. The partner's
last active Admin is flagged but never deactivated by the job (the partner would be locked out of
its own users): it is reported for MaineCare staff to follow up.
"""

from __future__ import annotations

from datetime import date, timedelta

from mainecare.domain.accounts import ACTIVE, INVITED, UserAccount

FLAG, DEACTIVATE, KEEP_LAST_ADMIN, NOTHING = "FLAG", "DEACTIVATE", "KEEP_LAST_ADMIN", "NOTHING"


def last_seen(user: UserAccount) -> date | None:
    text = user.last_sign_in or user.invited_at
    return date.fromisoformat(text) if text else None


def decide(user: UserAccount, run_date: date, rules: dict, last_active_admin: bool) -> str:
    if user.status not in (ACTIVE, INVITED):
        return NOTHING
    seen = last_seen(user)
    if seen is None or run_date - seen < timedelta(days=rules["inactive_flag_days"]):
        return NOTHING
    if not user.flagged_inactive_at:
        return FLAG
    if run_date - date.fromisoformat(user.flagged_inactive_at) < timedelta(days=rules["inactive_notice_days"]):
        return NOTHING
    return KEEP_LAST_ADMIN if last_active_admin else DEACTIVATE
