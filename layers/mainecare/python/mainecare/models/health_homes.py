"""Contracts of the Health Home routes: member requests, panels, eligibility."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest

MemberId = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$", description="MaineCare member ID")
SiteId = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
Status = Literal["DENIED", "PENDING", "OPTED_OUT", "ASSIGNED", "TERMINATED", "MOVED"]


# --- requests ----------------------------------------------------------------------------

class MemberRequestCreate(StrictRequest):
    member_id: str = MemberId


class StageBAdditionCreate(StrictRequest):
    member_id: str = MemberId


class OptOutCreate(StrictRequest):
    channel: Literal["PHONE", "MAIL"] = Field(description="how the member told MaineCare")
    scope: Literal["PRACTICE", "HEALTH_HOME_SERVICES"] = Field(
        "PRACTICE", description="what the member opts out of (later FAQ q5): assignment to this practice "
        "(later auto-assignments skip the practice) or Health Home services (they skip the member)")
    note: str | None = Field(None, max_length=500)


class OptInCreate(StrictRequest):
    channel: Literal["PHONE", "SIGNED_FORM"] = Field(
        description="a call to Member Services, or a signed Stage A opt-in form (from January 2015)")
    note: str | None = Field(None, max_length=500)


class OverrideCreate(StrictRequest):
    reason: str = Field(min_length=10, max_length=500,
                        description="why the earlier Stage B services no longer apply (recorded)")


class TerminationCreate(StrictRequest):
    reason: str = Field(max_length=40, description="a termination reason code, e.g. NO_LONGER_SERVED")
    effective_date: dt.date = Field(description="first day the member is off the panel")


class MoveCreate(StrictRequest):
    to_site_id: str = SiteId
    effective_date: dt.date = Field(description="first day at the new site")


class ServiceStartCreate(StrictRequest):
    section: str = Field(min_length=1, max_length=16, pattern=r"^[0-9A-Za-z.\-]+$",
                         description="MaineCare Benefits Manual section: 13, 17.04-1 ... 17.04-4, 91 (CCT), 92 (BHH)")
    start_date: dt.date
    end_date: dt.date | None = None
    provider_id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")


# --- answers -----------------------------------------------------------------------------

class ReasonView(ApiModel):
    code: str
    message: str
    detail: str | None = Field(None, description="staff only")
    overridable: bool | None = Field(None, description="staff only")


class HistoryView(ApiModel):
    at: str
    status: str
    action: str
    actor: str
    channel: str | None = None
    note: str | None = None


class MemberRequestResponse(ApiModel):
    request_id: str
    site_id: str
    member_id: str
    stage: Literal["A", "B"]
    source: Literal["PRACTICE_REQUEST", "AUTO_ASSIGN", "STAGE_B_ADDITION", "MOVE", "MEMBER_TRANSFER",
                    "TRANSFER_REQUEST"]
    status: Status
    decision: str = Field(description="what happened, in words")
    reason: str | None = Field(None, description="auto-assigned: batch and the date the opt-out period began")
    reasons: list[ReasonView] = Field(default_factory=list, description="why a request was denied")
    batch: str | None = None
    requested_at: str
    letter_date: dt.date | None = None
    opt_out_period_begins: dt.date | None = None
    last_day_to_opt_out: dt.date | None = None
    assigns_on: dt.date | None = Field(None, description="day 29: when the member joins unless they opt out")
    assigned_on: dt.date | None = None
    ended_on: dt.date | None = None
    termination_reason: str | None = None
    opt_out_scope: Literal["PRACTICE", "HEALTH_HOME_SERVICES"] | None = None
    moved_to_request_id: str | None = None
    moved_from_request_id: str | None = None
    override_reason: str | None = None
    letter_key: str | None = None
    decided_at: str | None = None
    history: list[HistoryView]


class MemberRequestList(ApiModel):
    site_id: str
    status: Status | None
    requests: list[MemberRequestResponse]
    count: int
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page; null on the last")


class MemberLeaveCreate(StrictRequest):
    channel: Literal["PHONE", "MAIL"] = Field(description="how the member told Member Services")
    effective_date: dt.date | None = Field(None, description="first day off the panel; default tomorrow")
    note: str | None = Field(None, max_length=500)


class MemberTransferCreate(StrictRequest):
    to_site_id: str = SiteId
    channel: Literal["PHONE", "MAIL"] = Field(description="how the member told Member Services")
    effective_date: dt.date | None = Field(None, description="first day at the new site; default tomorrow")
    note: str | None = Field(None, max_length=500)


class TransferResponse(ApiModel):
    transferred_out: MemberRequestResponse
    transferred_in: MemberRequestResponse


class MoveResponse(ApiModel):
    moved_out: MemberRequestResponse
    moved_in: MemberRequestResponse


class PanelMember(ApiModel):
    member_id: str
    name: str
    request_id: str
    stage: Literal["A", "B"]
    status: Status
    assigned_on: dt.date
    ended_on: dt.date | None
    attestable: bool
    not_attestable_reason: Literal["ASSIGNED_AFTER_CUTOFF", "LEFT_BEFORE_CUTOFF"] | None


class PanelResponse(ApiModel):
    site_id: str
    month: str
    cutoff_day: int | None = Field(description="null: no cut-off that month (2013 start-up)")
    cutoff_date: dt.date
    members: list[PanelMember]
    count: int
    attestable_count: int


class CoverageSpanView(ApiModel):
    code: str
    description: str
    full: bool
    start: dt.date
    end: dt.date | None


class EnrollmentOnDate(ApiModel):
    enrolled: bool
    site_id: str | None = None
    since: dt.date | None = None


class EligibilityResponse(ApiModel):
    member_id: str
    first_name: str
    last_name: str
    birth_date: dt.date
    date: dt.date
    eligible: bool = Field(description="MaineCare coverage on the date")
    coverage: CoverageSpanView | None
    full_coverage: bool
    history: list[CoverageSpanView] = Field(description="every coverage span, newest first")
    health_home: EnrollmentOnDate
    pccm: EnrollmentOnDate
    dual_eligible: bool


class HealthHomeEligibilityResponse(ApiModel):
    member_id: str
    date: dt.date
    stage: Literal["A"]
    eligible: bool
    reasons: list[ReasonView]
    overridable: bool | None = Field(None, description="staff only")


class NoticeView(ApiModel):
    notice_id: str
    provider_id: str
    section: str
    service_start: dt.date
    request_id: str
    text: str


class ServiceRecordedResponse(ApiModel):
    member_id: str
    section: str
    duplicative: bool
    outcome: Literal["NONE", "DISENROLLED", "NOTICES_SENT"]
    request_id: str | None = None
    notices: list[NoticeView] = Field(default_factory=list)
