"""What the Health Home rules read about members, practices, sites and affiliations.

The member's spans (coverage, services, PCCM) are in domain/members/spans.py. Member data is a copy of MIHMS eligibility
and claims data; it is PHI and never goes to logs, events or audit details.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.members.spans import CoverageSpan, PccmSpan, ServiceSpan
from valueobjects import value_object


@value_object
class BhhCertification:
    """A Behavioral Health Home certification from APS, naming the member's BHH organization."""

    organization_id: str
    certified_on: date
    ends_on: date | None = None

    def in_effect(self, on: date) -> bool:
        return self.certified_on <= on and (self.ends_on is None or on <= self.ends_on)


@value_object
class Member:
    member_id: str
    first_name: str
    last_name: str
    birth_date: date
    coverage: tuple[CoverageSpan, ...] = ()
    chronic_conditions: frozenset[str] = frozenset()
    at_risk_conditions: frozenset[str] = frozenset()
    serious_mental_illness: bool = False
    bmi: float | None = None
    weight_for_age_percentile: float | None = None
    services: tuple[ServiceSpan, ...] = ()
    bhh: BhhCertification | None = None
    dual_eligible: bool = False
    nursing_home_resident: bool = False
    pccm: tuple[PccmSpan, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, on: date) -> int:
        years = on.year - self.birth_date.year
        return years - ((on.month, on.day) < (self.birth_date.month, self.birth_date.day))

    def coverage_on(self, on: date) -> CoverageSpan | None:
        spans = [s for s in self.coverage if s.covers(on)]
        return max(spans, key=lambda s: s.start) if spans else None

    def services_on(self, on: date) -> tuple[ServiceSpan, ...]:
        return tuple(s for s in self.services if s.covers(on))


@value_object
class Practice:
    practice_id: str
    name: str
    trading_partner_id: str  # the account whose users act for this practice
    pay_to: str  # pay-to organization
    system_id: str  # the system "umbrella" the practice belongs to
    hospital_affiliated: bool = False
    # A Maine PCMH pilot practice: its dual eligible members are attested and tracked but not paid
    # by MaineCare (Medicare's pilot pays for them).
    pcmh_pilot: bool = False
    pay_to_tin: str = ""  # the pay-to organization's federal tax id (the 835's payee, N1*PE*...*FI)
    pay_to_npi: str = ""  # the NPI the pay-to bills under (a claim's billing provider): claims -> practice


@value_object
class Site:
    site_id: str
    practice_id: str
    trading_partner_id: str
    system_id: str
    name: str
    accepting_new_patients: bool = True
    health_home_start: date | None = None
    ncqa_status: str = "NOT_SUBMITTED"  # NOT_SUBMITTED, SUBMITTED, RECOGNIZED
    ncqa_submitted_on: date | None = None
    ncqa_recognized_on: date | None = None
    service_location_npi: str = ""  # the location's NPI, as a claim's service facility names it

    def is_health_home_on(self, on: date) -> bool:
        return self.health_home_start is not None and self.health_home_start <= on


@value_object
class Organization:
    """A partner that is not a practice: a BHH organization (BHHO), a CCT or a TCM provider."""

    organization_id: str
    name: str
    kind: str  # BHHO, CCT, TCM


@value_object
class Affiliation:
    """HHP–BHHO (needs an MOU on file) or CCT–HHP."""

    practice_id: str
    organization_id: str
    kind: str  # BHHO or CCT
    since: date
    mou_on_file: bool = False
    ends_on: date | None = None

    def in_effect(self, on: date) -> bool:
        return self.since <= on and (self.ends_on is None or on <= self.ends_on)
