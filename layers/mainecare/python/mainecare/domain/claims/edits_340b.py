"""340B modifiers on drug lines, and which lines the Medicaid drug rebate extract must leave out.

MaineCare (bulletins 2022-10-12, 2023-07-14, overview 2024-01-29): a 340B provider marks drug
lines with JG when MaineCare is primary or secondary to commercial insurance, JG or TB when
MaineCare is secondary to Medicare, and UC on drugs it did not buy under 340B. Modifiers that
disagree with the provider's 340B enrolment for the service location warned with RARC N363 and
were to move to denial; the switch date is effective-dated policy (EditContext).

"Secondary to Medicare" is read from the claim's other payers (837 2320 SBR09, JSON
otherSubscriberInformation[].claimFilingIndicatorCode): any other payer filed as MA, MB or 16.

Why exclusion matters: 42 USC 256b(a)(5)(A)(i) forbids a 340B price and a Medicaid rebate on the
same unit (duplicate discount), so 340B lines must stay out of rebate invoices.
"""

from __future__ import annotations

from mainecare.domain.claims.context import EditContext, Enrollment340B
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim, ServiceLine

JG, TB, UC = "JG", "TB", "UC"
_340B_FLAGS = frozenset({JG, TB})


def is_drug_line(line: ServiceLine, ctx: EditContext) -> bool:
    return bool(line.drugs) or (bool(line.procedure_code) and ctx.ndc_required(line.procedure_code))


def enrollment_for(claim: Claim, line: ServiceLine, ctx: EditContext) -> Enrollment340B | None:
    dates = claim.dates_of(line)
    if dates is None:
        return None
    return ctx.provider_340b(claim.billing.npi, claim.service_location_npi, dates.start)


def modifier_340b_findings(claim: Claim, line: ServiceLine, ctx: EditContext) -> list[EditFinding]:
    if not is_drug_line(line, ctx):
        return []
    dates = claim.dates_of(line)
    if dates is None:
        return []  # a claim-level SERVICE_DATE_MISSING already rejects it
    problem = _mismatch(claim, line, enrollment_for(claim, line, ctx))
    if problem is None:
        return []
    mode = ctx.modifier_340b_mode(dates.start)
    return [finding(
        "MODIFIER_340B_MISMATCH",
        f"Line {line.line_number}: {problem}",
        line=line.line_number,
        hcpcs=line.procedure_code,
        ndc=line.drug.ndc_raw if line.drug else "",
        dos=dates.start,
        severity=mode,
    )]


def _mismatch(claim: Claim, line: ServiceLine, enrollment: Enrollment340B | None) -> str | None:
    mods = set(line.modifiers)
    flagged = sorted(mods & _340B_FLAGS)
    site = claim.service_location_npi or "the billing address"
    if enrollment is None:
        if flagged:
            return (
                f"modifier {'/'.join(flagged)} marks a 340B drug, but NPI {claim.billing.npi} is not a 340B "
                f"site billing MaineCare at {site} on the date of service."
            )
        return None
    if UC in mods and flagged:
        return f"UC (not bought under 340B) contradicts {'/'.join(flagged)} (340B drug); send one."
    if UC in mods:
        return None
    if TB in mods and not claim.secondary_to_medicare:
        return (
            "TB is for claims secondary to Medicare; use JG when MaineCare is primary or "
            "secondary to commercial insurance."
        )
    if not flagged:
        allowed = "JG or TB" if claim.secondary_to_medicare else "JG"
        return (
            f"NPI {claim.billing.npi} is a 340B site at {site}: a 340B drug line needs {allowed}, "
            "or UC when the drug was not bought under 340B."
        )
    return None


def is_340b_line(claim: Claim, line: ServiceLine, enrollment: Enrollment340B | None) -> bool:
    """True when the rebate extract must leave this line out.

    Only lines with an NDC can be invoiced, so only they are considered. A line is 340B when it
    says so (JG/TB), or when the site is a 340B carve-in site and the line does not say UC. The
    doubtful cases (JG from a site not on the exclusion file) are left out too: a lost rebate can
    be invoiced later, a duplicate discount is a statutory violation.
    """
    if not line.drugs:
        return False
    mods = set(line.modifiers)
    if mods & _340B_FLAGS:
        return True
    return enrollment is not None and UC not in mods
