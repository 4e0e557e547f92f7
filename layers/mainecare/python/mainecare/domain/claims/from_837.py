"""837P (005010X222A1) and 837I (005010X223A2) claim segments -> Claim.

Input is one claim as the x12 reader groups it (ClaimSegments); only the Protocols' attributes below
are used, so the reader can change its classes without touching this module.

Segments are grouped by NM1 "entity blocks" (an NM1 and the N3/N4/REF/PER/DMG after it) rather
than by loop letters, because the same entity code sits in different loops in 837P and 837I
(rendering is 2310B in 837P, 2310D in 837I). Everything from the first SBR inside the claim is
coordination of benefits (2320/2330x) and is read only for the other payers: a 2330x NM1*82 is
the other payer's view of the rendering provider, not ours.

Syntax (required elements, numbers, dates) is the 999's job and runs first; a value that still
cannot be read here raises ClaimMappingError naming the segment and its position, never a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from mainecare.domain.claims.model import (
    Address,
    BillingProvider,
    Claim,
    DateRange,
    Diagnosis,
    DrugIdentification,
    OtherPayer,
    Party,
    Person,
    ServiceFacility,
    ServiceLine,
)

# HI qualifiers that carry diagnoses: ICD-10 principal/other, and ICD-9 for old dates of service.
DIAGNOSIS_QUALIFIERS = ("ABK", "ABF", "BK", "BF")


class SegmentLike(Protocol):
    id: str
    position: int
    loop: str

    def element(self, n: int) -> str: ...
    def component(self, n: int, c: int) -> str: ...


class LineSegmentsLike(Protocol):
    line: Sequence[SegmentLike]
    drugs: Sequence[Sequence[SegmentLike]]


class ClaimSegmentsLike(Protocol):
    kind: str
    set_control_number: str
    submitter: Sequence[SegmentLike]
    receiver: Sequence[SegmentLike]
    billing_provider: Sequence[SegmentLike]
    subscriber: Sequence[SegmentLike]
    patient: Sequence[SegmentLike]
    claim: Sequence[SegmentLike]
    lines: Sequence[LineSegmentsLike]


class ClaimMappingError(ValueError):
    """A segment the 999 should have refused; the message names the segment, not its data."""


def _where(seg: SegmentLike) -> str:
    return f"{seg.id} at position {seg.position}" + (f" (loop {seg.loop})" if seg.loop else "")


def _decimal(seg: SegmentLike, n: int, required: bool = True) -> Decimal | None:
    text = seg.element(n).strip()
    if not text:
        if required:
            raise ClaimMappingError(f"{_where(seg)}: element {n} is required")
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ClaimMappingError(f"{_where(seg)}: element {n} is not a number")
    return value


def _date(seg: SegmentLike, text: str) -> date:
    # Read by hand: strptime costs more than the rest of a line's mapping, once per date.
    try:
        if len(text) != 8 or not (text.isascii() and text.isdigit()):
            raise ValueError(text)
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ClaimMappingError(f"{_where(seg)}: date is not CCYYMMDD") from None


def _date_range(seg: SegmentLike) -> DateRange:
    """DTP: element 2 is D8 (one date) or RD8 (CCYYMMDD-CCYYMMDD), element 3 the value."""
    value = seg.element(3).strip()
    if seg.element(2) == "RD8":
        start, _, end = value.partition("-")
        return DateRange(_date(seg, start), _date(seg, end))
    return DateRange(_date(seg, value))


def _first(segments: Sequence[SegmentLike], seg_id: str, qualifier: str | None = None) -> SegmentLike | None:
    for seg in segments:
        if seg.id == seg_id and (qualifier is None or seg.element(1) == qualifier):
            return seg
    return None


def _entity_block(segments: Sequence[SegmentLike], entity: str) -> list[SegmentLike]:
    """The first NM1 with this entity code and the segments up to the next NM1."""
    block: list[SegmentLike] = []
    for seg in segments:
        if seg.id == "NM1":
            if block:
                break
            if seg.element(1) == entity:
                block.append(seg)
        elif block:
            block.append(seg)
    return block


def _entity_id(segments: Sequence[SegmentLike], entity: str) -> str:
    """NM109 (the NPI when NM108 is XX) of the first NM1 with this entity code, or ""."""
    block = _entity_block(segments, entity)
    return block[0].element(9) if block else ""


def _address(block: Sequence[SegmentLike]) -> Address:
    n3, n4 = _first(block, "N3"), _first(block, "N4")
    return Address(
        line1=n3.element(1) if n3 else "",
        line2=n3.element(2) if n3 else "",
        city=n4.element(1) if n4 else "",
        state=n4.element(2) if n4 else "",
        postal_code=n4.element(3) if n4 else "",
    )


def _person(block: Sequence[SegmentLike]) -> Person:
    if not block:
        return Person()
    nm1, dmg = block[0], _first(block, "DMG")
    birth = dmg.element(2).strip() if dmg and dmg.element(1) == "D8" else ""
    return Person(
        last_name=nm1.element(3),
        first_name=nm1.element(4),
        middle_name=nm1.element(5),
        birth_date=_date(dmg, birth) if dmg and birth else None,
        gender=dmg.element(3) if dmg else "",
        member_id=nm1.element(9),
        address=_address(block),
    )


def _party(segments: Sequence[SegmentLike], entity: str) -> Party:
    block = _entity_block(segments, entity)
    if not block:
        return Party()
    per = _first(block, "PER", "IC")
    phone = per.element(4) if per and per.element(3) == "TE" else ""
    return Party(block[0].element(9), block[0].element(3), per.element(2) if per else "", phone)


def _billing_provider(segments: Sequence[SegmentLike]) -> BillingProvider:
    block = _entity_block(segments, "85")
    if not block:
        raise ClaimMappingError("billing provider NM1*85 (loop 2010AA) is missing")
    nm1, ein, prv = block[0], _first(block, "REF", "EI"), _first(segments, "PRV", "BI")
    return BillingProvider(
        npi=nm1.element(9),
        name=nm1.element(3),
        first_name=nm1.element(4),
        tax_id=ein.element(2) if ein else "",
        address=_address(block),
        taxonomy=prv.element(3) if prv else "",
    )


def _diagnoses(segments: Sequence[SegmentLike]) -> tuple[Diagnosis, ...]:
    return tuple(
        Diagnosis(seg.component(n, 1), seg.component(n, 2))
        for seg in segments if seg.id == "HI"
        for n in range(1, 13)
        if seg.component(n, 1) in DIAGNOSIS_QUALIFIERS and seg.component(n, 2)
    )


def _other_payers(cob: Sequence[SegmentLike]) -> tuple[OtherPayer, ...]:
    payers: list[OtherPayer] = []
    for seg in cob:
        if seg.id == "SBR":
            payers.append(OtherPayer(responsibility=seg.element(1), filing_code=seg.element(9)))
        elif seg.id == "NM1" and seg.element(1) == "PR" and payers:
            last = payers[-1]
            payers[-1] = OtherPayer(last.responsibility, last.filing_code, seg.element(9), seg.element(3))
    return tuple(payers)


def _procedure(seg: SegmentLike, n: int) -> tuple[str, str, tuple[str, ...], str]:
    """Composite HC:code:mod1:mod2:mod3:mod4:description (SV101 / SV202)."""
    modifiers = tuple(m for m in (seg.component(n, c) for c in range(3, 7)) if m)
    return seg.component(n, 1), seg.component(n, 2), modifiers, seg.component(n, 7)


def _drug(segments: Sequence[SegmentLike]) -> DrugIdentification:
    lin, ctp = _first(segments, "LIN"), _first(segments, "CTP")
    xz, vy = _first(segments, "REF", "XZ"), _first(segments, "REF", "VY")
    return DrugIdentification(
        qualifier=lin.element(2) if lin else "",
        ndc_raw=lin.element(3) if lin else "",
        quantity=_decimal(ctp, 4, required=False) if ctp else None,
        unit=ctp.component(5, 1) if ctp else "",
        prescription_number=xz.element(2) if xz else "",
        link_sequence_number=vy.element(2) if vy else "",
    )


def _line(line_segments: LineSegmentsLike) -> ServiceLine:
    segs = line_segments.line
    lx = _first(segs, "LX")
    if lx is None or not lx.element(1).strip().isdigit():
        raise ClaimMappingError("service line without a numeric LX01 (loop 2400)")
    dtp = _first(segs, "DTP", "472")
    common = {
        "line_number": int(lx.element(1)),
        "service_dates": _date_range(dtp) if dtp else None,
        "rendering_npi": _entity_id(segs, "82"),
        "drugs": tuple(_drug(d) for d in line_segments.drugs),
    }
    sv1, sv2 = _first(segs, "SV1"), _first(segs, "SV2")
    if sv1 is not None:
        qualifier, code, modifiers, description = _procedure(sv1, 1)
        pointers = tuple(int(p) for p in (sv1.component(7, c) for c in range(1, 5)) if p.isdigit())
        return ServiceLine(
            procedure_qualifier=qualifier, procedure_code=code, modifiers=modifiers, description=description,
            charge=_decimal(sv1, 2), unit_code=sv1.element(3), units=_decimal(sv1, 4),
            place_of_service=sv1.element(5), diagnosis_pointers=pointers, **common,
        )
    if sv2 is not None:
        qualifier, code, modifiers, description = _procedure(sv2, 2)
        return ServiceLine(
            revenue_code=sv2.element(1), procedure_qualifier=qualifier, procedure_code=code,
            modifiers=modifiers, description=description,
            charge=_decimal(sv2, 3), unit_code=sv2.element(4), units=_decimal(sv2, 5), **common,
        )
    raise ClaimMappingError(f"{_where(lx)}: service line has neither SV1 nor SV2")


def claim_from_segments(claim_segments: ClaimSegmentsLike) -> Claim:
    segments = list(claim_segments.claim)
    clm = _first(segments, "CLM")
    if clm is None:
        raise ClaimMappingError("claim without CLM (loop 2300)")
    first_sbr = next((i for i, s in enumerate(segments) if s.id == "SBR"), len(segments))
    head, cob = segments[:first_sbr], segments[first_sbr:]

    sbr = _first(claim_segments.subscriber, "SBR")
    payer = _entity_block(claim_segments.subscriber, "PR")
    facility = _entity_block(head, "77")
    statement = _first(head, "DTP", "434")
    return Claim(
        kind="institutional" if claim_segments.kind == "institutional" else "professional",
        control_number=claim_segments.set_control_number,
        submitter=_party(claim_segments.submitter, "41"),
        receiver=_party(claim_segments.receiver, "40"),
        billing=_billing_provider(claim_segments.billing_provider),
        payer_id=payer[0].element(9) if payer else "",
        payer_name=payer[0].element(3) if payer else "",
        subscriber=_person(_entity_block(claim_segments.subscriber, "IL")),
        patient=_person(_entity_block(claim_segments.patient, "QC")) if claim_segments.patient else None,
        claim_filing_code=sbr.element(9) if sbr else "",
        payer_responsibility=sbr.element(1) if sbr else "",
        patient_control_number=clm.element(1),
        total_charge=_decimal(clm, 2),
        facility_code=clm.component(5, 1),
        frequency_code=clm.component(5, 3),
        original_claim_id=(ref.element(2) if (ref := _first(head, "REF", "F8")) else ""),
        signature_indicator=clm.element(6),
        plan_participation=clm.element(7),
        benefits_assignment=clm.element(8),
        release_of_information=clm.element(9),
        diagnoses=_diagnoses(head),
        rendering_npi=_entity_id(head, "82"),
        attending_npi=_entity_id(head, "71"),
        service_facility=(
            ServiceFacility(facility[0].element(9), facility[0].element(3), _address(facility))
            if facility else None
        ),
        statement_dates=_date_range(statement) if statement else None,
        other_payers=_other_payers(cob),
        lines=tuple(_line(ls) for ls in claim_segments.lines),
    )
