"""Use case: a trading partner's profile, for its own users only."""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.errors import NotFound
from mainecare.stores import accounts as account_store


def own_trading_partner(identity: Identity, trading_partner_id: str):
    # Another partner's id answers exactly like an unknown one: nothing leaks.
    partner = account_store.get_trading_partner(trading_partner_id) if identity.owns(trading_partner_id) else None
    if partner is None:
        raise NotFound("trading partner")
    return partner
