"""Contracts of the reference data routes."""

from __future__ import annotations

from pydantic import BaseModel


class LoadedCrosswalk(BaseModel):
    source: str
    version: str
    source_key: str
    rows_read: int
    rows_skipped: int
    loaded_at: str


class LoadedCrosswalks(BaseModel):
    crosswalks: list[LoadedCrosswalk]
