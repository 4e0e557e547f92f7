"""Contracts of the Health Home portal's secure messages and authorized-user list."""

from __future__ import annotations

from pydantic import Field

from mainecare.domain.health_homes.messaging import MAX_BODY, MAX_SUBJECT
from mainecare.models.base import ApiModel
from mainecare.models.common import StrictRequest


class MessageCreate(StrictRequest):
    to_site_id: str = Field(max_length=128)
    subject: str = Field(min_length=1, max_length=MAX_SUBJECT)
    body: str = Field(min_length=1, max_length=MAX_BODY)


class MessageSummary(ApiModel):
    message_id: str
    from_site_id: str
    to_site_id: str
    sender: str
    sent_at: str
    subject: str


class MessageOut(MessageSummary):
    body: str
    read_by: list[str] = Field(description="users of the receiving site who opened it")


class MessageList(ApiModel):
    site_id: str
    box: str = Field(description="INBOX (to the site) or SENT")
    messages: list[MessageSummary]
    count: int
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page")


class AuthorizedUser(ApiModel):
    user_id: str
    email: str
    status: str
    portal_administrator: bool = Field(description="an Admin (R7) of the organization: keeps this list")
    permissions: list[str] = Field(description="the user's Health Home permissions (nothing else is shown)")


class AuthorizedUsers(ApiModel):
    site_id: str
    users: list[AuthorizedUser]
    count: int
