"""Accounts table: trading partners and users (pk TP#id / USER#email, sk PROFILE).

Users are also indexed under their trading partner (gsi1pk TP#id, gsi1sk USER#email) so an Admin
can list their users. Table names come from settings at first use, never at import.
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.domain.accounts import TradingPartner, UserAccount
from mainecare.stores.tables import bound_model

PROFILE = "PROFILE"


def _build() -> type[Model]:
    class AccountItem(Model):
        class Meta:
            pass

        pk = UnicodeAttribute(hash_key=True)
        sk = UnicodeAttribute(range_key=True)
        gsi1pk = UnicodeAttribute(null=True)
        gsi1sk = UnicodeAttribute(null=True)
        kind = UnicodeAttribute()
        status = UnicodeAttribute()
        name = UnicodeAttribute(null=True)
        partner_kind = UnicodeAttribute(null=True)
        trading_partner_id = UnicodeAttribute(null=True)
        permission_sets = ListAttribute(of=UnicodeAttribute, null=True)
        member_id = UnicodeAttribute(null=True)

    return AccountItem


def _items() -> type[Model]:
    return bound_model("Accounts", _build)


def _user_key(email: str) -> str:
    return f"USER#{email.strip().lower()}"


def _partner_key(trading_partner_id: str) -> str:
    return f"TP#{trading_partner_id}"


def get_user(email: str) -> UserAccount | None:
    items = _items()
    try:
        item = items.get(_user_key(email), PROFILE)
    except items.DoesNotExist:
        return None
    return UserAccount(
        email=email.strip().lower(),
        trading_partner_id=item.trading_partner_id,
        permission_sets=tuple(item.permission_sets or ()),
        status=item.status,
        member_id=item.member_id or "",
    )


def get_trading_partner(trading_partner_id: str) -> TradingPartner | None:
    items = _items()
    try:
        item = items.get(_partner_key(trading_partner_id), PROFILE)
    except items.DoesNotExist:
        return None
    return TradingPartner(trading_partner_id, item.name, item.partner_kind, item.status)


def put_trading_partner(partner: TradingPartner) -> None:
    _items()(
        _partner_key(partner.trading_partner_id), PROFILE, kind="TRADING_PARTNER",
        status=partner.status, name=partner.name, partner_kind=partner.kind,
        trading_partner_id=partner.trading_partner_id,
    ).save()


def put_user(user: UserAccount) -> None:
    _items()(
        _user_key(user.email), PROFILE, kind="USER", status=user.status,
        trading_partner_id=user.trading_partner_id, permission_sets=list(user.permission_sets),
        member_id=user.member_id or None,
        gsi1pk=_partner_key(user.trading_partner_id), gsi1sk=_user_key(user.email),
    ).save()
