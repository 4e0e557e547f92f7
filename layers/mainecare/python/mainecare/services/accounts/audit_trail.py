"""Use case: program staff query the audit trail by member or by user (audit:read). A member's
entries are those recorded against the member (eligibility inquiries, service starts, Health Home
decisions about the member); a user's are everything they did. Each query is itself audited."""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Invalid
from mainecare.stores import audit


def query(identity: Identity, member_id: str | None, user: str | None, start: str | None, end: str | None, *,
          limit: int, token: str | None) -> tuple[list[dict], str | None]:
    if bool(member_id) == bool(user):
        raise Invalid("AUDIT_QUERY_INVALID", "Name exactly one of ?member= or ?user= (an e-mail or system:job).")
    if member_id:
        found = audit.entries_of(f"MEMBER#{member_id}", start, end, limit=limit, token=token)
    else:
        found = audit.entries_by(user.strip().lower() if "@" in user else user, start, end, limit=limit, token=token)
    audit.record(f"AUDIT_QUERY#{identity.email}", "AUDIT_QUERIED", identity,
                 {"member": bool(member_id), "user": user or "", "from": start or "", "to": end or ""})
    return found


# The path parameter that names whose data a read returned, most specific first.
READ_ENTITIES = (("member_id", "MEMBER"), ("claim_id", "CLAIM"), ("request_id", "MEMBER_REQUEST"),
                 ("authorization_id", "AUTH"), ("message_id", "MESSAGE"), ("site_id", "SITE"),
                 ("npi", "PROVIDER"), ("trading_partner_id", "TP"))


def record_read(identity: Identity, route: str, path_ids: dict[str, str], query: dict[str, str] | None) -> None:
    """A read of member data, audited after it answered (who, what, when, from which partner)."""
    entity = next((f"{prefix}#{path_ids[name]}" for name, prefix in READ_ENTITIES if path_ids.get(name)),
                  f"ROUTE#{route}")
    audit.record(entity, "READ", identity, {"route": route, **path_ids, "query": sorted((query or {}).keys())})
