"""Turns a decided claim into what is stored: the claim record and its rebate-extract rows.

Both ways in (API and 837) store through here, so a claim looks the same whichever way it came.
"""

from __future__ import annotations

import hashlib
import uuid

from mainecare import clock
from mainecare.domain.claims.context import EditContext
from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.edits_340b import enrollment_for, is_340b_line
from mainecare.domain.claims.model import Claim
from mainecare.domain.ndc import normalize_ndc
from mainecare.domain.quarters import quarter_of
from mainecare.models.claims_json_out import claim_to_json
from mainecare.stores.claims import RebateRow, StoredClaim


def new_claim_id() -> str:
    return f"C{clock.today():%Y%m%d}{uuid.uuid4().hex[:12].upper()}"


def stable_claim_id(*parts: str) -> str:
    """The same input always gets the same id, so a retry or a redelivery cannot store twice."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12].upper()
    return f"C{digest}"


def _service_span(claim: Claim) -> tuple[str, str]:
    days = [d for line in claim.lines if (r := claim.dates_of(line)) for d in (r.start, r.last)]
    return (min(days).isoformat(), max(days).isoformat()) if days else ("", "")


def stored_claim(claim: Claim, decision: ClaimDecision, claim_id: str, trading_partner_id: str,
                 source: str, draws: list | tuple = ()) -> StoredClaim:
    """`draws`: the authorization units the claim's payable lines draw, kept with its decision so a
    later void or replacement gives them back."""
    service_from, service_to = _service_span(claim)
    recorded = decision.to_dict()
    if draws:
        recorded["authorization_draws"] = [{"line": d.line_number, "authorization_id": d.authorization_id,
                                            "units": d.units} for d in draws]
    return StoredClaim(
        claim_id=claim_id, trading_partner_id=trading_partner_id, channel=decision.channel,
        status=decision.status, received_at=clock.now_text(),
        patient_control_number=claim.patient_control_number, member_id=claim.subscriber.member_id,
        service_from=service_from, service_to=service_to, total_charge=str(claim.total_charge), source=source,
        claim=claim_to_json(claim), decision=recorded,
    )


def rebate_rows(claim: Claim, decision: ClaimDecision, context: EditContext) -> list[RebateRow]:
    """Payable drug lines, for the quarterly rebate invoice; 340B lines are flagged to leave out."""
    if not decision.accepted:
        return []
    rows = []
    for line in claim.lines:
        dates = claim.dates_of(line)
        if decision.line_statuses.get(line.line_number) != "PAYABLE" or not line.drug or dates is None:
            continue
        parsed = normalize_ndc(line.drug.ndc_raw, formats=context.ndc_formats(dates.start))
        if not parsed.format_valid:
            continue
        enrollment = enrollment_for(claim, line, context)
        rows.append(RebateRow(
            quarter=quarter_of(dates.start), ndc11=parsed.billing_ndc, hcpcs=line.procedure_code,
            line=line.line_number, units=str(line.units),
            ndc_quantity=str(line.drug.quantity if line.drug.quantity is not None else ""),
            ndc_unit=line.drug.unit, is_340b=is_340b_line(claim, line, enrollment)))
    return rows
