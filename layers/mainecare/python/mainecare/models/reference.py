"""Contracts of the reference data routes."""

from __future__ import annotations

from pydantic import Field

from mainecare.models.base import ApiModel


class LoadedCrosswalk(ApiModel):
    source: str
    version: str
    source_key: str
    rows_read: int
    rows_skipped: int
    loaded_at: str


class LoadedCrosswalks(ApiModel):
    crosswalks: list[LoadedCrosswalk]
    next_token: str | None = Field(default=None, description="pass as ?next_token= for the next page; null on the last")
