"""Use cases of the member portal: a member's own claims history and creditable coverage letter.

A member sees only their own records: the member id comes from their account, never from the
request. Issuing a letter is audited (who, when), without the letter's content.
"""

from __future__ import annotations

from datetime import date

from mainecare import clock
from mainecare.documents.member_documents import claims_history_pdf, creditable_coverage_pdf
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import NotAllowed
from mainecare.domain.health_homes.coverage import creditable_periods
from mainecare.stores import audit, members
from mainecare.stores import claims as claim_store
from mainecare.stores.policy import policy_value


class NotAMember(NotAllowed):
    def __init__(self):
        super().__init__("NOT_A_MEMBER_ACCOUNT", "This account is not linked to a MaineCare member.")


def _member_id(identity: Identity) -> str:
    if not identity.member_id:
        raise NotAMember()
    return identity.member_id


def claims_history(identity: Identity, service_from: str | None, service_to: str | None) -> list[dict]:
    found = claim_store.claims_of_member(_member_id(identity), service_from, service_to)
    audit.record(f"MEMBER#{identity.member_id}", "CLAIMS_HISTORY_VIEWED", identity)
    return [{**c.summary(), "provider": c.claim.get("submitter", {}).get("organizationName", "")}
            for c in found if c.status == "ACCEPTED"]


def claims_history_document(identity: Identity, rows: list[dict], today: date | None = None) -> bytes:
    member = members.get_member(identity.member_id)
    name = member.name if member else identity.email
    return claims_history_pdf(name, identity.member_id, rows, today or clock.today())


def creditable_coverage_letter(identity: Identity, today: date | None = None) -> bytes:
    member_id = _member_id(identity)
    issued = today or clock.today()
    member = members.get_member(member_id)
    policy = policy_value("health_home_coverage", issued)
    periods = creditable_periods(member.coverage, policy) if member else []
    audit.record(f"MEMBER#{member_id}", "CREDITABLE_COVERAGE_LETTER_ISSUED", identity,
                 {"periods": len(periods)})
    return creditable_coverage_pdf(member.name if member else identity.email, member_id,
                                   member.birth_date if member else None, periods, issued)
