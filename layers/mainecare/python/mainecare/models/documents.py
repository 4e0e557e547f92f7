"""Contracts of routes that answer a document (PDF) rather than JSON."""

from __future__ import annotations

from pydantic import BaseModel


class PdfDocument(BaseModel):
    """Returned as application/pdf."""
