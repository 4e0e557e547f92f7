"""Contracts of the account routes."""

from __future__ import annotations

from pydantic import Field

from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest


class MeResponse(ApiModel):
    email: str
    trading_partner_id: str
    permissions: list[str]


class TradingPartnerResponse(ApiModel):
    trading_partner_id: str
    name: str
    kind: str
    status: str


class CataloguePermission(ApiModel):
    name: str
    area: str
    audience: str = Field(description="partner (an Admin grants it), staff (MaineCare only) or member")
    description: str


class PermissionCatalogueResponse(ApiModel):
    areas: list[str]
    permissions: list[CataloguePermission]
    role_templates: dict[str, list[str]] = Field(description="starting lists an Admin (R7) invites with")


class PartnerUser(ApiModel):
    user_id: str = Field(description="the user's immutable id (Cognito sub)")
    email: str
    status: str = Field(description="INVITED (until the first sign-in), ACTIVE or INACTIVE")
    admin: bool = Field(description="holds users:manage: the Admin (R7) role")
    permissions: list[str]
    last_sign_in: str | None = Field(description="Maine date of the latest sign-in; null when never")
    invited_at: str | None
    flagged_inactive_at: str | None = Field(description="when the inactivity job gave notice; cleared by a sign-in")


class PartnerUserList(ApiModel):
    trading_partner_id: str
    users: list[PartnerUser]
    count: int
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page")


class InviteUserRequest(StrictRequest):
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                       description="the username; unique across MaineCare whatever the case")
    permissions: list[str] = Field(default_factory=list, max_length=60)
    template: str | None = Field(default=None, max_length=60, description="a role template to start from")


class PermissionChangeRequest(StrictRequest):
    grant: list[str] = Field(default_factory=list, max_length=60)
    revoke: list[str] = Field(default_factory=list, max_length=60)


class AdminCoverage(ApiModel):
    trading_partner_id: str
    name: str
    kind: str
    users: int
    active_users: int
    active_admins: int
    recommended_admins: int
    level: str = Field(description="ERROR (no active Admin), WARNING (fewer than asked for or recommended), OK")
    message: str


class AdminCoverageResponse(ApiModel):
    partners: list[AdminCoverage]
    count: int


class AuditEntry(ApiModel):
    entity: str = Field(description="what the entry is about, e.g. MEMBER#<id>, USER#<sub>, CLAIM#<id>")
    at: str
    action: str
    actor: str = Field(description="the user's e-mail, or system:<job>")
    actor_partner: str | None = Field(description="the actor's trading partner when the change was made")
    details: dict


class AuditPage(ApiModel):
    entries: list[AuditEntry]
    count: int
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page")
