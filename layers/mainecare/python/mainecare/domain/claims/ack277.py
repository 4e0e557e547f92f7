"""277CA claim acknowledgement (005010X214) for one 837 transaction: accepted and rejected claims.

Hierarchy (BRIEF section 4): 20 payer -> 21 submitter (TRN*2 = the 837's BHT03, STC A1:19 with
accepted/rejected counts and amounts) -> 19 billing provider -> PT one per claim (TRN*2 = the
patient control number CLM01, STC A2:20 accepted or A6/A7:21 rejected with the reason in STC12,
REF*1K the payer claim control number when accepted, DTP*472 the service dates).

Counts and amounts at the submitter level are written only when non-zero (X214: QTY*90/AMT*YU
"when accepted claims", QTY*AA/AMT*YY "when rejected claims"). Line denials of accepted claims are
not 277CA business: they go on the 835. STC12 text is the edit message, which by design holds
only what the submitter sent about the service (NPI, NDC, HCPCS, dates), never a diagnosis.

This writes ST..SE; the interchange/group envelope (ISA/GS/GE/IEA) is the X12 writer's job.
`writer_factory` lets domain.x12.writer.X12Writer replace the tiny writer below: anything with
segment(id, *elements) and text() works.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.model import Claim

IMPLEMENTATION_REF = "005010X214"
STC12_MAX = 264  # X12 element 933 (free-form message text) maximum length


class SegmentWriter:
    """Minimal X12 segment writer: trailing empty elements dropped, tuples become composites."""

    def __init__(self, element: str = "*", component: str = ":", terminator: str = "~"):
        self.element, self.component, self.terminator = element, component, terminator
        self.segments: list[str] = []

    def segment(self, seg_id: str, *elements: str | tuple[str, ...]) -> None:
        values = [
            self.component.join(e).rstrip(self.component) if isinstance(e, tuple) else e for e in elements
        ]
        while values and values[-1] == "":
            values.pop()
        self.segments.append(self.element.join([seg_id, *values]))

    def text(self) -> str:
        return "".join(s + self.terminator for s in self.segments)


class _Counted:
    """Counts segments for SE01 without relying on the writer's internals."""

    def __init__(self, writer):
        self.writer, self.count = writer, 0

    def segment(self, seg_id: str, *elements: str | tuple[str, ...]) -> None:
        self.count += 1
        self.writer.segment(seg_id, *elements)


@dataclass(frozen=True)
class AckClaim:
    claim: Claim
    decision: ClaimDecision
    payer_claim_control_number: str = ""  # REF*1K, assigned when the claim enters adjudication


@dataclass(frozen=True)
class AckHeader:
    reference: str  # our trace number: BHT03 and TRN*1
    batch_reference: str  # the 837's BHT03, echoed in TRN*2 at the submitter level
    received: date  # DTP*050
    processed: datetime  # BHT04/05 and DTP*009
    payer_name: str = "MAINECARE"
    payer_id: str = "MAINECARE"
    set_control_number: str = "0001"


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _d8(day: date) -> str:
    return day.isoformat().replace("-", "")  # CCYYMMDD, without strftime's cost per claim


def free_text(message: str) -> str:
    """STC12: no X12 delimiters, one line, at most 264 characters."""
    cleaned = re.sub(r"[*~:^|\r\n\t]+", " ", message)
    return re.sub(r" {2,}", " ", cleaned).strip()[:STC12_MAX]


def _claim_dates(claim: Claim) -> tuple[str, str] | None:
    ranges = [r for r in (claim.dates_of(line) for line in claim.lines) if r is not None]
    if not ranges:
        return None
    first, last = min(r.start for r in ranges), max(r.last for r in ranges)
    return ("D8", _d8(first)) if first == last else ("RD8", f"{_d8(first)}-{_d8(last)}")


def _write_patient(w, hl: int, parent: int, item: AckClaim, today: str) -> None:
    claim, decision = item.claim, item.decision
    person = claim.patient_or_subscriber
    w.segment("HL", str(hl), str(parent), "PT")
    member_id = claim.subscriber.member_id
    w.segment("NM1", "QC", "1", person.last_name, person.first_name, "", "", "", "MI", member_id)
    w.segment("TRN", "2", claim.patient_control_number)
    amount = _amount(claim.total_charge)
    if decision.accepted:
        w.segment("STC", ("A2", "20"), today, "WQ", amount)
        if item.payer_claim_control_number:
            w.segment("REF", "1K", item.payer_claim_control_number)
    else:
        # One STC per reason: a provider fixing an 837 needs every problem, not the first.
        for reason in decision.reasons:
            text = free_text(reason.message)
            w.segment("STC", (reason.ack_category, *reason.ack_status), today, "U", amount, *[""] * 7, text)
    dates = _claim_dates(claim)
    if dates:
        w.segment("DTP", "472", *dates)


def write_277ca(
    header: AckHeader,
    claims: Sequence[AckClaim],
    writer_factory: Callable[[], SegmentWriter] = SegmentWriter,
) -> str:
    if not claims:
        raise ValueError("a 277CA acknowledges at least one claim")
    writer = writer_factory()
    w = _Counted(writer)
    today = _d8(header.processed.date())
    accepted = [c for c in claims if c.decision.accepted]
    rejected = [c for c in claims if not c.decision.accepted]
    submitter = claims[0].claim.submitter

    w.segment("ST", "277", header.set_control_number, IMPLEMENTATION_REF)
    w.segment("BHT", "0085", "08", header.reference, today, header.processed.strftime("%H%M"), "TH")
    w.segment("HL", "1", "", "20", "1")
    w.segment("NM1", "PR", "2", header.payer_name, "", "", "", "", "PI", header.payer_id)
    w.segment("TRN", "1", header.reference)
    w.segment("DTP", "050", "D8", _d8(header.received))
    w.segment("DTP", "009", "D8", today)
    w.segment("HL", "2", "1", "21", "1")
    w.segment("NM1", "41", "2", submitter.name, "", "", "", "", "46", submitter.id)
    w.segment("TRN", "2", header.batch_reference)
    total = sum((c.claim.total_charge for c in claims), start=Decimal(0))
    w.segment("STC", ("A1", "19", "PR"), today, "WQ", _amount(total))
    if accepted:
        w.segment("QTY", "90", str(len(accepted)))
    if rejected:
        w.segment("QTY", "AA", str(len(rejected)))
    if accepted:
        w.segment("AMT", "YU", _amount(sum((c.claim.total_charge for c in accepted), start=Decimal(0))))
    if rejected:
        w.segment("AMT", "YY", _amount(sum((c.claim.total_charge for c in rejected), start=Decimal(0))))

    by_provider: dict[str, list[AckClaim]] = {}
    for item in claims:
        by_provider.setdefault(item.claim.billing.npi, []).append(item)
    hl = 2
    for items in by_provider.values():
        hl += 1
        provider_hl = hl
        billing = items[0].claim.billing
        entity = "1" if billing.first_name else "2"
        w.segment("HL", str(provider_hl), "2", "19", "1")
        w.segment("NM1", "85", entity, billing.name, billing.first_name, "", "", "", "XX", billing.npi)
        for item in items:
            hl += 1
            _write_patient(w, hl, provider_hl, item, today)
    # SE01 counts every segment of the set, ST and SE included.
    w.segment("SE", str(w.count + 1), header.set_control_number)
    return writer.text()
