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
    """An interpreter line needs another service on the same claim, unless a CCT bills it.

    MaineCare Health Home FAQ q48: interpreter services are billed with the accompanying
    service's claim; Community Care Teams may bill them without one.
    """
    code = normalize_hcpcs(line.procedure_code)
    if code not in ctx.interpreter_codes:
        return []
    others = [
        other for other in claim.lines
        if other.line_number != line.line_number
        and normalize_hcpcs(other.procedure_code) not in ctx.interpreter_codes
        and (other.procedure_code or other.revenue_code)
    ]
    if others or ctx.is_community_care_team(claim.billing.npi):
        return []
    dates = claim.dates_of(line)
    return [finding(
        "INTERPRETER_WITHOUT_SERVICE",
        f"Line {line.line_number}: interpreter services ({code}) are paid with the service they support; "
        "bill them on the same claim as that service. Only a Community Care Team may bill them alone.",
        line=line.line_number, hcpcs=code, dos=dates.start if dates else None,
    )]
