"""Contracts of the 837 file receipts: GET /v1/edi/files and GET /v1/edi/files/{file_id}."""

from __future__ import annotations

from pydantic import Field

from mainecare.models.base import ApiModel


class EdiFileCounts(ApiModel):
    claims_expected: int = Field(description="claims (CLM) the file holds, known once it is validated")
    claims_edited: int = Field(description="claims edited so far: progress while the status is EDITING")
    claims_received: int
    claims_accepted: int
    claims_rejected: int
    claims_pended: int = Field(description="accepted, waiting for a crosswalk file to be loaded")


class EdiAnswerLink(ApiModel):
    name: str
    kind: str = Field(description="999, 277ca, ta1, rejections.json or rejections.csv")
    url: str = Field(description="a presigned GET link, valid for 15 minutes")


class EdiRefusal(ApiModel):
    code: str = Field(description="the TA1 note code (TA105, e.g. 025 duplicate) or UNKNOWN_PARTNER")
    reason: str


class EdiFileOut(ApiModel):
    file_id: str = Field(description="the receipt's id: the Maine date and time (ms) first seen, 8 hex digits")
    file_name: str
    trading_partner_id: str
    object_version: str = Field(description="the S3 version id of the upload this receipt is for")
    received_at: str
    updated_at: str
    status: str = Field(description="RECEIVED, VALIDATING, EDITING (claims edited n of N), ANSWERED, or REFUSED "
                                    "(a TA1 says why; see refusal)")
    interchange_control_number: str | None = Field(description="ISA13, once the envelope was read")
    refusal: EdiRefusal | None
    counts: EdiFileCounts
    answers: list[EdiAnswerLink] = Field(description="links to each answer written so far; the rejection "
                                                     "report arrives last")


class EdiFileList(ApiModel):
    files: list[EdiFileOut] = Field(description="newest first")
    count: int
    next_token: str | None = Field(description="pass as ?next_token= for the next page; null on the last")
