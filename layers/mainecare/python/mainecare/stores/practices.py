"""Practices table: Health Home practices, their sites, partner organizations and affiliations.

| item                  | pk             | sk                      | gsi1pk        | gsi1sk                  |
|-----------------------|----------------|-------------------------|---------------|-------------------------|
| practice              | PRACTICE#<id>  | PROFILE                 |               |                         |
| site                  | SITE#<id>      | PROFILE                 | PRACTICE#<id> | SITE#<id>               |
| organization          | ORG#<id>       | PROFILE                 |               |                         |
| (BHHO, CCT, TCM)      |                |                         |               |                         |
| affiliation           | PRACTICE#<id>  | AFFILIATION#<kind>#<org>| ORG#<org>     | AFFILIATION#PRACTICE#<id> |

Every request names a site, so a site is one GetItem (it carries its practice's trading partner
and system umbrella, copied on write, so the access check and the move rule need no second read).
A practice's affiliations are one Query on its partition; gsi1 answers "the sites of a practice"
and "the practices an organization is affiliated with".
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.domain.health_homes.auto_assignment import RenderingAffiliation
from mainecare.domain.health_homes.members import Affiliation, Organization, Practice, Site
from mainecare.stores.records import day, get_or_none, iso
from mainecare.stores.tables import IndexedItem, bound_model, gsi1

PROFILE = "PROFILE"


def _build() -> type[Model]:
    class PracticeRecord(IndexedItem):
        class Meta:
            pass

        by_parent = gsi1()
        kind = UnicodeAttribute()  # PRACTICE, SITE, ORGANIZATION, AFFILIATION
        name = UnicodeAttribute(null=True)
        practice_id = UnicodeAttribute(null=True)
        site_id = UnicodeAttribute(null=True)
        organization_id = UnicodeAttribute(null=True)
        organization_kind = UnicodeAttribute(null=True)
        trading_partner_id = UnicodeAttribute(null=True)
        pay_to = UnicodeAttribute(null=True)
        system_id = UnicodeAttribute(null=True)
        hospital_affiliated = BooleanAttribute(null=True)
        pcmh_pilot = BooleanAttribute(null=True)
        pay_to_tin = UnicodeAttribute(null=True)
        accepting_new_patients = BooleanAttribute(null=True)
        health_home_start = UnicodeAttribute(null=True)
        ncqa_status = UnicodeAttribute(null=True)
        ncqa_submitted_on = UnicodeAttribute(null=True)
        ncqa_recognized_on = UnicodeAttribute(null=True)
        since = UnicodeAttribute(null=True)
        ends_on = UnicodeAttribute(null=True)
        mou_on_file = BooleanAttribute(null=True)
        pay_to_npi = UnicodeAttribute(null=True)
        service_location_npi = UnicodeAttribute(null=True)
        npi = UnicodeAttribute(null=True)  # a rendering provider's, on a RENDERING affiliation

    return PracticeRecord


def _items() -> type[Model]:
    return bound_model("Practices", _build)


def _get(pk: str):
    return get_or_none(_items(), pk, PROFILE)


def put_practice(practice: Practice) -> None:
    _items()(f"PRACTICE#{practice.practice_id}", PROFILE, kind="PRACTICE", name=practice.name,
             practice_id=practice.practice_id, trading_partner_id=practice.trading_partner_id,
             pay_to=practice.pay_to, system_id=practice.system_id,
             hospital_affiliated=practice.hospital_affiliated, pcmh_pilot=practice.pcmh_pilot,
             pay_to_tin=practice.pay_to_tin or None, pay_to_npi=practice.pay_to_npi or None).save()


def get_practice(practice_id: str) -> Practice | None:
    item = _get(f"PRACTICE#{practice_id}")
    if item is None:
        return None
    return Practice(item.practice_id, item.name, item.trading_partner_id, item.pay_to, item.system_id,
                    bool(item.hospital_affiliated), bool(item.pcmh_pilot), item.pay_to_tin or "",
                    item.pay_to_npi or "")


def put_site(site: Site) -> None:
    _items()(f"SITE#{site.site_id}", PROFILE, kind="SITE", name=site.name, site_id=site.site_id,
             practice_id=site.practice_id, trading_partner_id=site.trading_partner_id,
             system_id=site.system_id, accepting_new_patients=site.accepting_new_patients,
             health_home_start=iso(site.health_home_start), ncqa_status=site.ncqa_status,
             ncqa_submitted_on=iso(site.ncqa_submitted_on),
             ncqa_recognized_on=iso(site.ncqa_recognized_on),
             service_location_npi=site.service_location_npi or None,
             gsi1pk=f"PRACTICE#{site.practice_id}", gsi1sk=f"SITE#{site.site_id}").save()
    _items()("SITES", site.site_id, kind="SITE_INDEX", site_id=site.site_id).save()  # every site, no scan


def _site(item) -> Site:
    return Site(item.site_id, item.practice_id, item.trading_partner_id, item.system_id, item.name,
                bool(item.accepting_new_patients), day(item.health_home_start),
                item.ncqa_status or "NOT_SUBMITTED", day(item.ncqa_submitted_on),
                day(item.ncqa_recognized_on), item.service_location_npi or "")


def get_site(site_id: str) -> Site | None:
    item = _get(f"SITE#{site_id}")
    return _site(item) if item is not None else None


def sites_of(practice_id: str) -> list[Site]:
    return [_site(i) for i in _items().by_parent.query(f"PRACTICE#{practice_id}",
                                                        _items().gsi1sk.startswith("SITE#"))]


def put_organization(organization: Organization) -> None:
    _items()(f"ORG#{organization.organization_id}", PROFILE, kind="ORGANIZATION", name=organization.name,
             organization_id=organization.organization_id,
             organization_kind=organization.kind).save()


def get_organization(organization_id: str) -> Organization | None:
    item = _get(f"ORG#{organization_id}")
    return Organization(item.organization_id, item.name, item.organization_kind) if item else None


def put_affiliation(affiliation: Affiliation) -> None:
    _items()(f"PRACTICE#{affiliation.practice_id}",
             f"AFFILIATION#{affiliation.kind}#{affiliation.organization_id}", kind="AFFILIATION",
             practice_id=affiliation.practice_id, organization_id=affiliation.organization_id,
             organization_kind=affiliation.kind, since=iso(affiliation.since),
             ends_on=iso(affiliation.ends_on), mou_on_file=affiliation.mou_on_file,
             gsi1pk=f"ORG#{affiliation.organization_id}",
             gsi1sk=f"AFFILIATION#PRACTICE#{affiliation.practice_id}").save()


def affiliations(practice_id: str) -> list[Affiliation]:
    items = _items()
    return [Affiliation(i.practice_id, i.organization_id, i.organization_kind, day(i.since),
                        bool(i.mou_on_file), day(i.ends_on))
            for i in items.query(f"PRACTICE#{practice_id}", items.sk.startswith("AFFILIATION#"),
                                 consistent_read=True)]


def affiliated_practices(organization_id: str, kind: str) -> list[str]:
    """The practices affiliated with an organization (a CCT's Health Homes), by gsi1."""
    items = _items()
    return [i.practice_id for i in items.by_parent.query(f"ORG#{organization_id}",
                                                         items.gsi1sk.startswith("AFFILIATION#PRACTICE#"))
            if i.organization_kind == kind]


def all_site_ids() -> list[str]:
    """Every Health Home site (scheduled jobs go through them), from the SITES index item."""
    return [i.site_id for i in _items().query("SITES", consistent_read=True)]


def put_rendering_affiliation(affiliation: RenderingAffiliation) -> None:
    """A rendering provider practicing at a site (what the auto-assignment's second step reads)."""
    _items()(f"PRACTICE#{affiliation.practice_id}", f"RENDERING#{affiliation.npi}#{affiliation.site_id}",
             kind="RENDERING", practice_id=affiliation.practice_id, site_id=affiliation.site_id,
             npi=affiliation.npi).save()


def rendering_affiliations(practice_id: str) -> list[RenderingAffiliation]:
    items = _items()
    return [RenderingAffiliation(i.npi, i.practice_id, i.site_id)
            for i in items.query(f"PRACTICE#{practice_id}", items.sk.startswith("RENDERING#"))]


def site_at_location(location_npi: str) -> Site | None:
    """The site whose service location NPI this is (through the SITES index: hundreds of sites)."""
    for site_id in all_site_ids():
        site = get_site(site_id)
        if site is not None and site.service_location_npi == location_npi:
            return site
    return None
