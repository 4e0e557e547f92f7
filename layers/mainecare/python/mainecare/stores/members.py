"""Members table: the MIHMS eligibility and service data the Health Home rules read.

One item per member (pk MEMBER#<member id>, sk PROFILE): coverage spans, PCCM spans, chronic and
at-risk conditions, BMI or weight-for-age percentile, services with dates, BHH certification, dual
eligibility and nursing-home residence. Every question asked of it is "this member, now", so one
strongly consistent GetItem answers it. Its own table, so only the API (and the feeds that fill it)
can read diagnoses; the opt-out timer's role cannot.

Two sources write an item, each only its own attributes, so neither erases the other: the member
eligibility feed (put_member_coverage: identity and coverage spans) and the Health Home data
(put_health_home_data: conditions, BMI, services, BHH, PCCM, dual eligibility, nursing home). A
member is someone the eligibility feed loaded: an item without a birth date is not one yet.
"""

from __future__ import annotations

from datetime import date

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.models import Model

from mainecare.domain.health_homes.members import BhhCertification, Member
from mainecare.domain.members.spans import CoverageSpan, PccmSpan, ServiceSpan
from mainecare.stores.records import day, get_or_none, iso
from mainecare.stores.tables import KeyedItem, bound_model
from mainecare.stores.transactions import Write, update
from valueobjects import value_object

PROFILE = "PROFILE"


class _Coverage(MapAttribute):
    code = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)


class _Service(MapAttribute):
    section = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)
    provider_id = UnicodeAttribute(null=True)


class _Pccm(MapAttribute):
    provider_id = UnicodeAttribute()
    start = UnicodeAttribute()
    end = UnicodeAttribute(null=True)


class _Bhh(MapAttribute):
    organization_id = UnicodeAttribute()
    certified_on = UnicodeAttribute()
    ends_on = UnicodeAttribute(null=True)


def _build() -> type[Model]:
    class MemberItem(KeyedItem):
        class Meta:
            pass

        member_id = UnicodeAttribute()
        first_name = UnicodeAttribute()
        last_name = UnicodeAttribute()
        birth_date = UnicodeAttribute()
        coverage = ListAttribute(of=_Coverage, default=list)
        pccm = ListAttribute(of=_Pccm, default=list)
        chronic_conditions = ListAttribute(of=UnicodeAttribute, default=list)
        at_risk_conditions = ListAttribute(of=UnicodeAttribute, default=list)
        serious_mental_illness = BooleanAttribute(default=False)
        bmi = NumberAttribute(null=True)
        weight_for_age_percentile = NumberAttribute(null=True)
        services = ListAttribute(of=_Service, default=list)
        bhh = _Bhh(null=True)
        dual_eligible = BooleanAttribute(default=False)
        nursing_home_resident = BooleanAttribute(default=False)

    return MemberItem


def _items() -> type[Model]:
    return bound_model("Members", _build)


def member_key(member_id: str) -> str:
    return f"MEMBER#{member_id}"


def _coverage(spans) -> tuple[CoverageSpan, ...]:
    return tuple(CoverageSpan(start=day(c.start), end=day(c.end), code=c.code) for c in spans or ())


def _member(item) -> Member:
    return Member(
        member_id=item.member_id, first_name=item.first_name, last_name=item.last_name,
        birth_date=date.fromisoformat(item.birth_date), coverage=_coverage(item.coverage),
        chronic_conditions=frozenset(item.chronic_conditions or ()),
        at_risk_conditions=frozenset(item.at_risk_conditions or ()),
        serious_mental_illness=bool(item.serious_mental_illness),
        bmi=float(item.bmi) if item.bmi is not None else None,
        weight_for_age_percentile=(float(item.weight_for_age_percentile)
                                   if item.weight_for_age_percentile is not None else None),
        services=tuple(ServiceSpan(start=day(s.start), end=day(s.end), section=s.section,
                                   provider_id=s.provider_id) for s in item.services or ()),
        bhh=(BhhCertification(item.bhh.organization_id, day(item.bhh.certified_on), day(item.bhh.ends_on))
             if item.bhh else None),
        dual_eligible=bool(item.dual_eligible), nursing_home_resident=bool(item.nursing_home_resident),
        pccm=_pccm_spans(item.pccm),
    )


def get_member(member_id: str) -> Member | None:
    item = get_or_none(_items(), member_key(member_id), PROFILE, consistent_read=True)
    return _member(item) if item is not None and item.birth_date else None


def get_members(member_ids) -> dict[str, Member]:
    items = _items()
    keys = [(member_key(m), PROFILE) for m in dict.fromkeys(member_ids)]
    return {item.member_id: _member(item) for item in items.batch_get(keys) if item.birth_date} if keys else {}


@value_object
class NameAndPccm:
    member_id: str
    last_name: str
    first_name: str
    pccm: tuple[PccmSpan, ...]


def names_and_pccm(member_ids) -> dict[str, NameAndPccm]:
    """What a payment run reads of each member: the name its 835 gives and the PCCM spans that
    decide the PCCM part. A projection: coverage, services and conditions are most of a profile, and
    reading whole profiles was a third of a run's time."""
    items = _items()
    keys = [(member_key(m), PROFILE) for m in dict.fromkeys(member_ids)]
    wanted = ["member_id", "last_name", "first_name", "birth_date", "pccm"]
    return {item.member_id: NameAndPccm(item.member_id, item.last_name, item.first_name, _pccm_spans(item.pccm))
            for item in items.batch_get(keys, attributes_to_get=wanted) if item.birth_date} if keys else {}


def _pccm_spans(spans) -> tuple[PccmSpan, ...]:
    return tuple(PccmSpan(start=day(p.start), end=day(p.end), provider_id=p.provider_id) for p in spans or ())


def get_coverage(member_id: str) -> tuple[CoverageSpan, ...] | None:
    """The member's coverage spans, or None when the eligibility feed never loaded the member.

    Reads only identity and coverage: a claim edit has no business with diagnoses."""
    item = get_or_none(_items(), member_key(member_id), PROFILE, attributes_to_get=["birth_date", "coverage"])
    return _coverage(item.coverage) if item is not None and item.birth_date else None


def get_coverages(member_ids) -> dict[str, tuple[CoverageSpan, ...] | None]:
    """get_coverage of many members in BatchGetItem calls (pynamodb sends 100 keys a call): every id
    asked is answered, None for one the feed never loaded."""
    ids = [m for m in dict.fromkeys(member_ids) if m]
    if not ids:
        return {}
    found = {item.pk: item for item in _items().batch_get([(member_key(m), PROFILE) for m in ids],
                                                          attributes_to_get=["pk", "sk", "birth_date", "coverage"])}
    return {m: _coverage(item.coverage) if (item := found.get(member_key(m))) is not None and item.birth_date
            else None for m in ids}


# Stored forms of the spans (dates as ISO days; an absent end or provider is left out).
def _coverage_list(spans) -> list[_Coverage]:
    return [_Coverage(code=c.code, start=iso(c.start), end=iso(c.end)) for c in spans]


def _pccm_list(spans) -> list[_Pccm]:
    return [_Pccm(provider_id=p.provider_id, start=iso(p.start), end=iso(p.end)) for p in spans]


def _service(span: ServiceSpan) -> _Service:
    return _Service(section=span.section, start=iso(span.start), end=iso(span.end),
                    provider_id=span.provider_id or None)


def _bhh(bhh: BhhCertification | None) -> _Bhh | None:
    return (_Bhh(organization_id=bhh.organization_id, certified_on=iso(bhh.certified_on), ends_on=iso(bhh.ends_on))
            if bhh else None)


def put_member_coverage(record) -> None:
    """Upsert what the eligibility feed says of one member (a domain.members.eligibility_file.MemberCoverage):
    identity and the full list of coverage spans, replacing the spans stored before. Other
    attributes (the Health Home data) are left as they are, so loading a file again is harmless."""
    items = _items()
    items(member_key(record.member_id), PROFILE).update(actions=[
        items.member_id.set(record.member_id), items.first_name.set(record.first_name),
        items.last_name.set(record.last_name), items.birth_date.set(record.birth_date.isoformat()),
        items.coverage.set(_coverage_list(record.coverage))])


def put_health_home_data(member: Member) -> None:
    """Write the Health Home data of a member (not identity or coverage: the eligibility feed owns those)."""
    items = _items()
    items(member_key(member.member_id), PROFILE).update(actions=[
        items.pccm.set(_pccm_list(member.pccm)), items.chronic_conditions.set(sorted(member.chronic_conditions)),
        items.at_risk_conditions.set(sorted(member.at_risk_conditions)),
        items.serious_mental_illness.set(member.serious_mental_illness), items.bmi.set(member.bmi),
        items.weight_for_age_percentile.set(member.weight_for_age_percentile),
        items.services.set([_service(s) for s in member.services]), items.bhh.set(_bhh(member.bhh)),
        items.dual_eligible.set(member.dual_eligible), items.nursing_home_resident.set(member.nursing_home_resident)])


def put_member(member: Member) -> None:
    _item(_items(), member).save()


def put_members(members) -> None:
    """Many profiles in batches of 25 (a load or a benchmark's seed; each item stands alone)."""
    items = _items()
    with items.batch_write() as batch:
        for member in members:
            batch.save(_item(items, member))


def _item(items: type[Model], member: Member):
    return items(
        member_key(member.member_id), PROFILE, member_id=member.member_id, first_name=member.first_name,
        last_name=member.last_name, birth_date=member.birth_date.isoformat(),
        coverage=_coverage_list(member.coverage), pccm=_pccm_list(member.pccm),
        chronic_conditions=sorted(member.chronic_conditions), at_risk_conditions=sorted(member.at_risk_conditions),
        serious_mental_illness=member.serious_mental_illness, bmi=member.bmi,
        weight_for_age_percentile=member.weight_for_age_percentile,
        services=[_service(s) for s in member.services], bhh=_bhh(member.bhh),
        dual_eligible=member.dual_eligible, nursing_home_resident=member.nursing_home_resident,
    )


def service_update(member_id: str, service: ServiceSpan) -> Write:
    """Append a service span (a feed tells us a service started), in the caller's transaction;
    only to a member that exists."""
    items = _items()
    return update(items(member_key(member_id), PROFILE),
                  [items.services.set((items.services | []).append([_service(service)]))], items.pk.exists())


def bhh_update(member_id: str, certification: BhhCertification) -> Write:
    """Set the member's BHH certification (an uploaded one replaces the last), in the caller's
    transaction; only on a member that exists."""
    items = _items()
    return update(items(member_key(member_id), PROFILE), [items.bhh.set(_bhh(certification))], items.pk.exists())
