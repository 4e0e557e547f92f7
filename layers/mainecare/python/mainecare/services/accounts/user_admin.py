"""Use cases: a trading partner's Admin (R7) administers its users (seed 002).

Every route checks its permission through the API's one mechanism; here, the rules about whom:
only the caller's own trading partner's users (another partner's answer 404, like an unknown id),
no permission granted that the granter does not hold, and never the partner's last active Admin
removed. Each change and its audit entry commit in one transaction, conditional on the user not
having changed since it was read.
"""

from __future__ import annotations

from dataclasses import replace

from mainecare import clock
from mainecare.domain.accounts import ACTIVE, INACTIVE, INVITED, Identity, UserAccount
from mainecare.domain.accounts.user_admin import check_grant, check_keeps_an_admin, is_admin
from mainecare.domain.errors import Conflict, Invalid, NotFound
from mainecare.services.accounts.permission_grants import user_permissions
from mainecare.stores import accounts, audit, identity_provider
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import ConditionFailed, commit


def catalogue() -> dict:
    return policy_value("permission_catalogue", clock.today())


def _partner_of(identity: Identity, trading_partner_id: str):
    partner = accounts.get_trading_partner(trading_partner_id) if identity.owns(trading_partner_id) else None
    if partner is None:
        raise NotFound("trading partner")
    return partner


def users(identity: Identity, trading_partner_id: str) -> list[tuple[UserAccount, frozenset[str]]]:
    _partner_of(identity, trading_partner_id)
    today = clock.today()
    return [(user, user_permissions(user, today)) for user in accounts.partner_users(trading_partner_id)]


def _user_of(identity: Identity, trading_partner_id: str, sub: str) -> UserAccount:
    _partner_of(identity, trading_partner_id)
    user = accounts.get_user(sub)
    if user is None or user.trading_partner_id != trading_partner_id:
        raise NotFound("user")
    return user


def _active_admins(trading_partner_id: str) -> int:
    today = clock.today()
    return sum(1 for u in accounts.partner_users(trading_partner_id)
               if u.status in (ACTIVE, INVITED) and is_admin(user_permissions(u, today)))


def invite(identity: Identity, trading_partner_id: str, email: str, permissions: list[str],
           template: str | None) -> UserAccount:
    _partner_of(identity, trading_partner_id)
    found = catalogue()
    if template is not None and template not in found["role_templates"]:
        raise Invalid("TEMPLATE_UNKNOWN", f"No role template {template!r}; see GET /v1/permission-catalogue.")
    wanted = set(permissions) | set(found["role_templates"].get(template, ()) if template else ())
    if not wanted:
        raise Invalid("PERMISSIONS_MISSING", "Grant at least one permission (or name a role template).")
    check_grant(wanted, identity.permissions, found["permissions"])
    if accounts.email_taken(email):
        raise Conflict("EMAIL_TAKEN", "That e-mail is already a user's username.")
    try:
        sub = identity_provider.invite(email)
    except identity_provider.AlreadyInPool as error:
        raise Conflict("EMAIL_TAKEN", "That e-mail is already a user's username.") from error
    user = UserAccount(sub, email, trading_partner_id, (), INVITED, granted=tuple(sorted(wanted)),
                       invited_at=clock.today().isoformat())
    try:
        commit([*accounts.new_user_writes(user, invited_by=identity.email, legacy_user_id=None),
                audit.entry(f"USER#{sub}", "USER_INVITED", identity,
                            {"trading_partner_id": trading_partner_id, "permissions": sorted(wanted)})])
    except ConditionFailed as error:
        identity_provider.withdraw_invitation(email)
        raise Conflict("EMAIL_TAKEN", "That e-mail is already a user's username.") from error
    return user


def change_permissions(identity: Identity, trading_partner_id: str, sub: str, grant: list[str],
                       revoke: list[str]) -> UserAccount:
    user = _user_of(identity, trading_partner_id, sub)
    found = catalogue()
    if not grant and not revoke:
        raise Invalid("NOTHING_TO_CHANGE", "Name permissions to grant or to revoke.")
    # Revoking is granting's mirror: an Admin changes only permissions they could grant.
    check_grant(set(grant) | set(revoke), identity.permissions, found["permissions"])
    today = clock.today()
    before = user_permissions(user, today)
    # Permissions of a legacy permission set become grants, so a revoke takes them away too.
    held = set(before) | set(user.granted)
    changed = replace(user, permission_sets=(), granted=tuple(sorted((held | set(grant)) - set(revoke))))
    after = user_permissions(changed, today)
    check_keeps_an_admin(_active_admins(trading_partner_id), user.status != INACTIVE and is_admin(before),
                         is_admin(after))
    _commit_change(identity, changed, user, "USER_PERMISSIONS_CHANGED",
                   {"granted": sorted(after - before), "revoked": sorted(before - after)})
    return changed


def set_active(identity: Identity, trading_partner_id: str, sub: str, active: bool) -> UserAccount:
    user = _user_of(identity, trading_partner_id, sub)
    if sub == identity.sub and not active:
        raise Conflict("SELF_DEACTIVATION", "Ask another Admin to deactivate your own account.")
    if (user.status == INACTIVE) == (not active):
        return user  # already so: nothing to change or audit
    if not active:
        check_keeps_an_admin(_active_admins(trading_partner_id), is_admin(user_permissions(user, clock.today())),
                             False)
    status = (ACTIVE if user.last_sign_in else INVITED) if active else INACTIVE
    changed = replace(user, status=status, flagged_inactive_at="" if active else user.flagged_inactive_at)
    _commit_change(identity, changed, user, "USER_REACTIVATED" if active else "USER_DEACTIVATED", {})
    identity_provider.set_enabled(user.email, active)
    return changed


def _commit_change(identity: Identity, changed: UserAccount, before: UserAccount, action: str, details: dict) -> None:
    try:
        commit([accounts.user_change(changed, before),
                audit.entry(f"USER#{changed.sub}", action, identity,
                            {"trading_partner_id": changed.trading_partner_id, **details})])
    except ConditionFailed as error:
        raise Conflict("USER_CHANGED", "The user changed meanwhile; read it again and retry.") from error
