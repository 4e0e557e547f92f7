"""Contracts of the authorization routes (referrals, prior authorizations, certification requests)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest

Kind = Literal["REFERRAL", "PRIOR_AUTHORIZATION", "CERTIFICATION"]


class ServiceIn(StrictRequest):
    code_set: Literal["HCPCS", "CPT", "REVENUE", "NDC"]
    code: str = Field(min_length=3, max_length=11, pattern=r"^[A-Za-z0-9]+$",
                      description="HCPCS/CPT code, 4-digit revenue code, or an 11-digit NDC (5-4-2, no dashes)")
    units: int = Field(ge=1, le=100_000)


class AuthorizationCreate(StrictRequest):
    kind: Kind
    member_id: str = Field(min_length=1, max_length=64)
    requesting_npi: str = Field(pattern=r"^\d{10}$")
    servicing_npi: str = Field(pattern=r"^\d{10}$")
    services: list[ServiceIn] = Field(min_length=1, max_length=20)
    starts: date
    ends: date
    diagnoses: list[str] = Field(default_factory=list, max_length=12)
    urgent: bool = False


class DecisionIn(StrictRequest):
    decision: Literal["APPROVE", "DENY", "PEND"]
    reason: str = Field(default="", max_length=500)
    approved_units: int | None = Field(default=None, ge=1, le=100_000)
    approved_starts: date | None = None
    approved_ends: date | None = None
    information_requested: str = Field(default="", max_length=1000)


class ExtendIn(StrictRequest):
    ends: date
    more_units: int = Field(default=0, ge=0, le=100_000)


class AttachmentIn(StrictRequest):
    content_type: str = Field(max_length=100)
    size: int = Field(ge=1, description="bytes; at most 10 MB")


class AttachmentUpload(ApiModel):
    key: str
    url: str = Field(description="POST the file here as multipart/form-data with `fields`, within 15 minutes")
    fields: dict[str, str]


class ServiceOut(ApiModel):
    code_set: str
    code: str
    units: int


class AuthorizationOut(ApiModel):
    authorization_id: str
    kind: str
    status: str = Field(description="SUBMITTED, PENDED (more information asked), APPROVED, DENIED or CANCELLED")
    trading_partner_id: str
    member_id: str
    requesting_npi: str
    servicing_npi: str
    services: list[ServiceOut]
    starts: date
    ends: date
    diagnoses: list[str]
    submitted_at: str
    decide_by: date = Field(description="the turnaround the policy gives staff (standard or urgent)")
    approved_units: int
    approved_starts: date | None
    approved_ends: date | None
    units_used: int
    units_left: int
    decision_reason: str
    information_requested: str


class AuthorizationList(ApiModel):
    authorizations: list[AuthorizationOut]
    count: int
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page")


class BhhCertificationIn(StrictRequest):
    organization_id: str = Field(max_length=64, description="the member's BHH organization (BHHO)")
    certified_on: date
    ends_on: date | None = None
    document_key: str = Field(default="", max_length=300,
                              description="the certification document in the attachments bucket, if uploaded")


class BhhCertificationOut(ApiModel):
    member_id: str
    organization_id: str
    certified_on: date
    ends_on: date | None
