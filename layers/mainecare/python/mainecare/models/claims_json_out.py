"""Claim -> JSON: the stored and answered claim layout, written without the request contract.

Kept apart from claims_json (JSON -> Claim, which builds the pydantic request models) because the
837 path writes every claim in this layout but never validates a JSON request: an EDI Lambda's
cold start then skips building those models. claims_json re-exports claim_to_json.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mainecare.domain.claims import model as m


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
