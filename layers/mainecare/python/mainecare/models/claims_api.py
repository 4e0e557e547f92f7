"""Contracts of the claim routes' answers (the request is models/claims_json.ClaimRequest)."""

from __future__ import annotations

from pydantic import Field

from mainecare.models.base import ApiModel


class Finding(ApiModel):
    code: str
    message: str
    severity: str
    carc: str | None = None
    rarc: str | None = None
    line: int | None = None
    ndc: str | None = None
    hcpcs: str | None = None
    dos: str | None = None
    awaiting: list[str] | None = Field(
        default=None, description="for a pended line: the crosswalk files that can settle it, "
                                  "ASP#<quarter> and/or PDAC")


class LineOutcome(ApiModel):
    line: int
    status: str = Field(description="PAYABLE, DENIED, PENDED (waits for a crosswalk file to be loaded), or "
                                    "REJECTED (the whole claim was rejected)")
    reasons: list[Finding]


class ClaimOutcome(ApiModel):
    claim_id: str | None = Field(description="null for /v1/claims/validate, which stores nothing")
    status: str = Field(description="ACCEPTED, PENDED (a line waits for a crosswalk file; re-edited when it "
                                    "is loaded) or REJECTED")
    channel: str
    patient_control_number: str
    lines: list[LineOutcome]
    reasons: list[Finding] = Field(description="why the claim was rejected or lines denied or pended")
    warnings: list[Finding]


class ClaimSummary(ApiModel):
    claim_id: str
    trading_partner_id: str
    channel: str
    status: str
    received_at: str
    patient_control_number: str
    service_from: str
    service_to: str
    total_charge: str
    source: str


class ClaimDetail(ClaimSummary):
    claim: dict
    decision: dict


class ClaimList(ApiModel):
    claims: list[ClaimSummary]
    count: int = Field(description="claims on this page")
    next_token: str | None = Field(None, description="send as ?next_token= for the next page; null at the end")


class RebateNdc(ApiModel):
    ndc11: str
    ndc_unit: str
    lines: int
    hcpcs_units: str
    ndc_quantity: str


class RebateExtract(ApiModel):
    quarter: str
    excluded_340b_lines: int = Field(description="340B drug lines left out to avoid a duplicate discount")
    ndcs: list[RebateNdc]
