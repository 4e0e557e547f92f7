"""Contracts of the NDC validation routes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import ErrorDetail, StrictRequest

MAX_BATCH = 1000


class NdcValidateRequest(StrictRequest):
    ndc: str = Field(max_length=64, description="11-digit NDC, with or without 5-4-2 hyphens, "
                     "or a hyphenated 10-digit 4-4-2 / 5-3-2 / 5-4-1 NDC; from 2033-03-07 (date of "
                     "service, else today) also a 12-digit 6-4-2 NDC")
    hcpcs: str | None = Field(None, max_length=16, description="HCPCS/CPT code of the drug line")
    date_of_service: str | None = Field(None, max_length=32, description="YYYY-MM-DD",
                                        examples=["2026-04-10"])


class CrosswalkMatch(ApiModel):
    source: Literal["ASP", "PDAC", "APPROVED"]
    version: str


class NdcValidateResponse(ApiModel):
    ndc11: str | None = Field(description="the NDC in 11-digit 5-4-2 billing form, no hyphens")
    ndc12: str | None = Field(None, description="the 12-digit 6-4-2 form, no hyphens, for dates of service "
                              "from the FDA rule's effective date (2033-03-07); null before it")
    format_valid: bool
    claim_ready: bool = Field(description="the NDC exactly as sent passes a claim line's NDC format edit (11 digits, "
                              "or 12 digits 6-4-2 from 2033-03-07); a hyphenated or bare 10-digit NDC is "
                              "format_valid here but a claim must carry the 11-digit form (warning "
                              "NDC_NOT_CLAIM_READY names it)")
    pair_valid: bool | None = Field(description="null when the pair was not checked or a "
                                    "crosswalk for the date of service is not loaded")
    matched: list[CrosswalkMatch]
    errors: list[ErrorDetail]
    warnings: list[ErrorDetail] = Field(default_factory=list)


class NdcBatchRequest(StrictRequest):
    items: list[NdcValidateRequest] = Field(min_length=1, max_length=MAX_BATCH)


class NdcBatchResponse(ApiModel):
    results: list[NdcValidateResponse]
    count: int
