"""A small, deterministic PDF writer for letters and reports (reportlab), with pagination."""

from __future__ import annotations

import io
from collections.abc import Iterable

Line = tuple[str, int, str]  # (font, size, text)
HEADING = ("Helvetica-Bold", 14)
BOLD = ("Helvetica-Bold", 11)
BODY = ("Helvetica", 11)
SMALL = ("Helvetica", 9)
MARGIN = 72


def heading(text: str) -> Line:
    return (*HEADING, text)


def bold(text: str) -> Line:
    return (*BOLD, text)


def body(text: str = "") -> Line:
    return (*BODY, text)


def small(text: str = "") -> Line:
    return (*SMALL, text)


def render_lines(title: str, lines: Iterable[Line]) -> bytes:
    """One column of text lines, a new page whenever the page is full. `invariant` keeps the
    bytes identical for identical input (no timestamps), so documents can be compared in tests."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, invariant=1)
    canvas.setTitle(title)
    top = letter[1] - MARGIN
    y = top
    for font, size, text in lines:
        if y < MARGIN:
            canvas.showPage()
            y = top
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, y, text)
        y -= size + 7
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
