"""Stored claim body -> Claim, without the request contract: the inverse of claims_json_out.claim_to_json.

It is also the one mapping from the layout to the Claim: claims_json.claim_from_json validates a
request with the contract, then reads its dump here.

Every stored claim body was written by claim_to_json from a Claim that passed the request contract
(API) or the 837 reader, so reading it back needs no validation, only the layout's conversions
(amounts as strings, dates CCYYMMDD, what claim_to_json leaves out when empty). Validating it again
with pydantic, as readers did before, cost each stored claim a full request validation and loaded
the contract into Lambdas that never take a JSON request (dashboard_refresh, claim_lines_extract);
it also refused stored claims the contract does not describe (an 837I line without its own service
date, which takes the statement dates). A test holds that for every fixture claim this reader and
claim_from_json(ClaimRequest.model_validate(...)) give the same Claim.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from mainecare.domain.claims import model as m

_NO_ADDRESS = m.Address()


class UnreadableClaimBody(ValueError):
    """A stored body this reader cannot read (damaged, or a layout claim_to_json never wrote)."""


def _text(obj: dict, key: str, default: str = "") -> str:
    """A field's text; the default only when it is absent (claim_to_json leaves empty text out)."""
    value = obj.get(key)
    return default if value is None else value.strip()


def _amount(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _day(value: str | date | None) -> date | None:
    if not value or isinstance(value, date):  # a validated request's dates are dates already
        return value or None
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def _address(a: dict | None) -> m.Address:
    if not a:
        return _NO_ADDRESS
    return m.Address(_text(a, "address1"), _text(a, "address2"), _text(a, "city"), _text(a, "state"),
                     _text(a, "postalCode"))


def _person(p: dict, member_id: str = "") -> m.Person:
    return m.Person(_text(p, "lastName"), _text(p, "firstName"), _text(p, "middleName"), _day(p.get("dateOfBirth")),
                    _text(p, "gender"), member_id, _address(p.get("address")))


def _drug(d: dict) -> m.DrugIdentification:
    return m.DrugIdentification(
        _text(d, "serviceIdQualifier"), _text(d, "nationalDrugCode"), _amount(d.get("nationalDrugUnitCount")),
        _text(d, "measurementUnitCode"), _text(d, "pharmacyPrescriptionNumber"), _text(d, "linkSequenceNumber"))


def _line(n: int, line: dict) -> m.ServiceLine:
    professional = line.get("professionalService")
    service = professional or line.get("institutionalService") or {}
    pointers = (professional or {}).get("compositeDiagnosisCodePointers") or {}
    drug = line.get("drugIdentification")
    start = _day(line.get("serviceDate"))
    procedure_code = _text(service, "procedureCode")
    return m.ServiceLine(
        line_number=int(line["assignedNumber"]) if line.get("assignedNumber") else n,
        procedure_qualifier=_text(service, "procedureIdentifier", "HC") if procedure_code else "",
        procedure_code=procedure_code,
        charge=Decimal(service["lineItemChargeAmount"]),
        units=Decimal(service["serviceUnitCount"]),
        unit_code=_text(service, "measurementUnit"),
        modifiers=tuple(service.get("procedureModifiers", ())),
        service_dates=m.DateRange(start, _day(line.get("serviceDateEnd"))) if start else None,
        revenue_code=_text(service, "serviceLineRevenueCode") if not professional else "",
        place_of_service=_text(professional, "placeOfServiceCode") if professional else "",
        diagnosis_pointers=tuple(int(p) for p in pointers.get("diagnosisCodePointers", ())),
        rendering_npi=_text(line.get("renderingProvider") or {}, "npi"),
        drugs=(_drug(drug),) if drug else (),
        description=_text(service, "description"),
    )


def _provider(providers: list[dict], provider_type: str) -> dict | None:
    return next((p for p in providers if p.get("providerType") == provider_type), None)


def claim_from_stored(body: dict) -> m.Claim:
    try:
        return _claim(body)
    except (KeyError, IndexError, TypeError, ValueError, ArithmeticError, AttributeError) as error:
        raise UnreadableClaimBody(f"stored claim body unreadable: {error.__class__.__name__}") from error


def _claim(body: dict) -> m.Claim:
    info = body["claimInformation"]
    providers = body.get("providers", [])
    billing = _provider(providers, "BillingProvider") or {}
    organization = _text(billing, "organizationName")
    submitter = body.get("submitter", {})
    contact = submitter.get("contactInformation") or {}
    facility = info.get("serviceFacilityLocation")
    statement = info.get("claimDateInformation") or {}
    statement_start = _day(statement.get("statementBeginDate"))
    subscriber = body["subscriber"]
    lines = info["serviceLines"]
    return m.Claim(
        kind="professional" if lines[0].get("professionalService") else "institutional",
        control_number=_text(body, "controlNumber"),
        submitter=m.Party(_text(submitter, "submitterIdentification"), _text(submitter, "organizationName"),
                          _text(contact, "name"), _text(contact, "phoneNumber")),
        receiver=m.Party(name=_text(body.get("receiver", {}), "organizationName")),
        billing=m.BillingProvider(
            npi=_text(billing, "npi"), name=organization or _text(billing, "lastName"),
            first_name="" if organization else _text(billing, "firstName"), tax_id=_text(billing, "employerId"),
            address=_address(billing.get("address")), taxonomy=_text(billing, "taxonomyCode")),
        payer_id=_text(body, "tradingPartnerServiceId"),
        payer_name=_text(body, "tradingPartnerName"),
        subscriber=_person(subscriber, _text(subscriber, "memberId")),
        patient=_person(body["dependent"]) if body.get("dependent") else None,
        payer_responsibility=_text(subscriber, "paymentResponsibilityLevelCode", "P"),
        claim_filing_code=_text(info, "claimFilingCode"),
        patient_control_number=_text(info, "patientControlNumber"),
        total_charge=Decimal(info["claimChargeAmount"]),
        facility_code=_text(info, "placeOfServiceCode"),
        frequency_code=_text(info, "claimFrequencyCode"),
        original_claim_id=_text(info.get("claimSupplementalInformation") or {}, "claimControlNumber"),
        signature_indicator=_text(info, "signatureIndicator"),
        plan_participation=_text(info, "planParticipationCode"),
        benefits_assignment=_text(info, "benefitsAssignmentCertificationIndicator"),
        release_of_information=_text(info, "releaseInformationCode"),
        diagnoses=tuple(m.Diagnosis(_text(d, "diagnosisTypeCode"), _text(d, "diagnosisCode"))
                        for d in info.get("healthCareCodeInformation", ())),
        rendering_npi=_text(_provider(providers, "RenderingProvider") or {}, "npi"),
        attending_npi=_text(_provider(providers, "AttendingProvider") or {}, "npi"),
        service_facility=(m.ServiceFacility(_text(facility, "npi"), _text(facility, "organizationName"),
                                            _address(facility.get("address"))) if facility else None),
        statement_dates=m.DateRange(statement_start, _day(statement.get("statementEndDate")))
        if statement_start else None,
        other_payers=tuple(
            m.OtherPayer(_text(o, "paymentResponsibilityLevelCode"), _text(o, "claimFilingIndicatorCode"),
                         _text(o.get("otherPayerName") or {}, "otherPayerIdentifier"),
                         _text(o.get("otherPayerName") or {}, "otherPayerOrganizationName"))
            for o in info.get("otherSubscriberInformation", ())),
        lines=tuple(_line(n, line) for n, line in enumerate(lines, start=1)),
    )
