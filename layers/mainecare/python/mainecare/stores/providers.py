"""What the claim edits need to know about providers, read through one interface.

Licenses arrive with the weekly license sync (a later issue); 340B enrollment comes from HRSA's
Medicaid Exclusion File; Community Care Team status from enrollment. Until those feeds exist the
items can be written by staff tooling or tests, and an absent item means "unknown", which never
denies a line. Items live in the accounts table:
  pk PROVIDER#<npi>, sk PROFILE                   provider_types (e.g. ["CCT"])
  pk PROVIDER#<npi>, sk LICENSE#<license number>  status, expires (YYYY-MM-DD)
  pk PROVIDER#<npi>, sk 340B#<site npi or ANY>#<from>   enrolled_from, enrolled_to, medicaid_carve_in
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mainecare.stores.account_records import PROFILE, records
from mainecare.stores.records import day, iso


@dataclass(frozen=True)
class LicenseRecord:
    license_number: str
    status: str
    expires: date | None


@dataclass(frozen=True)
class Enrollment340BRecord:
    site_npi: str | None
    enrolled_from: date
    enrolled_to: date | None
    medicaid_carve_in: bool


def _provider_key(npi: str) -> str:
    return f"PROVIDER#{npi}"


def _items(npi: str, prefix: str) -> list:
    items = records()
    return list(items.query(_provider_key(npi), items.sk.startswith(prefix)))


def provider_types(npi: str) -> frozenset[str]:
    items = _items(npi, PROFILE)
    return frozenset(items[0].provider_types or ()) if items else frozenset()


def licenses(npi: str) -> list[LicenseRecord]:
    return [LicenseRecord(i.sk.split("#", 1)[1], i.status or "", day(i.expires)) for i in _items(npi, "LICENSE#")]


def enrollments_340b(npi: str) -> list[Enrollment340BRecord]:
    spans = []
    for item in _items(npi, "340B#"):
        site = item.sk.split("#")[1]
        spans.append(Enrollment340BRecord(None if site == "ANY" else site, day(item.enrolled_from),
                                             day(item.enrolled_to),
                                             True if item.medicaid_carve_in is None else item.medicaid_carve_in))
    return spans


def put_provider(npi: str, provider_types_: list[str]) -> None:
    records()(_provider_key(npi), PROFILE, kind="PROVIDER", provider_types=list(provider_types_)).save()


def put_license(npi: str, license_number: str, status: str, expires: date | None) -> None:
    records()(_provider_key(npi), f"LICENSE#{license_number}", kind="LICENSE", status=status,
              expires=iso(expires)).save()


def put_340b(npi: str, site_npi: str | None, enrolled_from: date, enrolled_to: date | None = None,
             medicaid_carve_in: bool = True) -> None:
    records()(_provider_key(npi), f"340B#{site_npi or 'ANY'}#{enrolled_from.isoformat()}", kind="340B",
              enrolled_from=enrolled_from.isoformat(), enrolled_to=iso(enrolled_to),
              medicaid_carve_in=medicaid_carve_in).save()
