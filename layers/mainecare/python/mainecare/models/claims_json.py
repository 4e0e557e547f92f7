"""JSON claim requests <-> the Claim model: claim_from_json(ClaimRequest) and claim_to_json(Claim).

The request layout (Change Healthcare Professional Claims v3, as Stedi's JSON 837P/837I also
take it) and its validation live in claims_json_schema; this module is the public entry point.
claim_to_json writes the same layout back (amounts as strings, dates YYYYMMDD, `providers`
list), so claim_from_json(ClaimRequest.model_validate(claim_to_json(c))) == c for any claim
whose fields the layout carries (not: receiver ID, a dependent's member ID, extra 2410 drugs).
"""

from __future__ import annotations

from mainecare.domain.claims import model as m
from mainecare.models.claims_json_out import claim_to_json
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
