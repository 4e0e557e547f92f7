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

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _yyyymmdd(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return datetime.strptime(value.strip(), "%Y%m%d").date()
        except ValueError:
            raise ValueError("must be a date written YYYYMMDD, e.g. 20260410") from None
    return value


X12Date = Annotated[date, BeforeValidator(_yyyymmdd)]
Amount = Annotated[Decimal, Field(allow_inf_nan=False)]
Required = Annotated[str, Field(min_length=1)]


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class AddressIn(_In):
    address1: str = ""
    address2: str = ""
    city: str = ""
    state: str = ""
    postalCode: str = ""


class ContactInformationIn(_In):
    name: str = ""
    phoneNumber: str = ""


class SubmitterIn(_In):
    organizationName: Required
    submitterIdentification: str = ""
    contactInformation: ContactInformationIn | None = None


class ReceiverIn(_In):
    organizationName: Required


class PersonIn(_In):
    firstName: str = ""
    lastName: Required
    middleName: str = ""
    gender: str = ""
    dateOfBirth: X12Date | None = None
    address: AddressIn | None = None


class SubscriberIn(PersonIn):
    memberId: Required
    paymentResponsibilityLevelCode: str = "P"


class ProviderIn(_In):
    providerType: str = ""
    npi: str = ""
    employerId: str = ""
    organizationName: str = ""
    firstName: str = ""
    lastName: str = ""
    taxonomyCode: str = ""
    address: AddressIn | None = None


class DiagnosisIn(_In):
    diagnosisTypeCode: Required
    diagnosisCode: Required


class FacilityIn(_In):
    organizationName: str = ""
    npi: str = ""
    address: AddressIn | None = None


class OtherPayerNameIn(_In):
    otherPayerOrganizationName: str = ""
    otherPayerIdentifier: str = ""


class OtherSubscriberIn(_In):
    paymentResponsibilityLevelCode: Required
    claimFilingIndicatorCode: str = ""
    otherPayerName: OtherPayerNameIn | None = None


class DiagnosisPointersIn(_In):
    diagnosisCodePointers: list[int] = Field(default_factory=list, max_length=4)


class _ServiceIn(_In):
    procedureIdentifier: str = "HC"
    procedureCode: str = ""
    procedureModifiers: list[str] = Field(default_factory=list, max_length=4)
    lineItemChargeAmount: Amount
    measurementUnit: Required
    serviceUnitCount: Amount
    description: str = ""


class ProfessionalServiceIn(_ServiceIn):
    procedureCode: Required
    placeOfServiceCode: str = ""
    compositeDiagnosisCodePointers: DiagnosisPointersIn | None = None


class InstitutionalServiceIn(_ServiceIn):
    serviceLineRevenueCode: Required


class DrugIdentificationIn(_In):
    serviceIdQualifier: Required
    nationalDrugCode: str  # kept as sent, even blank: the NDC edits judge it
    nationalDrugUnitCount: Amount | None = None
    measurementUnitCode: str = ""
    linkSequenceNumber: str = ""
    pharmacyPrescriptionNumber: str = ""


class LineProviderIn(_In):
    npi: str = ""


class ServiceLineIn(_In):
    assignedNumber: str | None = None
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


class ClaimInformationIn(_In):
    claimFilingCode: Required
    patientControlNumber: Annotated[str, Field(min_length=1, max_length=38)]
    claimChargeAmount: Amount
    placeOfServiceCode: Required
    claimFrequencyCode: Required
    signatureIndicator: Required
    planParticipationCode: Required
    benefitsAssignmentCertificationIndicator: Required
    releaseInformationCode: Required
    healthCareCodeInformation: list[DiagnosisIn] = Field(default_factory=list)
    serviceFacilityLocation: FacilityIn | None = None
    otherSubscriberInformation: list[OtherSubscriberIn] = Field(default_factory=list)
    claimDateInformation: ClaimDatesIn | None = None
    serviceLines: list[ServiceLineIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = {line.professionalService is not None for line in self.serviceLines}
        if len(kinds) > 1:
            raise ValueError(
                "serviceLines mix professionalService and institutionalService; send one claim type"
            )
        return self


class ClaimRequest(_In):
    controlNumber: Required
    tradingPartnerServiceId: Required
    tradingPartnerName: str = ""
    submitter: SubmitterIn
    receiver: ReceiverIn
    subscriber: SubscriberIn
    dependent: PersonIn | None = None
    providers: list[ProviderIn] = Field(default_factory=list)
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
