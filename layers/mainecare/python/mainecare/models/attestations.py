"""Contracts of the Health Home month routes: the Member Dashboard and the monthly attestation."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest
from mainecare.models.health_homes import MemberId

Activity = Literal["DASHBOARD_SCAN", "OUTREACH_ENGAGEMENT", "RECORD_SCAN", "OTHER_HEALTH_HOME_SERVICE"]
MAX_MEMBERS_PER_SAVE = 2000


class AttestedMemberIn(StrictRequest):
    member_id: str = MemberId
    activity: Activity = Field(description="the minimum billable activity: DASHBOARD_SCAN (later FAQ), "
                               "OUTREACH_ENGAGEMENT (both; at most two continuous months), RECORD_SCAN (2013 FAQ), "
                               "OTHER_HEALTH_HOME_SERVICE (both)")


class AttestationSave(StrictRequest):
    members: list[AttestedMemberIn] = Field(max_length=MAX_MEMBERS_PER_SAVE,
                                            description="members to attest now; may be sent in parts")
    final: bool = Field(False, description="the last save of the month: no further changes by the practice")


class AttestedMemberOut(ApiModel):
    member_id: str
    activity: str
    payable: bool = Field(description="false for dual eligible members of Maine PCMH pilot practices")
    saved_by: str
    saved_at: str


class MemberRefusal(ApiModel):
    member_id: str
    code: str
    message: str


class AttestationResponse(ApiModel):
    site_id: str
    month: str
    window_opens: dt.date
    window_closes: dt.date
    final: bool
    dashboard_scanned: bool = Field(description="someone viewed the site's Member Dashboard this month")
    members: list[AttestedMemberOut]
    errors: list[MemberRefusal] = Field(default_factory=list, description="members not saved, with why")


class UtilizationOut(ApiModel):
    hospitalizations: int
    ed_visits: int
    drug_lines: int
    last_primary_care_visit: dt.date | None
    signals: list[str]


class DashboardMember(ApiModel):
    member_id: str
    name: str
    utilization: UtilizationOut


class DashboardResponse(ApiModel):
    site_id: str
    month: str
    period_start: dt.date
    period_end: dt.date
    members: list[DashboardMember]


class CctAdditionCreate(StrictRequest):
    member_id: str = MemberId
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="the month of the Health Home service")
    service_delivered: bool = Field(description="a Health Home service (intake, plan of care, care coordination) "
                                    "was delivered to the member that month")


class CctAdditionResponse(ApiModel):
    cct_id: str
    member_id: str
    joined_month: str
    rolling_average_percent: str
    cap_percent: str
