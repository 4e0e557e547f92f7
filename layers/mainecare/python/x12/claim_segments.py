"""The shape iter_claims yields: one claim with everything around it that gives it meaning.

Segments stay Segments (with loop and position) rather than being mapped to a claim model here,
so the business layer decides which fields it needs and a 999/277CA can still point at the
exact segment a finding came from.
"""

from __future__ import annotations

from valueobjects import value_object
from x12.segments import Segment


@value_object(slots=True)
class EnvelopeInfo:
    sender_qualifier: str  # ISA05
    sender_id: str  # ISA06, padding removed
    receiver_qualifier: str  # ISA07
    receiver_id: str  # ISA08, padding removed
    control_number: str  # ISA13
    date: str  # ISA09 YYMMDD
    time: str  # ISA10 HHMM
    usage_indicator: str  # ISA15: P production, T test


@value_object(slots=True)
class LineSegments:
    line: tuple[Segment, ...]  # 2400 and its 2420x/2430/2440 loops
    drugs: tuple[tuple[Segment, ...], ...]  # each 2410 (LIN, CTP, REF)


@value_object(slots=True)
class ClaimSegments:
    interchange: EnvelopeInfo
    group_control_number: str  # GS06
    set_control_number: str  # ST02
    implementation_ref: str  # "005010X222A1" or "005010X223A2"
    kind: str  # "professional" | "institutional"
    submitter: tuple[Segment, ...]  # 1000A
    receiver: tuple[Segment, ...]  # 1000B
    billing_provider: tuple[Segment, ...]  # 2000A and 2010AA/AB/AC
    subscriber: tuple[Segment, ...]  # 2000B and 2010BA/BB
    patient: tuple[Segment, ...]  # 2000C and 2010CA; empty when the subscriber is the patient
    claim: tuple[Segment, ...]  # 2300 and its 2310x/2320/2330x loops
    lines: tuple[LineSegments, ...]

    @property
    def claim_id(self) -> str:
        """CLM01, the submitter's claim id (patient control number)."""
        return self.claim[0].element(1) if self.claim and self.claim[0].id == "CLM" else ""
