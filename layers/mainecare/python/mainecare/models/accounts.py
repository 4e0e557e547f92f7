"""Contracts of the account routes."""

from __future__ import annotations

from pydantic import BaseModel


class MeResponse(BaseModel):
    email: str
    trading_partner_id: str
    permissions: list[str]


class TradingPartnerResponse(BaseModel):
    trading_partner_id: str
    name: str
    kind: str
    status: str
