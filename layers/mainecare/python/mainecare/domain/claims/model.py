"""The one claim model: what an 837P/837I and a JSON claim request both become.

Every edit, the 277CA, the Business Rejection Report and the rebate extract read this shape, so
a rule is written once whichever way the claim arrived. Frozen dataclasses, no I/O.

Conventions:
- Money and quantities are Decimal (never float): charges must add up to the cent.
- NDCs are kept exactly as sent (`ndc_raw`); normalising is an edit's job, because a claim must
  carry what the provider sent for the rejection report to quote it back.
- Patient and member data (names, birth date, address, member ID) are PHI. Those fields are
  `repr=False` so an accidental log of a Claim or a Person does not print them; edits and
  acknowledgements must never copy them into messages.
- Empty string means "not sent" for codes and identifiers, as in X12.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import Literal

from valueobjects import value_object

ClaimKind = Literal["professional", "institutional"]

# Claim filing indicator codes (SBR09) that mean the other payer is Medicare: Part A, Part B,
# and Medicare Advantage (16, "HMO Medicare Risk"). MaineCare's 340B rule for claims secondary
# to Medicare (JG or TB) keys on this.
MEDICARE_FILING_CODES = frozenset({"MA", "MB", "16"})


@value_object
class Address:
    line1: str = ""
    line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""


@value_object
class DateRange:
    """A date of service or statement period; `end` is None for a single day (X12 D8)."""

    start: date
    end: date | None = None

    @property
    def last(self) -> date:
        return self.end or self.start


@value_object
class Party:
    """Submitter (1000A) or receiver (1000B)."""

    id: str = ""
    name: str = ""
    contact_name: str = ""
    contact_phone: str = ""


@value_object
class BillingProvider:
    npi: str
    name: str  # organisation name, or last name when the billing provider is a person
    first_name: str = ""
    tax_id: str = ""  # REF*EI / employerId; an SSN (REF*SY) is deliberately not kept
    address: Address = Address()
    taxonomy: str = ""


@value_object
class ServiceFacility:
    """Where the service was given (837P 2310C / 837I 2310E, NM1*77); the 340B site."""

    npi: str
    name: str = ""
    address: Address = Address()


@value_object
class Person:
    """Subscriber or patient. All PHI: kept for adjudication, hidden from repr."""

    last_name: str = field(default="", repr=False)
    first_name: str = field(default="", repr=False)
    middle_name: str = field(default="", repr=False)
    birth_date: date | None = field(default=None, repr=False)
    gender: str = field(default="", repr=False)
    member_id: str = field(default="", repr=False)
    address: Address = field(default=Address(), repr=False)


@value_object
class OtherPayer:
    """A payer ahead of (or beside) MaineCare: 837 loop 2320 SBR + 2330B NM1*PR."""

    responsibility: str  # SBR01: P primary, S secondary, T tertiary ...
    filing_code: str = ""  # SBR09
    payer_id: str = ""
    payer_name: str = ""

    @property
    def is_medicare(self) -> bool:
        return self.filing_code in MEDICARE_FILING_CODES


@value_object
class DrugIdentification:
    """Loop 2410: LIN (qualifier + NDC), CTP (quantity + unit), REF XZ/VY."""

    qualifier: str  # LIN02, "N4" for an NDC in 5-4-2 form
    ndc_raw: str  # LIN03 exactly as sent
    quantity: Decimal | None = None  # CTP04
    unit: str = ""  # CTP05-1: F2, GR, ME, ML, UN
    prescription_number: str = ""  # REF*XZ
    link_sequence_number: str = ""  # REF*VY (ties compound ingredients together)


@value_object
class Diagnosis:
    qualifier: str  # ABK principal / ABF other (ICD-10); BK / BF (ICD-9)
    code: str


@value_object
class ServiceLine:
    line_number: int  # LX01 / assignedNumber
    procedure_qualifier: str  # HC (HCPCS/CPT), ER, WK ...
    procedure_code: str  # empty on an institutional revenue-code-only line
    charge: Decimal
    units: Decimal
    unit_code: str = "UN"  # UN units, MJ minutes
    modifiers: tuple[str, ...] = ()  # up to four, in order
    service_dates: DateRange | None = None  # DTP*472; None = take the claim's statement dates
    revenue_code: str = ""  # SV201, institutional only
    place_of_service: str = ""  # SV105, professional only, when it differs from the claim's
    diagnosis_pointers: tuple[int, ...] = ()  # SV107, 1-based into Claim.diagnoses
    rendering_npi: str = ""  # line-level NM1*82 (837P 2420A, 837I 2420C)
    drugs: tuple[DrugIdentification, ...] = ()  # 837P allows one 2410, 837I up to 25
    description: str = ""  # SV101-7, used with NOC codes ("see NDC#")

    @property
    def drug(self) -> DrugIdentification | None:
        return self.drugs[0] if self.drugs else None

    def has_modifier(self, modifier: str) -> bool:
        return modifier in self.modifiers


@value_object
class Claim:
    kind: ClaimKind
    control_number: str  # ST02 of the 837, or the JSON controlNumber
    submitter: Party
    receiver: Party
    billing: BillingProvider
    payer_id: str
    subscriber: Person
    patient_control_number: str  # CLM01: the provider's own claim reference, echoed on 277CA
    total_charge: Decimal
    facility_code: str  # CLM05-1: place of service (837P) or facility type code (837I)
    frequency_code: str  # CLM05-3: 1 original, 7 replacement, 8 void
    lines: tuple[ServiceLine, ...]
    original_claim_id: str = ""  # REF*F8: the claim a replacement or void acts on (our claim id)
    payer_name: str = ""
    diagnoses: tuple[Diagnosis, ...] = ()
    claim_filing_code: str = ""  # SBR09 of the subscriber loop, MC for Medicaid
    payer_responsibility: str = "P"  # SBR01: MaineCare's place in the payment order
    signature_indicator: str = ""  # CLM06
    plan_participation: str = ""  # CLM07 (assignment)
    benefits_assignment: str = ""  # CLM08
    release_of_information: str = ""  # CLM09
    patient: Person | None = None  # 2000C/2010CA when the patient is not the subscriber
    rendering_npi: str = ""  # claim-level NM1*82 (837P 2310B, 837I 2310D)
    attending_npi: str = ""  # 837I 2310A NM1*71
    service_facility: ServiceFacility | None = None
    statement_dates: DateRange | None = None  # 837I DTP*434
    other_payers: tuple[OtherPayer, ...] = ()

    # --- 340B-related views: MaineCare checks modifiers against enrolment per service site ---

    @property
    def service_location_npi(self) -> str | None:
        """The 340B site: the service facility when sent, else None (the billing address)."""
        return self.service_facility.npi if self.service_facility and self.service_facility.npi else None

    @property
    def secondary_to_medicare(self) -> bool:
        """True when another payer on the claim is Medicare (MaineCare then allows JG or TB)."""
        return any(p.is_medicare for p in self.other_payers)

    @property
    def patient_or_subscriber(self) -> Person:
        return self.patient or self.subscriber

    def line(self, line_number: int) -> ServiceLine:
        for line in self.lines:
            if line.line_number == line_number:
                return line
        raise KeyError(f"claim {self.patient_control_number} has no line {line_number}")

    def dates_of(self, line: ServiceLine) -> DateRange | None:
        """A line's dates of service; an 837I line may leave them to the statement period."""
        return line.service_dates or self.statement_dates

    def effective_rendering_npi(self, line: ServiceLine) -> str:
        """Who rendered a line: its own provider, else the claim's, else the billing provider."""
        return line.rendering_npi or self.rendering_npi or self.attending_npi or self.billing.npi
