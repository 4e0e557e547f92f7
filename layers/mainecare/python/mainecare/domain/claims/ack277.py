"""277CA claim acknowledgement (005010X214) for one 837 transaction: accepted and rejected claims.

Hierarchy (BRIEF section 4): 20 payer (2200A: TRN*1 our reference, DTP*050 received, DTP*009
processed) -> 21 submitter (2200B: TRN*2 = the 837's BHT03, STC A1:19:PR with accepted/rejected
counts and amounts) -> 19 billing provider (2200C, required by the X214: TRN*1 a trace of our own
per provider, STC A1:19:PR without a date, which the X214 marks not used, and that provider's
counts and amounts) -> PT one per claim (2200D: TRN*2 = the patient control number CLM01, STC
A2:20 accepted, or one STC per reason of a rejected claim: its category (A6 missing, A7 invalid),
the most specific claim status code for the finding (218 NDC number, 562 NPI with its entity ...,
see findings.CATALOGUE) and the reason in STC12; REF*1K the payer claim control number when
accepted, REF*BLT the bill type of an institutional claim, DTP*472 the service dates) -> 2220D,
for a rejected claim, one loop per service line with findings: SVC (the line as billed), one STC
with up to three statuses (STC01, STC10, STC11; X214 allows no line-level text), DTP*472.

Counts and amounts are written only when non-zero (X214: QTY*90/QA and AMT*YU "when accepted
claims", QTY*AA/QC and AMT*YY "when rejected claims"). Line denials of accepted claims are
not 277CA business: they go on the 835. STC12 text is the edit message, which by design holds
only what the submitter sent about the service (NPI, NDC, HCPCS, dates), never a diagnosis.

This writes ST..SE; the interchange/group envelope (ISA/GS/GE/IEA) is the X12 writer's job.
`writer_factory` lets x12.writer.X12Writer replace the tiny writer below: anything with
segment(id, *elements) and text() works.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal

from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.findings import EditFinding
from mainecare.domain.claims.model import Claim, DateRange, ServiceLine
from valueobjects import value_object

IMPLEMENTATION_REF = "005010X214"
STC12_MAX = 264  # X12 element 933 (free-form message text) maximum length
_RECEIVED = ("A1", "19", "PR")  # acknowledgement/receipt: entity (the payer) acknowledges receipt
_SUBMITTER_COUNTS = ("90", "AA")  # 2200B QTY qualifiers: accepted, rejected
_PROVIDER_COUNTS = ("QA", "QC")  # 2200C QTY qualifiers: accepted, rejected


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


@value_object
class AckClaim:
    claim: Claim
    decision: ClaimDecision
    payer_claim_control_number: str = ""  # REF*1K, assigned when the claim enters adjudication


@value_object
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


def _period(first: date, last: date) -> tuple[str, str]:
    return ("D8", _d8(first)) if first == last else ("RD8", f"{_d8(first)}-{_d8(last)}")


def _claim_dates(claim: Claim) -> tuple[str, str] | None:
    ranges = [r for r in (claim.dates_of(line) for line in claim.lines) if r is not None]
    if not ranges:
        return None
    return _period(min(r.start for r in ranges), max(r.last for r in ranges))


LINE_STATUSES_MAX = 3  # STC01, STC10 and STC11: the 2220D STC carries no free text


def _statuses(findings: Sequence[EditFinding]) -> list[tuple[str, str, str]]:
    distinct: list[tuple[str, str, str]] = []
    for found in findings:
        for status in found.ack_statuses:
            if status not in distinct:
                distinct.append(status)
    return distinct[:LINE_STATUSES_MAX]


def _stc(w, statuses: Sequence[tuple[str, str, str]], today: str, amount: str = "", text: str = "") -> None:
    """STC: the first status in STC01, others in STC10/STC11 (STC04 amount and STC12 text at the
    claim level only)."""
    more = [tuple(s) for s in statuses[1:]]
    w.segment("STC", tuple(statuses[0]), today, "U", amount, "", "", "", "", "",
              *(more + [""] * (2 - len(more))), text)


def _write_line(w, claim: Claim, line: ServiceLine, findings: Sequence[EditFinding], today: str) -> None:
    """2220D: the line as billed (SVC), its statuses, its service date. A line sent with neither a
    procedure nor a revenue code has nothing SVC01 could name: the claim-level STC12 text
    ("Line 3: ...") is all the 277CA can say about it."""
    if not (line.procedure_code or line.revenue_code):
        return
    if line.procedure_code:
        product = (line.procedure_qualifier or "HC", line.procedure_code, *line.modifiers[:4])
    else:
        product = ("NU", line.revenue_code)
    revenue = line.revenue_code if line.procedure_code else ""
    units = format(line.units.normalize(), "f") if line.units else ""
    w.segment("SVC", product, _amount(line.charge), "", revenue, "", "", units)
    _stc(w, _statuses(findings), today)
    dates: DateRange | None = claim.dates_of(line)
    if dates:
        w.segment("DTP", "472", *_period(dates.start, dates.last))


def _total(items: Sequence[AckClaim]) -> Decimal:
    return sum((item.claim.total_charge for item in items), start=Decimal(0))


def _write_totals(w, items: Sequence[AckClaim], qualifiers: tuple[str, str]) -> None:
    """QTY accepted/rejected counts then AMT*YU/YY amounts, each only when there are such claims."""
    accepted = [item for item in items if item.decision.accepted]
    rejected = [item for item in items if not item.decision.accepted]
    for qualifier, group in zip(qualifiers, (accepted, rejected), strict=True):
        if group:
            w.segment("QTY", qualifier, str(len(group)))
    for qualifier, group in (("YU", accepted), ("YY", rejected)):
        if group:
            w.segment("AMT", qualifier, _amount(_total(group)))


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
            _stc(w, reason.ack_statuses, today, amount, free_text(reason.message))
    if claim.kind == "institutional" and claim.facility_code:
        # X214: the institutional bill type, facility type code + frequency code (CLM05-1, CLM05-3).
        w.segment("REF", "BLT", claim.facility_code + claim.frequency_code)
    dates = _claim_dates(claim)
    if dates:
        w.segment("DTP", "472", *dates)
    if not decision.accepted:
        for line in claim.lines:
            found = [f for f in decision.findings if f.line == line.line_number and f.severity in ("reject", "deny")]
            if found:
                _write_line(w, claim, line, found, today)


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
    w.segment("STC", _RECEIVED, today, "WQ", _amount(_total(claims)))
    _write_totals(w, claims, _SUBMITTER_COUNTS)

    by_provider: dict[str, list[AckClaim]] = {}
    for item in claims:
        by_provider.setdefault(item.claim.billing.npi, []).append(item)
    hl = 2
    for ordinal, items in enumerate(by_provider.values(), start=1):
        hl += 1
        provider_hl = hl
        billing = items[0].claim.billing
        entity = "1" if billing.first_name else "2"
        w.segment("HL", str(provider_hl), "2", "19", "1")
        w.segment("NM1", "85", entity, billing.name, billing.first_name, "", "", "", "XX", billing.npi)
        # 2200C: the trace is ours to assign; reference + ordinal ties it to this 277CA.
        w.segment("TRN", "1", f"{header.reference}-{ordinal}")
        w.segment("STC", _RECEIVED, "", "WQ", _amount(_total(items)))  # STC02 is "not used" here
        _write_totals(w, items, _PROVIDER_COUNTS)
        for item in items:
            hl += 1
            _write_patient(w, hl, provider_hl, item, today)
    # SE01 counts every segment of the set, ST and SE included.
    w.segment("SE", str(w.count + 1), header.set_control_number)
    return writer.text()
