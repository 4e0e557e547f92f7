"""Contracts of the member portal routes."""

from __future__ import annotations

from pydantic import BaseModel

from mainecare.models.claims_api import ClaimSummary


class MemberClaim(ClaimSummary):
    provider: str


class ClaimsHistory(BaseModel):
    member_id: str
    claims: list[MemberClaim]
