"""Pydantic schema of JSON claim requests (mapping to the Claim model: models.claims_json).

JSON claim requests in the layout clearinghouse developers already send.

The Change Healthcare (Optum) Professional Claims v3 request, which Stedi's JSON 837P and 837I
endpoints also take: camelCase, amounts as strings ("6000"), dates as YYYYMMDD. Providers come
as a `providers` list with providerType (CHC) or as `billing` / `rendering` / `attending`
objects (Stedi); both are read, `providers` is written.

Unknown fields are ignored: real payloads are large and vendors add their own. Fields MaineCare
cannot process without are required and fail with pydantic's field-path errors. Business rules
(NPI check digit, diagnosis present, NDC format) are edits, not schema, so the API and the 837
answer the same way. For 837I, `placeOfServiceCode` carries the facility type code (CLM05-1)
and `claimDateInformation` the statement period; diagnoses come in healthCareCodeInformation.
Not carried by this layout: the receiver's ID and a dependent's member ID.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from mainecare.models.base import ApiModel
from mainecare.models.bounds import GENERIC_MAX_TEXT, Money, Quantity, X12Date, required_text, text

# TR3 (005010X222A1 / X223A2) element maximum lengths, so a field holds what its X12 element holds.
Name = text(60)  # NM103
FirstName = text(35)  # NM104
MiddleName = text(25)  # NM105
Identifier = text(80)  # NM109
Npi = text(10)
AddressLine = text(55)  # N301, N302
Code2 = text(2)
Code1 = text(1)
MAX_PROFESSIONAL_LINES = 50  # 837P loop 2400 repeat
MAX_INSTITUTIONAL_LINES = 999  # 837I loop 2400 repeat
MAX_PROFESSIONAL_DIAGNOSES = 12  # 837P HI01-HI12


class _In(ApiModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, str_max_length=GENERIC_MAX_TEXT)


class AddressIn(_In):
    address1: AddressLine = ""
    address2: AddressLine = ""
    city: text(30) = ""  # N401
    state: Code2 = ""  # N402
    postalCode: text(15) = ""  # N403


class ContactInformationIn(_In):
    name: Name = ""  # PER02
    phoneNumber: text(256) = ""  # PER04


class SubmitterIn(_In):
    organizationName: required_text(60)
    submitterIdentification: Identifier = ""
    contactInformation: ContactInformationIn | None = None


class ReceiverIn(_In):
    organizationName: required_text(60)


class PersonIn(_In):
    firstName: FirstName = ""
    lastName: required_text(60)
    middleName: MiddleName = ""
    gender: Code1 = ""  # DMG03
    dateOfBirth: X12Date | None = None
    address: AddressIn | None = None


class SubscriberIn(PersonIn):
    memberId: required_text(80)
    paymentResponsibilityLevelCode: Code1 = "P"  # SBR01


class ProviderIn(_In):
    providerType: text(40) = ""
    npi: Npi = ""
    employerId: text(50) = ""  # REF02
    organizationName: Name = ""
    firstName: FirstName = ""
    lastName: Name = ""
    taxonomyCode: text(50) = ""  # PRV03
    address: AddressIn | None = None


class DiagnosisIn(_In):
    diagnosisTypeCode: required_text(3)  # HI01-1
    diagnosisCode: required_text(30)  # HI01-2


class FacilityIn(_In):
    organizationName: Name = ""
    npi: Npi = ""
    address: AddressIn | None = None


class OtherPayerNameIn(_In):
    otherPayerOrganizationName: Name = ""
    otherPayerIdentifier: Identifier = ""


class OtherSubscriberIn(_In):
    paymentResponsibilityLevelCode: required_text(1)
    claimFilingIndicatorCode: Code2 = ""
    otherPayerName: OtherPayerNameIn | None = None


class DiagnosisPointersIn(_In):
    diagnosisCodePointers: list[Annotated[int, Field(ge=1, le=12)]] = Field(default_factory=list, max_length=4)


class _ServiceIn(_In):
    procedureIdentifier: Code2 = "HC"  # SV101-1
    procedureCode: text(48) = ""  # SV101-2
    procedureModifiers: list[Code2] = Field(default_factory=list, max_length=4)
    lineItemChargeAmount: Money
    measurementUnit: required_text(2)
    serviceUnitCount: Quantity
    description: text(80) = ""  # SV101-7


class ProfessionalServiceIn(_ServiceIn):
    procedureCode: required_text(48)
    placeOfServiceCode: Code2 = ""
    compositeDiagnosisCodePointers: DiagnosisPointersIn | None = None


class InstitutionalServiceIn(_ServiceIn):
    serviceLineRevenueCode: required_text(48)  # SV201


class DrugIdentificationIn(_In):
    serviceIdQualifier: required_text(2)  # LIN02
    nationalDrugCode: text(48)  # LIN03, kept as sent, even blank: the NDC edits judge it
    nationalDrugUnitCount: Quantity | None = None
    measurementUnitCode: Code2 = ""
    linkSequenceNumber: text(50) = ""
    pharmacyPrescriptionNumber: text(50) = ""


class LineProviderIn(_In):
    npi: Npi = ""


class ServiceLineIn(_In):
    assignedNumber: Annotated[str, Field(pattern=r"^[0-9]{1,6}$")] | None = None  # LX01
    serviceDate: X12Date
    serviceDateEnd: X12Date | None = None
    professionalService: ProfessionalServiceIn | None = None
    institutionalService: InstitutionalServiceIn | None = None
    drugIdentification: DrugIdentificationIn | None = None
    renderingProvider: LineProviderIn | None = None

    @model_validator(mode="after")
    def _one_service(self):
        if (self.professionalService is None) == (self.institutionalService is None):
            raise ValueError(
                "a service line needs exactly one of professionalService or institutionalService"
            )
        return self


class ClaimDatesIn(_In):
    statementBeginDate: X12Date | None = None
    statementEndDate: X12Date | None = None


class ClaimSupplementalIn(_In):
    # REF*F8: the payer claim control number of the claim a replacement (7) or void (8) acts on:
    # the claim id MaineCare answered (277CA REF*1K, claim_id in the API).
    claimControlNumber: text(50) | None = None


class ClaimInformationIn(_In):
    claimFilingCode: required_text(2)  # SBR09
    patientControlNumber: required_text(38)  # CLM01
    claimChargeAmount: Money
    placeOfServiceCode: required_text(2)  # CLM05-1
    claimFrequencyCode: required_text(1)
    signatureIndicator: required_text(1)
    planParticipationCode: required_text(1)
    benefitsAssignmentCertificationIndicator: required_text(1)
    releaseInformationCode: required_text(1)
    healthCareCodeInformation: list[DiagnosisIn] = Field(default_factory=list, max_length=50)
    serviceFacilityLocation: FacilityIn | None = None
    otherSubscriberInformation: list[OtherSubscriberIn] = Field(default_factory=list, max_length=10)  # 2320
    claimDateInformation: ClaimDatesIn | None = None
    claimSupplementalInformation: ClaimSupplementalIn | None = None
    serviceLines: list[ServiceLineIn] = Field(min_length=1, max_length=MAX_INSTITUTIONAL_LINES)

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = {line.professionalService is not None for line in self.serviceLines}
        if len(kinds) > 1:
            raise ValueError(
                "serviceLines mix professionalService and institutionalService; send one claim type"
            )
        if True in kinds and len(self.serviceLines) > MAX_PROFESSIONAL_LINES:
            raise ValueError(f"a professional claim has at most {MAX_PROFESSIONAL_LINES} service lines")
        if True in kinds and len(self.healthCareCodeInformation) > MAX_PROFESSIONAL_DIAGNOSES:
            raise ValueError(f"a professional claim has at most {MAX_PROFESSIONAL_DIAGNOSES} diagnosis codes")
        return self


class ClaimRequest(_In):
    controlNumber: required_text(9)  # ST02 / ISA13
    tradingPartnerServiceId: required_text(80)
    tradingPartnerName: Name = ""
    submitter: SubmitterIn
    receiver: ReceiverIn
    subscriber: SubscriberIn
    dependent: PersonIn | None = None
    providers: list[ProviderIn] = Field(default_factory=list, max_length=20)
    billing: ProviderIn | None = None
    rendering: ProviderIn | None = None
    attending: ProviderIn | None = None
    claimInformation: ClaimInformationIn

    def provider(self, provider_type: str, stedi_object: ProviderIn | None) -> ProviderIn | None:
        if stedi_object is not None:
            return stedi_object
        return next((p for p in self.providers if p.providerType == provider_type), None)

    @model_validator(mode="after")
    def _billing_present(self):
        if self.provider("BillingProvider", self.billing) is None:
            raise ValueError(
                "a billing provider is required: `billing`, or `providers` with providerType BillingProvider"
            )
        return self
