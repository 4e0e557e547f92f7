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

from mainecare.config import settings
from mainecare.domain.health_homes.members import BhhCertification, CoverageSpan, Member, PccmSpan, ServiceSpan
from mainecare.stores.aws import client
from mainecare.stores.tables import bound_model

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
    class MemberItem(Model):
        class Meta:
            pass

        pk = UnicodeAttribute(hash_key=True)
        sk = UnicodeAttribute(range_key=True)
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


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _member(item) -> Member:
    return Member(
        member_id=item.member_id, first_name=item.first_name, last_name=item.last_name,
        birth_date=date.fromisoformat(item.birth_date),
        coverage=tuple(CoverageSpan(start=_day(c.start), end=_day(c.end), code=c.code) for c in item.coverage or ()),
        chronic_conditions=frozenset(item.chronic_conditions or ()),
        at_risk_conditions=frozenset(item.at_risk_conditions or ()),
        serious_mental_illness=bool(item.serious_mental_illness),
        bmi=float(item.bmi) if item.bmi is not None else None,
        weight_for_age_percentile=(float(item.weight_for_age_percentile)
                                   if item.weight_for_age_percentile is not None else None),
        services=tuple(ServiceSpan(start=_day(s.start), end=_day(s.end), section=s.section,
                                   provider_id=s.provider_id) for s in item.services or ()),
        bhh=(BhhCertification(item.bhh.organization_id, _day(item.bhh.certified_on), _day(item.bhh.ends_on))
             if item.bhh else None),
        dual_eligible=bool(item.dual_eligible), nursing_home_resident=bool(item.nursing_home_resident),
        pccm=tuple(PccmSpan(start=_day(p.start), end=_day(p.end), provider_id=p.provider_id) for p in item.pccm or ()),
    )


def get_member(member_id: str) -> Member | None:
    items = _items()
    try:
        item = items.get(member_key(member_id), PROFILE, consistent_read=True)
    except items.DoesNotExist:
        return None
    return _member(item) if item.birth_date else None


def get_members(member_ids) -> dict[str, Member]:
    items = _items()
    keys = [(member_key(m), PROFILE) for m in dict.fromkeys(member_ids)]
    return {item.member_id: _member(item) for item in items.batch_get(keys) if item.birth_date} if keys else {}


def get_coverage(member_id: str) -> tuple[CoverageSpan, ...] | None:
    """The member's coverage spans, or None when the eligibility feed never loaded the member.

    Reads only identity and coverage: a claim edit has no business with diagnoses."""
    items = _items()
    try:
        item = items.get(member_key(member_id), PROFILE, attributes_to_get=["birth_date", "coverage"])
    except items.DoesNotExist:
        return None
    if not item.birth_date:
        return None
    return tuple(CoverageSpan(start=_day(c.start), end=_day(c.end), code=c.code) for c in item.coverage or ())


def _coverage_value(spans) -> dict:
    return {"L": [{"M": {"code": {"S": s.code}, "start": {"S": s.start.isoformat()},
                         **({"end": {"S": s.end.isoformat()}} if s.end else {})}} for s in spans]}


def put_member_coverage(record) -> None:
    """Upsert what the eligibility feed says of one member (a domain.members.eligibility_file.MemberCoverage):
    identity and the full list of coverage spans, replacing the spans stored before. Other
    attributes (the Health Home data) are left as they are, so loading a file again is harmless."""
    client("dynamodb").update_item(
        TableName=settings().table("Members"),
        Key={"pk": {"S": member_key(record.member_id)}, "sk": {"S": PROFILE}},
        UpdateExpression="SET member_id = :id, first_name = :first, last_name = :last, birth_date = :dob, "
                         "coverage = :coverage",
        ExpressionAttributeValues={
            ":id": {"S": record.member_id}, ":first": {"S": record.first_name}, ":last": {"S": record.last_name},
            ":dob": {"S": record.birth_date.isoformat()}, ":coverage": _coverage_value(record.coverage),
        },
    )


def put_health_home_data(member: Member) -> None:
    """Write the Health Home data of a member (not identity or coverage: the eligibility feed owns those)."""
    def spans(values, **extra):
        return {"L": [{"M": {"start": {"S": v.start.isoformat()},
                             **({"end": {"S": v.end.isoformat()}} if v.end else {}),
                             **{k: {"S": getattr(v, k)} for k in extra if getattr(v, k)}}} for v in values]}

    def strings(values):
        return {"L": [{"S": v} for v in sorted(values)]}

    def number(value):
        return {"N": str(value)} if value is not None else {"NULL": True}

    bhh = ({"M": {"organization_id": {"S": member.bhh.organization_id},
                  "certified_on": {"S": member.bhh.certified_on.isoformat()},
                  **({"ends_on": {"S": member.bhh.ends_on.isoformat()}} if member.bhh.ends_on else {})}}
           if member.bhh else {"NULL": True})
    values = {
        ":pccm": spans(member.pccm, provider_id=True), ":chronic": strings(member.chronic_conditions),
        ":at_risk": strings(member.at_risk_conditions), ":smi": {"BOOL": member.serious_mental_illness},
        ":bmi": number(member.bmi), ":wfa": number(member.weight_for_age_percentile),
        ":services": spans(member.services, section=True, provider_id=True), ":bhh": bhh,
        ":dual": {"BOOL": member.dual_eligible}, ":nh": {"BOOL": member.nursing_home_resident},
    }
    client("dynamodb").update_item(
        TableName=settings().table("Members"),
        Key={"pk": {"S": member_key(member.member_id)}, "sk": {"S": PROFILE}},
        UpdateExpression="SET pccm = :pccm, chronic_conditions = :chronic, at_risk_conditions = :at_risk, "
                         "serious_mental_illness = :smi, bmi = :bmi, weight_for_age_percentile = :wfa, "
                         "services = :services, bhh = :bhh, dual_eligible = :dual, nursing_home_resident = :nh",
        ExpressionAttributeValues=values,
    )


def put_member(member: Member) -> None:
    _items()(
        member_key(member.member_id), PROFILE, member_id=member.member_id, first_name=member.first_name,
        last_name=member.last_name, birth_date=member.birth_date.isoformat(),
        coverage=[_Coverage(code=c.code, start=_text(c.start), end=_text(c.end)) for c in member.coverage],
        pccm=[_Pccm(provider_id=p.provider_id, start=_text(p.start), end=_text(p.end)) for p in member.pccm],
        chronic_conditions=sorted(member.chronic_conditions), at_risk_conditions=sorted(member.at_risk_conditions),
        serious_mental_illness=member.serious_mental_illness, bmi=member.bmi,
        weight_for_age_percentile=member.weight_for_age_percentile,
        services=[_Service(section=s.section, start=_text(s.start), end=_text(s.end), provider_id=s.provider_id)
                  for s in member.services],
        bhh=(_Bhh(organization_id=member.bhh.organization_id, certified_on=_text(member.bhh.certified_on),
                  ends_on=_text(member.bhh.ends_on)) if member.bhh else None),
        dual_eligible=member.dual_eligible, nursing_home_resident=member.nursing_home_resident,
    ).save()


def service_update(member_id: str, service: ServiceSpan) -> dict:
    """A transaction item appending a service span (a feed tells us a service started)."""
    entry = {"section": {"S": service.section}, "start": {"S": service.start.isoformat()}}
    if service.end:
        entry["end"] = {"S": service.end.isoformat()}
    if service.provider_id:
        entry["provider_id"] = {"S": service.provider_id}
    return {"Update": {
        "TableName": settings().table("Members"),
        "Key": {"pk": {"S": member_key(member_id)}, "sk": {"S": PROFILE}},
        "UpdateExpression": "SET services = list_append(if_not_exists(services, :empty), :new)",
        "ConditionExpression": "attribute_exists(pk)",
        "ExpressionAttributeValues": {":empty": {"L": []}, ":new": {"L": [{"M": entry}]}},
    }}
