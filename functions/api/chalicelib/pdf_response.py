"""PDF answers: the media type, the download headers, and the schema the OpenAPI document shows.

API Gateway returns a binary body only when the request's Accept header names the media type,
so every PDF route says so in its summary.
"""

from __future__ import annotations

from chalice import Response

PDF = "application/pdf"


def pdf_response(document: bytes, name: str) -> Response:
    return Response(document, status_code=200, headers={
        "Content-Type": PDF, "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
