"""JSON claim requests <-> the Claim model: claim_from_json(ClaimRequest) and claim_to_json(Claim).

The request layout (Change Healthcare Professional Claims v3, as Stedi's JSON 837P/837I also
take it) and its validation live in claims_json_schema; this module is the public entry point.
claim_to_json writes the same layout back (amounts as strings, dates YYYYMMDD, `providers`
list), so claim_from_json(ClaimRequest.model_validate(claim_to_json(c))) == c for any claim
whose fields the layout carries (not: receiver ID, a dependent's member ID, extra 2410 drugs).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mainecare.domain.claims import model as m
from mainecare.models.claims_json_schema import (
    AddressIn,
    ClaimRequest,
    PersonIn,
    ServiceLineIn,
)

__all__ = ["ClaimRequest", "claim_from_json", "claim_to_json"]


# ------------------------------------------------------------------ JSON -> Claim


def _address(a: AddressIn | None) -> m.Address:
    return m.Address(a.address1, a.address2, a.city, a.state, a.postalCode) if a else m.Address()


def _person(p: PersonIn, member_id: str = "") -> m.Person:
    return m.Person(
        p.lastName, p.firstName, p.middleName, p.dateOfBirth, p.gender, member_id, _address(p.address)
    )


def _line(n: int, line: ServiceLineIn) -> m.ServiceLine:
    service = line.professionalService or line.institutionalService
    drug = line.drugIdentification
    pro = line.professionalService
    pointers = pro.compositeDiagnosisCodePointers if pro else None
    return m.ServiceLine(
        line_number=int(line.assignedNumber) if line.assignedNumber else n,
        procedure_qualifier=service.procedureIdentifier if service.procedureCode else "",
        procedure_code=service.procedureCode,
        charge=service.lineItemChargeAmount,
        units=service.serviceUnitCount,
        unit_code=service.measurementUnit,
        modifiers=tuple(service.procedureModifiers),
        service_dates=m.DateRange(line.serviceDate, line.serviceDateEnd),
        revenue_code=line.institutionalService.serviceLineRevenueCode if line.institutionalService else "",
        place_of_service=pro.placeOfServiceCode if pro else "",
        diagnosis_pointers=tuple(pointers.diagnosisCodePointers) if pointers else (),
        rendering_npi=line.renderingProvider.npi if line.renderingProvider else "",
        drugs=(m.DrugIdentification(
            drug.serviceIdQualifier, drug.nationalDrugCode, drug.nationalDrugUnitCount,
            drug.measurementUnitCode, drug.pharmacyPrescriptionNumber, drug.linkSequenceNumber,
        ),) if drug else (),
        description=service.description,
    )


def claim_from_json(request: ClaimRequest) -> m.Claim:
    info = request.claimInformation
    billing = request.provider("BillingProvider", request.billing)
    rendering = request.provider("RenderingProvider", request.rendering)
    attending = request.provider("AttendingProvider", request.attending)
    contact = request.submitter.contactInformation
    facility = info.serviceFacilityLocation
    dates = info.claimDateInformation
    return m.Claim(
        kind="professional" if info.serviceLines[0].professionalService else "institutional",
        control_number=request.controlNumber,
        submitter=m.Party(
            request.submitter.submitterIdentification, request.submitter.organizationName,
            contact.name if contact else "", contact.phoneNumber if contact else "",
        ),
        receiver=m.Party(name=request.receiver.organizationName),
        billing=m.BillingProvider(
            npi=billing.npi,
            name=billing.organizationName or billing.lastName,
            first_name="" if billing.organizationName else billing.firstName,
            tax_id=billing.employerId,
            address=_address(billing.address),
            taxonomy=billing.taxonomyCode,
        ),
        payer_id=request.tradingPartnerServiceId,
        payer_name=request.tradingPartnerName,
        subscriber=_person(request.subscriber, request.subscriber.memberId),
        patient=_person(request.dependent) if request.dependent else None,
        payer_responsibility=request.subscriber.paymentResponsibilityLevelCode,
        claim_filing_code=info.claimFilingCode,
        patient_control_number=info.patientControlNumber,
        total_charge=info.claimChargeAmount,
        facility_code=info.placeOfServiceCode,
        frequency_code=info.claimFrequencyCode,
        original_claim_id=(info.claimSupplementalInformation.claimControlNumber or ""
                           if info.claimSupplementalInformation else ""),
        signature_indicator=info.signatureIndicator,
        plan_participation=info.planParticipationCode,
        benefits_assignment=info.benefitsAssignmentCertificationIndicator,
        release_of_information=info.releaseInformationCode,
        diagnoses=tuple(
            m.Diagnosis(d.diagnosisTypeCode, d.diagnosisCode) for d in info.healthCareCodeInformation
        ),
        rendering_npi=rendering.npi if rendering else "",
        attending_npi=attending.npi if attending else "",
        service_facility=(
            m.ServiceFacility(facility.npi, facility.organizationName, _address(facility.address))
            if facility else None
        ),
        statement_dates=(
            m.DateRange(dates.statementBeginDate, dates.statementEndDate)
            if dates and dates.statementBeginDate else None
        ),
        other_payers=tuple(
            m.OtherPayer(
                o.paymentResponsibilityLevelCode, o.claimFilingIndicatorCode,
                o.otherPayerName.otherPayerIdentifier if o.otherPayerName else "",
                o.otherPayerName.otherPayerOrganizationName if o.otherPayerName else "",
            )
            for o in info.otherSubscriberInformation
        ),
        lines=tuple(_line(n, line) for n, line in enumerate(info.serviceLines, start=1)),
    )


# ------------------------------------------------------------------ Claim -> JSON


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _day(value: date | None) -> str | None:
    return value.isoformat().replace("-", "") if value else None  # CCYYMMDD; strftime is slower


_CONTAINERS = (str, list, dict)


def _compact(obj: dict) -> dict:
    """Leave out what was not sent (None, "", [], {}), so the output reads like a hand-written
    request; zeros and False stay."""
    return {k: v for k, v in obj.items() if v is not None and (v.__class__ not in _CONTAINERS or v)}


def _address_out(a: m.Address) -> dict | None:
    out = _compact({"address1": a.line1, "address2": a.line2, "city": a.city, "state": a.state,
                    "postalCode": a.postal_code})
    return out or None


def _person_out(p: m.Person) -> dict:
    return _compact({
        "firstName": p.first_name, "lastName": p.last_name, "middleName": p.middle_name,
        "gender": p.gender, "dateOfBirth": _day(p.birth_date), "address": _address_out(p.address),
    })


def _line_out(claim: m.Claim, line: m.ServiceLine) -> dict:
    service = _compact({
        "procedureIdentifier": line.procedure_qualifier, "procedureCode": line.procedure_code,
        "procedureModifiers": list(line.modifiers), "lineItemChargeAmount": _amount(line.charge),
        "measurementUnit": line.unit_code, "serviceUnitCount": _amount(line.units),
        "description": line.description,
    })
    if claim.kind == "professional":
        service["placeOfServiceCode"] = line.place_of_service
        if line.diagnosis_pointers:
            service["compositeDiagnosisCodePointers"] = {
                "diagnosisCodePointers": [str(p) for p in line.diagnosis_pointers]
            }
        service = {"professionalService": _compact(service)}
    else:
        service = {"institutionalService": {"serviceLineRevenueCode": line.revenue_code, **service}}
    drug = line.drug
    dates = line.service_dates
    return _compact({
        "assignedNumber": str(line.line_number),
        "serviceDate": _day(dates.start) if dates else None,
        "serviceDateEnd": _day(dates.end) if dates else None,
        **service,
        "drugIdentification": _compact({
            "serviceIdQualifier": drug.qualifier, "nationalDrugCode": drug.ndc_raw,
            "nationalDrugUnitCount": _amount(drug.quantity), "measurementUnitCode": drug.unit,
            "pharmacyPrescriptionNumber": drug.prescription_number,
            "linkSequenceNumber": drug.link_sequence_number,
        }) if drug else None,
        "renderingProvider": {"npi": line.rendering_npi} if line.rendering_npi else None,
    })


def claim_to_json(claim: m.Claim) -> dict:
    b = claim.billing
    providers = [_compact({
        "providerType": "BillingProvider", "npi": b.npi, "employerId": b.tax_id, "taxonomyCode": b.taxonomy,
        # A person bills with first/last name; an organisation with organizationName.
        "organizationName": "" if b.first_name else b.name,
        "lastName": b.name if b.first_name else "", "firstName": b.first_name,
        "address": _address_out(b.address),
    })]
    if claim.rendering_npi:
        providers.append({"providerType": "RenderingProvider", "npi": claim.rendering_npi})
    if claim.attending_npi:
        providers.append({"providerType": "AttendingProvider", "npi": claim.attending_npi})
    facility = claim.service_facility
    statement = claim.statement_dates
    info = _compact({
        "claimFilingCode": claim.claim_filing_code,
        "patientControlNumber": claim.patient_control_number,
        "claimChargeAmount": _amount(claim.total_charge),
        "placeOfServiceCode": claim.facility_code,
        "claimFrequencyCode": claim.frequency_code,
        "claimSupplementalInformation": _compact({"claimControlNumber": claim.original_claim_id}),
        "signatureIndicator": claim.signature_indicator,
        "planParticipationCode": claim.plan_participation,
        "benefitsAssignmentCertificationIndicator": claim.benefits_assignment,
        "releaseInformationCode": claim.release_of_information,
        "healthCareCodeInformation": [
            {"diagnosisTypeCode": d.qualifier, "diagnosisCode": d.code} for d in claim.diagnoses
        ],
        "serviceFacilityLocation": _compact({
            "organizationName": facility.name, "npi": facility.npi, "address": _address_out(facility.address),
        }) if facility else None,
        "claimDateInformation": _compact({
            "statementBeginDate": _day(statement.start), "statementEndDate": _day(statement.end),
        }) if statement else None,
        "otherSubscriberInformation": [
            _compact({
                "paymentResponsibilityLevelCode": o.responsibility, "claimFilingIndicatorCode": o.filing_code,
                "otherPayerName": _compact({
                    "otherPayerOrganizationName": o.payer_name, "otherPayerIdentifier": o.payer_id,
                }),
            })
            for o in claim.other_payers
        ],
        "serviceLines": [_line_out(claim, line) for line in claim.lines],
    })
    contact = _compact({"name": claim.submitter.contact_name, "phoneNumber": claim.submitter.contact_phone})
    return _compact({
        "controlNumber": claim.control_number,
        "tradingPartnerServiceId": claim.payer_id,
        "tradingPartnerName": claim.payer_name,
        "submitter": _compact({
            "organizationName": claim.submitter.name,
            "submitterIdentification": claim.submitter.id,
            "contactInformation": contact,
        }),
        "receiver": {"organizationName": claim.receiver.name},
        "subscriber": _compact({
            "memberId": claim.subscriber.member_id,
            "paymentResponsibilityLevelCode": claim.payer_responsibility,
            **_person_out(claim.subscriber),
        }),
        "dependent": _person_out(claim.patient) if claim.patient else None,
        "providers": providers,
        "claimInformation": info,
    })
