"""Contracts of the member portal routes."""

from __future__ import annotations

from mainecare.models.base import ApiModel
from mainecare.models.claims_api import ClaimSummary


class MemberClaim(ClaimSummary):
    provider: str


class ClaimsHistory(ApiModel):
    member_id: str
    claims: list[MemberClaim]
