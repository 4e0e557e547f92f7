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

from boto3.dynamodb.types import TypeDeserializer

from mainecare.config import settings
from mainecare.stores.aws import client


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


def _items(npi: str, prefix: str) -> list[dict]:
    found = client("dynamodb").query(
        TableName=settings().table("Accounts"),
        KeyConditionExpression="pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues={":pk": {"S": f"PROVIDER#{npi}"}, ":prefix": {"S": prefix}},
    )
    plain = TypeDeserializer().deserialize
    return [{k: plain(v) for k, v in item.items()} for item in found["Items"]]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def provider_types(npi: str) -> frozenset[str]:
    items = _items(npi, "PROFILE")
    return frozenset(items[0].get("provider_types", [])) if items else frozenset()


def licenses(npi: str) -> list[LicenseRecord]:
    return [LicenseRecord(i["sk"].split("#", 1)[1], i.get("status", ""), _date(i.get("expires")))
            for i in _items(npi, "LICENSE#")]


def enrollments_340b(npi: str) -> list[Enrollment340BRecord]:
    records = []
    for item in _items(npi, "340B#"):
        site = item["sk"].split("#")[1]
        records.append(Enrollment340BRecord(None if site == "ANY" else site, _date(item["enrolled_from"]),
                                            _date(item.get("enrolled_to")), item.get("medicaid_carve_in", True)))
    return records


def put_provider(npi: str, provider_types_: list[str]) -> None:
    client("dynamodb").put_item(TableName=settings().table("Accounts"), Item={
        "pk": {"S": f"PROVIDER#{npi}"}, "sk": {"S": "PROFILE"}, "kind": {"S": "PROVIDER"},
        "provider_types": {"L": [{"S": t} for t in provider_types_]}})


def put_license(npi: str, license_number: str, status: str, expires: date | None) -> None:
    item = {"pk": {"S": f"PROVIDER#{npi}"}, "sk": {"S": f"LICENSE#{license_number}"},
            "kind": {"S": "LICENSE"}, "status": {"S": status}}
    if expires:
        item["expires"] = {"S": expires.isoformat()}
    client("dynamodb").put_item(TableName=settings().table("Accounts"), Item=item)


def put_340b(npi: str, site_npi: str | None, enrolled_from: date, enrolled_to: date | None = None,
             medicaid_carve_in: bool = True) -> None:
    item = {"pk": {"S": f"PROVIDER#{npi}"}, "sk": {"S": f"340B#{site_npi or 'ANY'}#{enrolled_from.isoformat()}"},
            "kind": {"S": "340B"}, "enrolled_from": {"S": enrolled_from.isoformat()},
            "medicaid_carve_in": {"BOOL": medicaid_carve_in}}
    if enrolled_to:
        item["enrolled_to"] = {"S": enrolled_to.isoformat()}
    client("dynamodb").put_item(TableName=settings().table("Accounts"), Item=item)
