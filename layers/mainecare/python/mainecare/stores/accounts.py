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
    return UserAccount(
        sub=sub,
        email=item.email or "",
        trading_partner_id=item.trading_partner_id,
        permission_sets=tuple(item.permission_sets or ()),
        status=item.status,
        member_id=item.member_id or "",
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
    if not user.sub:
        raise ValueError("a user account is keyed by the Cognito sub; create the Cognito user first")
    records()(
        _user_key(user.sub), PROFILE, kind="USER", status=user.status, email=_normal_email(user.email),
        trading_partner_id=user.trading_partner_id, permission_sets=list(user.permission_sets),
        member_id=user.member_id or None,
        gsi1pk=_partner_key(user.trading_partner_id), gsi1sk=_by_partner_sort_key(user.email, user.sub),
    ).save()


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
