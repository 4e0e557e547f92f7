"""The member edit: a claim is for a MaineCare member covered on every date of service.

The member is the subscriber (2010BA NM109 / subscriber.memberId): MaineCare members are always
their own subscribers. Coverage is what the eligibility feed loaded: spans with
start <= date <= end, end open allowed; a line's date range must be covered day by day, possibly
by adjoining spans. Any coverage code counts here; what a limited benefit plan (Pharmacy Only...)
pays for is a later edit. Messages name the line and date, never the member ID: they reach the
277CA, the Business Rejection Report and logs.
"""

from __future__ import annotations

from datetime import date, timedelta

from mainecare.domain.claims.context import EditContext
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim
from mainecare.domain.members.spans import CoverageSpan


def covered_throughout(spans: tuple[CoverageSpan, ...], first: date, last: date) -> bool:
    """True when every day from first to last lies in some span (spans may adjoin or overlap)."""
    day = first
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > day:
            break  # a gap before this span: `day` is not covered
        if span.end is None or span.end >= last:
            return True
        day = max(day, span.end + timedelta(days=1))
    return False


def member_findings(claim: Claim, context: EditContext) -> list[EditFinding]:
    member_id = claim.subscriber.member_id.strip()
    spans = context.member_coverage(member_id) if member_id else None
    if spans is None:
        return [finding("MEMBER_NOT_FOUND", "The subscriber's member ID is not a MaineCare member ID.")]
    found: list[EditFinding] = []
    for line in claim.lines:
        dates = claim.dates_of(line)
        if dates is None or covered_throughout(spans, dates.start, dates.last):
            continue  # a line without dates is SERVICE_DATE_MISSING's business
        shown = dates.start.isoformat() if dates.start == dates.last else \
            f"{dates.start.isoformat()} to {dates.last.isoformat()}"
        found.append(finding(
            "MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE",
            f"Line {line.line_number}: the member has no MaineCare coverage on the date of service {shown}.",
            line=line.line_number, hcpcs=line.procedure_code, dos=dates.start,
        ))
    return found
