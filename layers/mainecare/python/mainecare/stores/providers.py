"""What the claim edits need to know about providers, read through one interface.

Licenses arrive with the weekly license sync (a later issue); 340B enrollment comes from HRSA's
Medicaid Exclusion File; Community Care Team status from enrollment. Until those feeds exist the
items can be written by staff tooling or tests, and an absent item means "unknown", which never
denies a line. Items live in the accounts table:
  pk PROVIDER#<npi>, sk PROFILE                   provider_types (e.g. ["CCT"]), trading_partner_id (whose it is)
  pk PROVIDER#<npi>, sk LICENSE#<number>#<expires>  one span of a licence's history (domain/providers/licenses.py)
  pk LICENSE_EXPIRY, sk <expires>#<npi>#<number>  the latest span's expiry: the Monday sync's lookup, no scan
  pk PROVIDER#<npi>, sk 340B#<site npi or ANY>#<from>   enrolled_from, enrolled_to, medicaid_carve_in
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.providers.licenses import LicenseSpan
from mainecare.stores.account_records import PROFILE, records
from mainecare.stores.records import day, iso
from mainecare.stores.transactions import Write, delete, save
from valueobjects import value_object

EXPIRY = "LICENSE_EXPIRY"
SPAN_EXISTS = "LICENSE_SPAN_EXISTS"  # the role of a renewal's span in a transaction


@value_object
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


def provider_partner(npi: str) -> str | None:
    """The trading partner the provider belongs to; None for a provider not on file."""
    items = _items(npi, PROFILE)
    return (items[0].trading_partner_id or "") if items else None


def _span(item) -> LicenseSpan:
    return LicenseSpan(item.license_number or item.sk.split("#")[1], item.status or "", day(item.expires),
                       day(item.starts), day(item.visible_from), item.name or "", item.profession or "")


def licenses(npi: str, visible_on: date | None = None) -> list[LicenseSpan]:
    """Every span of the provider's licences; with `visible_on`, only the spans visible that day."""
    spans = [_span(i) for i in _items(npi, "LICENSE#")]
    return [s for s in spans if visible_on is None or s.visible_on(visible_on)]


def _span_item(npi: str, span: LicenseSpan):
    return records()(_provider_key(npi), f"LICENSE#{span.license_number}#{iso(span.expires) or 'OPEN'}",
                     kind="LICENSE", license_number=span.license_number, status=span.status,
                     expires=iso(span.expires), starts=iso(span.starts), visible_from=iso(span.visible_from),
                     name=span.holder or None, profession=span.profession or None)


def _expiry_item(npi: str, span: LicenseSpan):
    return records()(EXPIRY, f"{iso(span.expires)}#{npi}#{span.license_number}", kind="LICENSE_EXPIRY",
                     member_id=npi, license_number=span.license_number)


def put_license(npi: str, license_number: str, status: str, expires: date | None, holder: str = "",
                profession: str = "") -> None:
    """A licence as enrollment recorded it (its first span)."""
    span = LicenseSpan(license_number, status, expires, holder=holder, profession=profession)
    _span_item(npi, span).save()
    if expires is not None:
        _expiry_item(npi, span).save()


def renewal_writes(npi: str, previous: LicenseSpan, renewed: LicenseSpan) -> list[Write]:
    """The new span (on the condition that it is new: a re-run adds nothing) and the expiry index moved."""
    items = records()
    writes = [save(_span_item(npi, renewed), items.pk.does_not_exist(), role=SPAN_EXISTS),
              save(_expiry_item(npi, renewed))]
    if previous.expires is not None:
        writes.append(delete(_expiry_item(npi, previous)))
    return writes


def new_license_writes(npi: str, span: LicenseSpan) -> list[Write]:
    """A licence added by an applied maintenance case: its first span and its expiry."""
    items = records()
    writes = [save(_span_item(npi, span), items.pk.does_not_exist(), role=SPAN_EXISTS)]
    return writes + ([save(_expiry_item(npi, span))] if span.expires else [])


def expiring(last: date) -> list[tuple[str, str]]:
    """(npi, licence number) of every latest span expiring on or before `last`."""
    items = records()
    return [(i.member_id, i.license_number) for i in items.query(EXPIRY, items.sk <= f"{last.isoformat()}#~")]


def enrollments_340b(npi: str) -> list[Enrollment340BRecord]:
    spans = []
    for item in _items(npi, "340B#"):
        site = item.sk.split("#")[1]
        spans.append(Enrollment340BRecord(None if site == "ANY" else site, day(item.enrolled_from),
                                             day(item.enrolled_to),
                                             True if item.medicaid_carve_in is None else item.medicaid_carve_in))
    return spans


def put_provider(npi: str, provider_types_: list[str], trading_partner_id: str = "") -> None:
    records()(_provider_key(npi), PROFILE, kind="PROVIDER", provider_types=list(provider_types_),
              trading_partner_id=trading_partner_id or None).save()


def put_340b(npi: str, site_npi: str | None, enrolled_from: date, enrolled_to: date | None = None,
             medicaid_carve_in: bool = True) -> None:
    records()(_provider_key(npi), f"340B#{site_npi or 'ANY'}#{enrolled_from.isoformat()}", kind="340B",
              enrolled_from=enrolled_from.isoformat(), enrolled_to=iso(enrolled_to),
              medicaid_carve_in=medicaid_carve_in).save()
