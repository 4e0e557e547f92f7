"""Everything the claim edits need from outside the claim, as plain values and callables.

Reference data arrives through callables so the edits stay pure and testable: the stores that
answer them (HRSA Medicaid Exclusion File, ALMS licence sync, CCT roster) are filled elsewhere.
Unknown answers never deny: a licence lookup that returns None and a 340B policy not yet in effect
leave the line payable (at most with a warning); a crosswalk that is not loaded pends the line
until it is (paying it would skip the NDC edit). Members are the exception: who is a member is
never unknown (the eligibility feed loads every one), so member_coverage has no default and
answering None means "not a MaineCare member".
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from datetime import date
from typing import Literal

from mainecare.domain.crosswalks.index import CrosswalkIndex
from mainecare.domain.members.spans import CoverageSpan
from mainecare.domain.ndc import NdcFormats, formats_on, normalize_hcpcs
from mainecare.domain.policy import PolicyNotInEffect, Versioned, in_effect
from valueobjects import value_object

# HCPCS T1013 "Sign language or oral interpretive services, per 15 minutes". MaineCare's Health
# Home FAQ (q48) says interpreter services are billed with the accompanying service, except that
# Community Care Teams may bill them alone; it does not print the code, so the codes are policy
# (policy/interpreter_services.json); this is the default for tests and tools.
INTERPRETER_CODES = frozenset({"T1013"})

Modifier340BMode = Literal["warn", "deny"]
MODIFIER_340B_POLICY = "modifier_340b_mismatch"


@value_object
class Enrollment340B:
    """A 340B carve-in site: HRSA's Medicaid Exclusion File lists this NPI for MaineCare FFS.

    The provider_340b callable returns one only when the billing NPI bills MaineCare with 340B
    drugs at that service location on that date, and None otherwise.
    """

    npi: str
    service_location_npi: str | None = None  # None = the billing provider's own address
    entity_id: str = ""  # HRSA 340B ID, for the audit trail


@value_object
class LicenseStatus:
    """A licence as the ALMS sync knows it on a date."""

    license_number: str
    status: str  # as ALMS shows it, e.g. "Active", "Expired", "Revoked"
    expires_on: date | None = None

    def active_on(self, day: date) -> bool:
        if self.status.strip().upper() != "ACTIVE":
            return False
        return self.expires_on is None or day <= self.expires_on


# member id -> the member's coverage spans, or None when no such member was loaded
MemberCoverageLookup = Callable[[str], tuple[CoverageSpan, ...] | None]


def members_known(coverage_by_member: Mapping[str, Iterable[CoverageSpan]]) -> MemberCoverageLookup:
    """A lookup over a fixed set of members (tests, tools): every other id is not a member."""
    known = {member_id: tuple(spans) for member_id, spans in coverage_by_member.items()}
    return known.get


def no_340b_enrollment(npi: str, service_location_npi: str | None, dos: date) -> Enrollment340B | None:
    return None


def license_unknown(npi: str, dos: date) -> LicenseStatus | None:
    return None


def not_a_community_care_team(npi: str) -> bool:
    return False


def no_other_claims(member_id: str, billing_npi: str, dos: date, interpreter_codes: frozenset[str]) -> bool:
    return False


def no_authorization_required(code: str, dos: date) -> bool:
    return False


def no_authorizations(member_id: str) -> tuple:
    return ()


def rebate_list_unknown(ndc11: str, dos: date) -> bool | None:
    return None


def modifier_340b_versions(documents: Iterable[Mapping | Versioned]) -> tuple[Versioned, ...]:
    """Policy documents [{"effective_from": "2026-07-01", "value": {"mode": "deny"}}] -> versions."""
    versions: list[Versioned] = []
    for doc in documents:
        if isinstance(doc, Versioned):
            versions.append(doc)
            continue
        start = doc["effective_from"]
        mode = doc["value"]["mode"]
        if mode not in ("warn", "deny"):
            raise ValueError(f"{MODIFIER_340B_POLICY}: mode must be 'warn' or 'deny', not {mode!r}")
        versions.append(Versioned(start if isinstance(start, date) else date.fromisoformat(start), mode))
    return tuple(versions)


_DRUG_CODES: weakref.WeakKeyDictionary[CrosswalkIndex, frozenset[str]] = weakref.WeakKeyDictionary()


def crosswalk_hcpcs_codes(index: CrosswalkIndex) -> frozenset[str]:
    """Every HCPCS/CPT code on a loaded crosswalk: the codes Medicare prices per drug unit."""
    cached = _DRUG_CODES.get(index)
    if cached is None:
        codes: set[str] = set()
        for quarter in index.asp.values():
            for found in quarter.by_ndc.values():
                codes.update(found)
        if index.pdac is not None:
            for rows in index.pdac.by_ndc.values():
                codes.update(code for code, _, _ in rows)
        codes.update(hcpcs for _, hcpcs in index.approved)
        cached = _DRUG_CODES[index] = frozenset(codes)
    return cached


@value_object
class EditContext:
    crosswalks: CrosswalkIndex
    today: date  # processing date: no date of service may be after it
    provider_340b: Callable[[str, str | None, date], Enrollment340B | None] = no_340b_enrollment
    license_status: Callable[[str, date], LicenseStatus | None] = license_unknown
    is_community_care_team: Callable[[str], bool] = not_a_community_care_team
    # Effective-dated by date of service; before the first version, or with none, mismatches warn.
    modifier_340b_policy: tuple[Versioned, ...] = ()
    # ndc_format policy versions: which NDC formats a date of service accepts (12-digit from 2033).
    ndc_format_policy: tuple[Versioned, ...] = ()
    interpreter_codes: frozenset[str] = INTERPRETER_CODES
    # Whether another stored claim of the member, from this billing provider, has a service (not
    # an interpreter) line on this date: the accompanying claim of an interpreter line (FAQ q48).
    has_accompanying_claim: Callable[[str, str, date, frozenset[str]], bool] = no_other_claims
    drug_codes: frozenset[str] = field(default=frozenset())
    # Utilization management: whether a code needs an approved authorization on a date of service
    # (policy authorization_requirements), the member's authorizations, and whether an NDC is on the
    # CMS Medicaid Drug Rebate Program list on a date (None: the list is not loaded, which never denies).
    authorization_required: Callable[[str, date], bool] = no_authorization_required
    authorizations_for: Callable[[str], tuple] = no_authorizations
    on_rebate_list: Callable[[str, date], bool | None] = rebate_list_unknown
    member_coverage: MemberCoverageLookup = field(kw_only=True)

    def __post_init__(self):
        # Accept the policy as stored ({"effective_from", "value": {"mode"}} documents).
        object.__setattr__(self, "modifier_340b_policy", modifier_340b_versions(self.modifier_340b_policy))
        if not self.drug_codes:
            object.__setattr__(self, "drug_codes", crosswalk_hcpcs_codes(self.crosswalks))

    def modifier_340b_mode(self, dos: date) -> Modifier340BMode:
        try:
            return in_effect(MODIFIER_340B_POLICY, self.modifier_340b_policy, dos)
        except PolicyNotInEffect:
            return "warn"  # never deny on a rule that was not in force on the date of service

    def ndc_formats(self, dos: date | None) -> NdcFormats:
        return formats_on(self.ndc_format_policy, dos or self.today)

    def ndc_required(self, procedure_code: str) -> bool:
        """MaineCare wants an NDC on every CPT/HCPCS drug line, 340B or not, crossovers too.

        A drug line is a J code (all J codes are drugs) or any code the loaded crosswalks list,
        which covers drug Q codes (biosimilars Q51xx) and drug CPT codes without catching the
        non-drug Q codes (Q3014 telehealth site fee, Q4xxx casting supplies).
        """
        code = normalize_hcpcs(procedure_code)
        return code.startswith("J") or code in self.drug_codes
