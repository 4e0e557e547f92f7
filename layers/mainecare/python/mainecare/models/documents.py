"""Contracts of routes that answer a document (PDF) rather than JSON."""

from __future__ import annotations

from pydantic import Field

from mainecare.models.base import ApiModel


class PdfDocument(ApiModel):
    """Returned as application/pdf."""


class ReportTable(ApiModel):
    """A report as JSON: the same rows the PDF and the workbook show, as machine values."""

    model_config = {"populate_by_name": True}

    title: str
    for_: str = Field(alias="for", description="who the report is for: the site")
    period: str
    rows: list[dict]
    totals: dict
