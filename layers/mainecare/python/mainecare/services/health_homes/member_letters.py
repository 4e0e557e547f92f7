"""The Health Home letter to a member, rendered to PDF (reportlab) and kept in S3.

The letter names the practice and the dates and tells the member how to opt out or opt in early.
It says nothing about why the member qualifies: no condition, no diagnosis.
"""

from __future__ import annotations

import io
from datetime import date

from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes.dates import OptOutCalendar
from mainecare.domain.health_homes.members import Member, Site
from mainecare.services.health_homes.common import not_found, visible_enrollment
from mainecare.stores import audit, letters


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def render(member: Member, site: Site, calendar: OptOutCalendar, opt_out_policy: dict, request_id: str) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    phone = opt_out_policy["member_services_phone"]
    days = opt_out_policy["days"]
    lines = [
        ("Helvetica-Bold", 14, "MaineCare Health Homes"),
        ("Helvetica", 10, f"Letter date: {_long(calendar.letter_date)}    Reference: {request_id}"),
        ("Helvetica", 10, ""),
        ("Helvetica", 11, f"Dear {member.name} (MaineCare ID {member.member_id}),"),
        ("Helvetica", 11, ""),
        ("Helvetica", 11, f"{site.name} is a MaineCare Health Home. A Health Home practice helps you manage"),
        ("Helvetica", 11, "your care: it coordinates your care, follows up after hospital visits and connects"),
        ("Helvetica", 11, "you with community services. You have been chosen to join this Health Home."),
        ("Helvetica", 11, ""),
        ("Helvetica-Bold", 11, f"You have {days} days to say no: from {_long(calendar.period_begins)} "
                               f"through {_long(calendar.last_day_to_opt_out)}."),
        ("Helvetica", 11, f"To opt out, call MaineCare Member Services at {phone} by "
                          f"{_long(calendar.last_day_to_opt_out)}."),
        ("Helvetica", 11, f"If you do nothing, you will join {site.name} on {_long(calendar.assigned_on)}."),
        ("Helvetica", 11, f"To join sooner, call Member Services at {phone}."),
        ("Helvetica", 11, ""),
        ("Helvetica", 11, "Joining is voluntary and free. Your MaineCare benefits do not change."),
        ("Helvetica", 11, ""),
        ("Helvetica", 11, "MaineCare Services"),
    ]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, invariant=1)
    canvas.setTitle("MaineCare Health Home letter")
    y = letter[1] - 72
    for font, size, text in lines:
        canvas.setFont(font, size)
        canvas.drawString(72, y, text)
        y -= size + 7
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def send(member: Member, site: Site, calendar: OptOutCalendar, opt_out_policy: dict, request_id: str) -> str:
    """Render and store the letter; the key is recorded on the request (mailing is outside us)."""
    return letters.put_letter(calendar.letter_date, request_id,
                              render(member, site, calendar, opt_out_policy, request_id))


def sent_letter(identity: Identity, request_id: str) -> bytes:
    """The letter sent for a member request, exactly as it was sent (the PDF kept in S3), for the
    requesting practice and program staff. The letter names the member, so each download is audited."""
    enrollment = visible_enrollment(identity, request_id)
    if not enrollment.letter_key:
        raise not_found("letter for this member request (denied requests and Stage B additions have none)")
    document = letters.get_letter(enrollment.letter_key)
    audit.record(f"MEMBER_REQUEST#{request_id}", "LETTER_DOWNLOADED", identity, {})
    return document
