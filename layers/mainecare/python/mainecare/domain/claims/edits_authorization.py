"""The utilization-management edits (brief section 2 and issue 12), pure.

- A line whose code needs an authorization on its date of service denies (AUTHORIZATION_REQUIRED,
  CARC 197) unless an approved authorization for the member and the servicing (rendering, else
  billing) provider covers the date and still has the line's units; those units are drawn.
- A drug line whose NDC is not on the CMS Medicaid Drug Rebate Program list on the date of service
  denies (NDC_NOT_ON_REBATE_LIST) unless a prior authorization covers the NDC (code set NDC) the same
  way. A rebate list not loaded never denies.
Lines draw in order; a unit one line took the next cannot take.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from mainecare.domain.authorizations.drawdown import Draw, choose
from mainecare.domain.claims.context import EditContext
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim, ServiceLine

VOID = "8"


def _units(line: ServiceLine) -> int:
    """Units a line draws: its service units, rounded up to whole units (at least one)."""
    return max(1, int(Decimal(line.units or 1).to_integral_value(rounding=ROUND_CEILING)))


def authorization_findings(claim: Claim, context: EditContext, earlier: dict[int, list[EditFinding]]
                           ) -> tuple[dict[int, list[EditFinding]], list[Draw]]:
    """`earlier`: the line findings of the other edits. A drug line whose NDC another edit already
    found wrong (format, pair, quantity) is not judged against the rebate list too: one reason per
    defect."""
    if claim.frequency_code == VOID:  # a void pays nothing: it only gives back what its original drew
        return {}, []
    held: tuple | None = None  # read only when a line needs an authorization: most claims need none
    taken: dict[str, int] = {}
    found: dict[int, list[EditFinding]] = {}
    draws: list[Draw] = []
    for line in claim.lines:
        dates = claim.dates_of(line)
        if dates is None:
            continue
        day, units = dates.start, _units(line)
        servicing = claim.effective_rendering_npi(line)
        needs = []
        if context.authorization_required(line.procedure_code, day):
            needs.append((line.procedure_code, "AUTHORIZATION_REQUIRED",
                          f"Line {line.line_number}: {line.procedure_code} needs an approved authorization "
                          "for this member and provider covering the date of service, with units left."))
        ndc = "".join(ch for ch in line.drug.ndc_raw if ch.isdigit()) if line.drug else ""
        ndc_already_wrong = any(f.code.startswith(("NDC_", "DRUG_")) for f in earlier.get(line.line_number, ()))
        if len(ndc) == 11 and not ndc_already_wrong and context.on_rebate_list(ndc, day) is False:
            needs.append((ndc, "NDC_NOT_ON_REBATE_LIST",
                          f"Line {line.line_number}: NDC {ndc} is not on the CMS Medicaid Drug Rebate Program "
                          "list on the date of service and no prior authorization covers it."))
        if needs and held is None:
            held = context.authorizations_for(claim.subscriber.member_id) if claim.subscriber.member_id else ()
        for code, finding_code, message in needs:
            chosen = choose(held, claim.subscriber.member_id, servicing, code, day, units, taken)
            if chosen is None:
                found.setdefault(line.line_number, []).append(finding(
                    finding_code, message, line=line.line_number, hcpcs=line.procedure_code, dos=day,
                    ndc=ndc if finding_code == "NDC_NOT_ON_REBATE_LIST" else ""))
                continue
            taken[chosen.authorization_id] = taken.get(chosen.authorization_id, 0) + units
            draws.append(Draw(line.line_number, chosen.authorization_id, units, chosen.approved_units))
    return found, draws
