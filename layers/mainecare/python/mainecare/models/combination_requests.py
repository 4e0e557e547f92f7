"""Contracts of the NDC-J code combination request routes."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest


class CombinationRequestCreate(StrictRequest):
    ndc: str = Field(max_length=64, description="11-digit NDC (5-4-2, hyphens optional)")
    hcpcs: str = Field(max_length=16)
    reason: str = Field(min_length=3, max_length=2000, description="why the pair should be billable; no PHI")


class CombinationDecisionRequest(StrictRequest):
    decision: Literal["APPROVED", "DENIED"]
    effective_from: date | None = Field(None, description="approved pairs count from this date of service")
    note: str = Field("", max_length=2000)


class CombinationRequestView(ApiModel):
    request_id: str
    trading_partner_id: str
    ndc11: str
    hcpcs: str
    reason: str
    status: Literal["PENDING", "APPROVED", "DENIED"]
    requested_by: str
    requested_at: str
    decision: dict | None = None


class CombinationRequestList(ApiModel):
    requests: list[CombinationRequestView]
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page; null on the last")
