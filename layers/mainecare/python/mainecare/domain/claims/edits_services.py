"""Line edits that are not about drugs: procedure code format, licence on the DOS, interpreters."""

from __future__ import annotations

from datetime import date

from mainecare.domain.claims.context import EditContext, LicenseStatus
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim, ServiceLine
from mainecare.domain.ndc import hcpcs_error, normalize_hcpcs


def procedure_code_findings(claim: Claim, line: ServiceLine) -> list[EditFinding]:
    code = normalize_hcpcs(line.procedure_code)
    if not code:
        return []  # institutional revenue-code-only lines have no procedure code
    error = hcpcs_error(code)
    if error is None:
        return []
    dates = claim.dates_of(line)
    return [finding(
        "PROCEDURE_CODE_INVALID",
        f"Line {line.line_number}: {error.message}",
        line=line.line_number, hcpcs=code, dos=dates.start if dates else None,
    )]


def license_findings(
    claim: Claim, line: ServiceLine, ctx: EditContext, seen: dict[tuple[str, date], LicenseStatus | None]
) -> list[EditFinding]:
    """Deny when the rendering provider's licence is not active on a date of service.

    The NPI checked is the line's rendering provider, else the claim's, else the billing
    provider. No answer (None) means the licence is unknown to the sync: no denial. `seen`
    caches lookups within one claim because lines usually share provider and date.
    """
    dates = claim.dates_of(line)
    if dates is None:
        return []
    npi = claim.effective_rendering_npi(line)
    for day in dict.fromkeys((dates.start, dates.last)):
        key = (npi, day)
        if key not in seen:
            seen[key] = ctx.license_status(npi, day)
        status = seen[key]
        if status is not None and not status.active_on(day):
            expiry = f", expired {status.expires_on.isoformat()}" if status.expires_on else ""
            return [finding(
                "RENDERING_LICENSE_INACTIVE",
                f"Line {line.line_number}: rendering provider NPI {npi} licence {status.license_number} is "
                f"'{status.status}'{expiry}; it is not active on the date of service {day.isoformat()}.",
                line=line.line_number, hcpcs=normalize_hcpcs(line.procedure_code), dos=day,
            )]
    return []


def interpreter_findings(claim: Claim, line: ServiceLine, ctx: EditContext) -> list[EditFinding]:
    """An interpreter line needs its accompanying service, unless a CCT bills it.

    MaineCare Health Home FAQ q48: interpreter bills "are usually submitted with a claim for the
    accompanying service"; CCTs may bill them without one. The accompanying service may be on this
    claim or on another stored claim of the member from the same billing provider with a service on
    the same date (policy/interpreter_services.json says what is assumed and why).
    """
    code = normalize_hcpcs(line.procedure_code)
    if code not in ctx.interpreter_codes:
        return []
    if accompanying_lines(claim, ctx.interpreter_codes, exclude=line.line_number):
        return []
    if ctx.is_community_care_team(claim.billing.npi):
        return []
    dates = claim.dates_of(line)
    dos = dates.start if dates else None
    member_id, npi = claim.subscriber.member_id, claim.billing.npi
    if dos is not None and ctx.has_accompanying_claim(member_id, npi, dos, ctx.interpreter_codes):
        return []
    return [finding(
        "INTERPRETER_WITHOUT_SERVICE",
        f"Line {line.line_number}: interpreter services ({code}) are paid with the service they support; "
        "no service from this billing provider on this date of service is on this claim or on a claim "
        "already received. Bill them with or after that service. Only a Community Care Team may bill them alone.",
        line=line.line_number, hcpcs=code, dos=dos,
    )]


def accompanying_lines(claim: Claim, interpreter_codes: frozenset[str], exclude: int | None = None,
                       on: date | None = None) -> list[ServiceLine]:
    """The claim's service lines an interpreter line can accompany: any line with a procedure or
    revenue code that is not itself an interpreter code (on `on`, when given)."""
    found = []
    for other in claim.lines:
        if other.line_number == exclude or normalize_hcpcs(other.procedure_code) in interpreter_codes:
            continue
        if not (other.procedure_code or other.revenue_code):
            continue
        dates = claim.dates_of(other)
        if on is not None and (dates is None or not (dates.start <= on <= (dates.end or dates.start))):
            continue
        found.append(other)
    return found
