"""Contracts of the provider routes: licences with their history, and maintenance cases."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import AliasChoices, ConfigDict, Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest

CaseType = Literal["ADD_LICENSE", "RENDERING_PROVIDER_DETAILS", "SERVICE_LOCATION_DETAILS", "ACCEPTING_NEW_PATIENTS"]


class LicenseSpanOut(ApiModel):
    status: str
    starts: dt.date | None = Field(None, description="none: in force since before the sync knew it")
    expires: dt.date | None
    visible_from: dt.date | None = Field(None, description="the day the span reached the portal and the claim "
                                                           "edit (the Tuesday after a Monday sync)")


class LicenseOut(ApiModel):
    license_number: str
    profession: str = ""
    current: LicenseSpanOut
    history: list[LicenseSpanOut] = Field(description="every span, earliest first")


class LicensesResponse(ApiModel):
    npi: str
    licenses: list[LicenseOut]


class NewLicense(StrictRequest):
    license_number: str = Field(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9-]+$")
    status: str = Field("ACTIVE", max_length=20)
    expires: dt.date
    profession: str = Field("", max_length=80)


class MaintenanceCaseIn(StrictRequest):
    type: CaseType
    license: NewLicense | None = Field(None, description="for ADD_LICENSE")
    accepting_new_patients: bool | None = Field(None, description="for ACCEPTING_NEW_PATIENTS")
    service_location_npi: str | None = Field(None, pattern=r"^\d{10}$",
                                             description="the service location the provider renders at")
    changes: dict[str, str] = Field(default_factory=dict, max_length=20,
                                    description="for *_DETAILS: field -> new value (name, address, phone ...)")


class MaintenanceCaseOut(ApiModel):
    """Read straight from the stored case (its `case_type` is this answer's `type`)."""

    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    case_id: str
    npi: str
    type: str = Field(validation_alias=AliasChoices("type", "case_type"))
    details: dict
    status: str
    opened_by: str
    opened_at: str
    decided_by: str = ""
    decided_at: str = ""
    decision_reason: str = ""


class MaintenanceCaseList(ApiModel):
    npi: str
    cases: list[MaintenanceCaseOut]
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page; null on the last")


class CaseDecisionIn(StrictRequest):
    decision: Literal["APPLY", "DENY"]
    reason: str = Field("", max_length=500)
