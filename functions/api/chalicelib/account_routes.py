"""Who am I, and my trading partner. The accounts issue grows this into user administration."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.errors import not_found
from chalicelib.routing import api_route
from mainecare.domain.permissions import ACCOUNT_READ
from mainecare.models.accounts import MeResponse, TradingPartnerResponse
from mainecare.stores import accounts as account_store

account = Blueprint(__name__)


@api_route(account, "/v1/me", "GET", summary="The caller's e-mail, trading partner and permissions",
           tag="Accounts", permission=ACCOUNT_READ, response_model=MeResponse)
def me(identity):
    return MeResponse(email=identity.email, trading_partner_id=identity.trading_partner_id,
                      permissions=sorted(identity.permissions))


@api_route(account, "/v1/trading-partners/{trading_partner_id}", "GET",
           summary="A trading partner's profile (only the caller's own)", tag="Accounts",
           permission=ACCOUNT_READ, response_model=TradingPartnerResponse)
def trading_partner(identity, trading_partner_id):
    if not identity.owns(trading_partner_id):
        raise not_found("trading partner")
    partner = account_store.get_trading_partner(trading_partner_id)
    if partner is None:
        raise not_found("trading partner")
    return TradingPartnerResponse(**partner.__dict__)
