"""A provider's licences and maintenance cases, as its trading partner and program staff see them.

A provider belongs to the trading partner named on its profile (accounts data); for anyone else it
does not exist (404, the same answer as an unknown NPI). Staff (provider:all) see every provider and
decide cases; applying a case is one transaction with its audit record.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict, Invalid, NotFound, Refused
from mainecare.domain.permissions import PROVIDER_ALL
from mainecare.domain.providers.licenses import LicenseSpan
from mainecare.stores import audit as audit_store
from mainecare.stores import maintenance_cases as cases
from mainecare.stores import practices, providers, transactions
from mainecare.stores.maintenance_cases import MaintenanceCase

NPI = re.compile(r"^\d{10}$")


def visible_provider(identity: Identity, npi: str) -> str:
    if not NPI.match(npi or ""):
        raise Invalid("NPI_INVALID", "An NPI is 10 digits.")
    partner = providers.provider_partner(npi)
    if partner is None or not (identity.may(PROVIDER_ALL) or identity.owns(partner)):
        raise NotFound("provider")
    return npi


def licenses(identity: Identity, npi: str) -> dict[str, list[LicenseSpan]]:
    """Each licence's spans, earliest first, as visible today."""
    visible_provider(identity, npi)
    by_number: dict[str, list[LicenseSpan]] = {}
    for span in providers.licenses(npi, visible_on=clock.today()):
        by_number.setdefault(span.license_number, []).append(span)
    return {n: sorted(s, key=lambda x: x.expires.isoformat() if x.expires else "9999") for n, s in
            sorted(by_number.items())}


def case_list(identity: Identity, npi: str) -> list[MaintenanceCase]:
    visible_provider(identity, npi)
    return cases.cases_of(npi)


def open_case(identity: Identity, npi: str, case_type: str, details: dict) -> MaintenanceCase:
    visible_provider(identity, npi)
    if case_type == "ADD_LICENSE" and not details.get("license"):
        raise Invalid("LICENSE_REQUIRED", "An ADD_LICENSE case names the licence (license).")
    if case_type == "ACCEPTING_NEW_PATIENTS":
        _check_accepting(details)
    if case_type.endswith("_DETAILS") and not details.get("changes"):
        raise Invalid("CHANGES_REQUIRED", "A details case names at least one change (changes).")
    now = clock.now()
    case = MaintenanceCase(f"MC-{now:%Y%m%d%H%M%S%f}", npi, case_type, details, cases.OPEN, identity.email,
                           now.isoformat())
    cases.open_case(case)
    return case


def _check_accepting(details: dict) -> None:
    """A rendering provider's "accepting new patients" must match its service location's."""
    if details.get("accepting_new_patients") is None or not details.get("service_location_npi"):
        raise Invalid("ACCEPTING_DETAILS_REQUIRED",
                      "Name accepting_new_patients and the service_location_npi the provider renders at.")
    site = practices.site_at_location(details["service_location_npi"])
    if site is None:
        raise NotFound("service location", "SERVICE_LOCATION_NOT_FOUND")
    if site.accepting_new_patients != details["accepting_new_patients"]:
        raise Refused("ACCEPTING_NEW_PATIENTS_MISMATCH",
                      f"The service location is {'' if site.accepting_new_patients else 'not '}accepting new "
                      "patients; a rendering provider's status must match its service location's. Change the "
                      "location first (SERVICE_LOCATION_DETAILS).")


def decide(identity: Identity, case_id: str, apply: bool, reason: str) -> MaintenanceCase:
    case = cases.get_case(case_id)
    if case is None:
        raise NotFound("maintenance case")
    if case.status != cases.OPEN:
        raise Conflict("CASE_ALREADY_DECIDED", f"The case is already {case.status}.")
    decided = replace(case, status=cases.APPLIED if apply else cases.DENIED, decided_by=identity.email,
                      decided_at=clock.now_text(), decision_reason=reason)
    writes = [cases.decision_write(decided)]
    if apply and case.case_type == "ADD_LICENSE":
        new = case.details.get("license") or case.details
        writes += providers.new_license_writes(case.npi, LicenseSpan(
            new["license_number"].upper(), new.get("status", "ACTIVE").upper(),
            _day(new.get("expires")), visible_from=clock.today(), profession=new.get("profession", "")))
    writes.append(audit_store.entry(f"PROVIDER#{case.npi}", f"MAINTENANCE_CASE_{decided.status}", identity,
                                    {"case_id": case_id, "type": case.case_type}))
    try:
        transactions.commit(writes)
    except transactions.ConditionFailed as error:
        raise Conflict("CASE_ALREADY_DECIDED", "The case was decided meanwhile.") from error
    return decided


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
