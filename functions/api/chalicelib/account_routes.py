"""Who am I, and my trading partner. The accounts issue grows this into user administration."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred
from chalicelib.routing import api_route
from mainecare.domain.permissions import ACCOUNT_READ

MeResponse, TradingPartnerResponse = deferred("mainecare.models.accounts", "MeResponse", "TradingPartnerResponse")
own_trading_partner = deferred("mainecare.services.accounts.partners", "own_trading_partner")

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
    return TradingPartnerResponse(**own_trading_partner(identity, trading_partner_id).__dict__)
