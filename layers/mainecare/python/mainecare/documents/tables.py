"""A report as people read it: a title, who it is for, the period, a table and totals, rendered
as PDF (reportlab) or an Excel workbook (openpyxl). Money is written as money, dates as people
write them; the JSON answer carries the same rows as machine values."""

from __future__ import annotations

import io
from dataclasses import field
from datetime import date
from decimal import Decimal

from mainecare.documents.formats import long_date, money, short_date
from mainecare.documents.pdf import body, bold, heading, render_lines, small
from valueobjects import value_object

TEXT, MONEY, DATE, COUNT = "text", "money", "date", "count"


@value_object
class Column:
    title: str
    kind: str = TEXT
    width: int = 16  # characters in the PDF's fixed-width table


@value_object
class TableReport:
    title: str
    audience: str  # who it is for: the site
    period: str
    columns: tuple[Column, ...]
    rows: list[list] = field(default_factory=list)
    totals: dict[str, object] = field(default_factory=dict)


def _shown(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == MONEY:
        return money(value)
    if kind == DATE:
        return short_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _cell(text: str, width: int, kind: str) -> str:
    text = text[: width - 1]
    return text.rjust(width - 1) + " " if kind in (MONEY, COUNT) else text.ljust(width)


def to_pdf(report: TableReport, issued: date) -> bytes:
    header = "".join(_cell(c.title, c.width, c.kind) for c in report.columns)
    lines = [heading(report.title), body(f"For {report.audience}"), body(f"Period: {report.period}"),
             body(f"Issued {long_date(issued)}"), body(), bold(header)]
    for row in report.rows:
        lines.append(small("".join(_cell(_shown(v, c.kind), c.width, c.kind) for v, c in zip(row, report.columns,
                                                                                            strict=True))))
    if not report.rows:
        lines.append(body("Nothing to report for this period."))
    lines.append(body())
    for name, value in report.totals.items():
        lines.append(bold(f"{name}: {money(value) if isinstance(value, Decimal) else value}"))
    return render_lines(report.title, lines)


def to_xlsx(report: TableReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = report.title[:31]
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"For {report.audience}"])
    sheet.append([f"Period: {report.period}"])
    sheet.append([])
    sheet.append([c.title for c in report.columns])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append([_excel(v, c.kind) for v, c in zip(row, report.columns, strict=True)])
        for cell, column in zip(sheet[sheet.max_row], report.columns, strict=True):
            if column.kind == MONEY:
                cell.number_format = '"$"#,##0.00'
            elif column.kind == DATE:
                cell.number_format = "mm/dd/yyyy"
    sheet.append([])
    for name, value in report.totals.items():
        sheet.append([name, _excel(value, MONEY if isinstance(value, Decimal) else COUNT)])
        if isinstance(value, Decimal):
            sheet.cell(sheet.max_row, 2).number_format = '"$"#,##0.00'
    for index, column in enumerate(report.columns, start=1):
        sheet.column_dimensions[sheet.cell(5, index).column_letter].width = max(column.width, len(column.title) + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel(value, kind: str):
    if value is None:
        return None
    if kind == MONEY:
        return float(Decimal(str(value)))  # Excel stores numbers as doubles; shown with 2 decimals
    if kind == DATE and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def to_json(report: TableReport) -> dict:
    keys = [c.title.lower().replace(" ", "_") for c in report.columns]
    return {"title": report.title, "for": report.audience, "period": report.period,
            "rows": [{k: (str(v) if isinstance(v, Decimal) else v.isoformat() if isinstance(v, date) else v)
                      for k, v in zip(keys, row, strict=True)} for row in report.rows],
            "totals": {k: (str(v) if isinstance(v, Decimal) else v) for k, v in report.totals.items()}}
