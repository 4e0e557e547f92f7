"""The member portal's documents: the Claims History Report and the Letter of Creditable Coverage.

Both go to the member themselves, so they may name the member; they never show diagnoses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from mainecare.documents.formats import long_date as _long
from mainecare.documents.formats import money, short_date
from mainecare.documents.pdf import body, bold, heading, render_lines, small


def _period(rows: Sequence[dict]) -> str:
    if not rows:
        return "Period: all claims on record"
    first = min(r["service_from"] for r in rows)
    last = max(r["service_to"] or r["service_from"] for r in rows)
    return f"Period: services from {_long(first)} to {_long(last)}"


def claims_history_pdf(member_name: str, member_id: str, rows: Sequence[dict], issued_on: date) -> bytes:
    lines = [heading("MaineCare Claims History Report"), body(f"For {member_name} (MaineCare ID {member_id})"),
             body(_period(rows)), body(f"Issued {_long(issued_on)}"), body(),
             bold(f"{'Service dates':<27}{'Status':<11}{'Billed':>12}   Provider claim number")]
    for row in rows:
        start, end = short_date(row["service_from"]), short_date(row["service_to"])
        dates = start if start == end or not end else f"{start} to {end}"
        lines.append(small(f"{dates:<34}{row['status'].title():<14}{money(row['total_charge']):>14}     "
                           f"{row['patient_control_number']}"))
    if rows:
        total = sum(Decimal(str(r["total_charge"] or 0)) for r in rows)
        lines.append(bold(f"{'Total billed':<38}{money(total):>14}"))
    else:
        lines.append(body("No claims on record for this period."))
    lines += [body(), small("Questions: call MaineCare Member Services.")]
    return render_lines("MaineCare Claims History Report", lines)


def creditable_coverage_pdf(member_name: str, member_id: str, birth_date: date | None,
                            periods: Sequence[tuple[str, date, date | None]], issued_on: date) -> bytes:
    lines = [heading("Letter of Creditable Coverage"), body(f"Date issued: {_long(issued_on)}"), body(),
             body(f"This letter certifies that {member_name}"),
             body(f"MaineCare ID {member_id}" + (f", born {_long(birth_date)}," if birth_date else ",")),
             body("had health coverage through MaineCare (Maine's Medicaid program) for these periods:"), body()]
    for description, start, end in periods:
        lines.append(bold(f"{_long(start)} to {_long(end) if end else 'present (still covered)'}"))
        lines.append(small(f"    {description}"))
    if not periods:
        lines.append(body("MaineCare has no record of coverage for this member."))
    lines += [body(), body("MaineCare coverage is creditable health coverage."), body(), body("MaineCare Services")]
    return render_lines("MaineCare Letter of Creditable Coverage", lines)
