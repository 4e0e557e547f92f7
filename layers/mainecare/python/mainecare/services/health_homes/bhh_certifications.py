"""Use case: a Behavioral Health Home certification from the state's contractor (later FAQ q44:
APS Healthcare certifies members for BHH services) is uploaded against the member. The member's
BHH eligibility in the Health Home rules (Stage B additions, the duplication rule) reads the
certification on the member record, so the upload replaces hand-kept records; each upload is
audited with the document's key."""

from __future__ import annotations

from datetime import date

from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Invalid, NotFound
from mainecare.domain.health_homes.members import BhhCertification
from mainecare.stores import audit, members, practices
from mainecare.stores.transactions import commit


def upload(identity: Identity, member_id: str, organization_id: str, certified_on: date, ends_on: date | None,
           document_key: str) -> BhhCertification:
    if members.get_member(member_id) is None:
        raise NotFound("member")
    organization = practices.get_organization(organization_id)
    if organization is None or organization.kind != "BHHO":
        raise Invalid("BHH_ORGANIZATION_UNKNOWN", "organization_id must name a BHH organization (BHHO).")
    if ends_on is not None and ends_on < certified_on:
        raise Invalid("CERTIFICATION_SPAN_INVALID", "The certification ends before it starts.")
    certification = BhhCertification(organization_id, certified_on, ends_on)
    commit([members.bhh_update(member_id, certification), audit.entry(
        f"MEMBER#{member_id}", "BHH_CERTIFICATION_UPLOADED", identity,
        {"organization_id": organization_id, "certified_on": certified_on.isoformat(),
         "ends_on": ends_on.isoformat() if ends_on else "", "document_key": document_key})])
    return certification
