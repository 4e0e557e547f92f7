"""Accounts table: trading partners and users (pk TP#id / USER#sub, sk PROFILE).

A user is keyed by the Cognito `sub`, the user's immutable id, not by e-mail: an e-mail can be
changed, and once released can be taken by someone else, so an account keyed by it would be lost
by the first and inherited by the second. The e-mail is an attribute, refreshed from the verified
token when it changes (record_email). A GSI from sub to an e-mail-keyed item was the other way;
keying by sub is as small a change (nothing queries users by e-mail) and reads the account with
one strongly consistent GetItem instead of an eventually consistent index query.

Users are also indexed under their trading partner (gsi1pk TP#id, gsi1sk USER#email#sub) so an
Admin can list their users by e-mail. A partner's registered submitter ids (ISA06/GS02/1000A
NM109) are data on its item. Table names come from settings at first use, never at import.
"""

from __future__ import annotations

from pynamodb.exceptions import UpdateError

from mainecare.domain.accounts import TradingPartner, UserAccount
from mainecare.stores.account_records import PROFILE, records
from mainecare.stores.records import get_or_none
from mainecare.stores.transactions import Write, save, update


def _user_key(sub: str) -> str:
    return f"USER#{sub}"


def _normal_email(email: str) -> str:
    return email.strip().lower()


def _by_partner_sort_key(email: str, sub: str) -> str:
    return f"USER#{_normal_email(email)}#{sub}"


def _partner_key(trading_partner_id: str) -> str:
    return f"TP#{trading_partner_id}"


def get_user(sub: str) -> UserAccount | None:
    item = get_or_none(records(), _user_key(sub), PROFILE, consistent_read=True) if sub else None
    if item is None:
        return None
    return _user(item)


def _user(item) -> UserAccount:
    return UserAccount(
        sub=item.pk.removeprefix("USER#"),
        email=item.email or "",
        trading_partner_id=item.trading_partner_id,
        permission_sets=tuple(item.permission_sets or ()),
        status=item.status,
        member_id=item.member_id or "",
        granted=tuple(item.granted or ()),
        last_sign_in=item.last_sign_in or "",
        invited_at=item.invited_at or "",
        flagged_inactive_at=item.flagged_inactive_at or "",
    )


def get_trading_partner(trading_partner_id: str) -> TradingPartner | None:
    item = get_or_none(records(), _partner_key(trading_partner_id), PROFILE)
    if item is None:
        return None
    return TradingPartner(trading_partner_id, item.name, item.partner_kind, item.status,
                          tuple(item.submitter_ids or ()))


def put_trading_partner(partner: TradingPartner) -> None:
    records()(
        _partner_key(partner.trading_partner_id), PROFILE, kind="TRADING_PARTNER",
        status=partner.status, name=partner.name, partner_kind=partner.kind,
        trading_partner_id=partner.trading_partner_id,
        submitter_ids=[i.strip() for i in partner.submitter_ids] or None,
    ).save()


def put_user(user: UserAccount) -> None:
    """A user written outright (seeds and tests); administration goes through new_user_writes."""
    if not user.sub:
        raise ValueError("a user account is keyed by the Cognito sub; create the Cognito user first")
    for write in new_user_writes(user, invited_by=None, legacy_user_id=None):
        write.item.save()


def _user_item(user: UserAccount, **extra):
    return records()(
        _user_key(user.sub), PROFILE, kind="USER", status=user.status, email=_normal_email(user.email),
        trading_partner_id=user.trading_partner_id, permission_sets=list(user.permission_sets) or None,
        member_id=user.member_id or None, granted=sorted(user.granted) or None,
        last_sign_in=user.last_sign_in or None, invited_at=user.invited_at or None,
        flagged_inactive_at=user.flagged_inactive_at or None,
        gsi1pk=_partner_key(user.trading_partner_id), gsi1sk=_by_partner_sort_key(user.email, user.sub), **extra)


def new_user_writes(user: UserAccount, invited_by: str | None, legacy_user_id: str | None) -> list[Write]:
    """A new user, the claim on their e-mail (usernames are unique whatever the case) and, for a
    migrated account, its legacy marker: each conditional, so none is written twice (roles
    EMAIL_TAKEN, LEGACY_DONE)."""
    items = records()
    writes = [save(_user_item(user, invited_by=invited_by, legacy_user_id=legacy_user_id), items.pk.does_not_exist()),
              save(items(f"EMAIL#{_normal_email(user.email)}", PROFILE, kind="EMAIL", email=_normal_email(user.email),
                         trading_partner_id=user.trading_partner_id), items.pk.does_not_exist(), role="EMAIL_TAKEN")]
    if legacy_user_id:
        writes.append(save(items(f"LEGACY#{legacy_user_id}", PROFILE, kind="LEGACY", email=_normal_email(user.email),
                                 trading_partner_id=user.trading_partner_id),
                           items.pk.does_not_exist(), role="LEGACY_DONE"))
    return writes


def user_change(user: UserAccount, before: UserAccount) -> Write:
    """Save the user's new grants and status, on condition nobody changed them since `before` was read."""
    items = records()
    actions = [items.status.set(user.status)]
    for attribute, value in ((items.granted, sorted(user.granted)), (items.permission_sets, list(user.permission_sets)),
                             (items.flagged_inactive_at, user.flagged_inactive_at)):
        actions.append(attribute.set(value) if value else attribute.remove())
    return update(items(_user_key(user.sub), PROFILE), actions, (items.status == before.status), role="USER_CHANGED")


def email_taken(email: str) -> bool:
    return get_or_none(records(), f"EMAIL#{_normal_email(email)}", PROFILE, consistent_read=True) is not None


def legacy_migrated(legacy_user_id: str) -> bool:
    return get_or_none(records(), f"LEGACY#{legacy_user_id}", PROFILE) is not None


def partner_users(trading_partner_id: str) -> list[UserAccount]:
    """The partner's users, by e-mail (one query of the by-partner index)."""
    items = records()
    found = items.by_partner.query(_partner_key(trading_partner_id), items.gsi1sk.startswith("USER#"))
    return [_user(item) for item in found]


def all_trading_partners() -> list[TradingPartner]:
    items = records()
    return sorted((TradingPartner(i.trading_partner_id, i.name, i.partner_kind, i.status, tuple(i.submitter_ids or ()))
                   for i in items.scan(items.kind == "TRADING_PARTNER")), key=lambda p: p.trading_partner_id)


def record_sign_in(sub: str, day: str, activate: bool) -> None:
    """The first request of a day records it (one write per user per day); an invited user's
    first sign-in makes the account active; a sign-in clears an inactivity flag."""
    items = records()
    actions = [items.last_sign_in.set(day), items.flagged_inactive_at.remove()]
    if activate:
        actions.append(items.status.set("ACTIVE"))
    try:
        items(_user_key(sub), PROFILE).update(actions=actions, condition=items.pk.exists())
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def record_email(sub: str, email: str) -> None:
    """The user changed their e-mail in Cognito (and verified it): keep the attribute current.
    Conditional on the account existing, so a stray sign-in never creates a half item."""
    items = records()
    item = items(_user_key(sub), PROFILE)
    try:
        item.update(actions=[items.email.set(_normal_email(email)),
                             items.gsi1sk.set(_by_partner_sort_key(email, sub))],
                    condition=items.pk.exists())
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
