"""Audit trail: who changed what and when. Entries name entities by id, never carry PHI.

The one writer of the Audit table (pk <entity>, sk <at>#<random>, gsi1 ACTOR#<actor> by time).
A change to other items records its entry inside the same transaction (`entry`, committed with
the change by stores/transactions.py), so the change and its record commit or fail together; a
read or a load with nothing else to write records alone (`record`).
"""

from __future__ import annotations

import json
import uuid

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from mainecare import clock
from mainecare.stores import page_tokens
from mainecare.stores.tables import IndexedItem, bound_model, gsi1
from mainecare.stores.transactions import Write, save


def _build() -> type[Model]:
    class AuditRecord(IndexedItem):
        class Meta:
            pass

        by_actor = gsi1()
        action = UnicodeAttribute()
        actor = UnicodeAttribute()
        actor_partner = UnicodeAttribute(null=True)  # the actor's trading partner (MAINECARE for jobs)
        details = UnicodeAttribute()  # JSON, sorted keys

    return AuditRecord


def _records() -> type[Model]:
    return bound_model("Audit", _build)


def _who(actor) -> tuple[str, str | None]:
    """An actor is a caller's Identity (its e-mail and trading partner are recorded) or a name:
    `system:<job>` (MaineCare's own) or, where only the name travelled, an e-mail."""
    if isinstance(actor, str):
        return actor, "MAINECARE" if actor.startswith("system:") else None
    return actor.email, actor.trading_partner_id


def _record(entity: str, action: str, actor, details: dict | None) -> Model:
    at = clock.now_text()
    name, partner = _who(actor)
    return _records()(entity, f"{at}#{uuid.uuid4().hex[:8]}", gsi1pk=f"ACTOR#{name}", gsi1sk=at,
                      action=action, actor=name, actor_partner=partner,
                      details=json.dumps(details or {}, sort_keys=True))


def entry(entity: str, action: str, actor, details: dict | None = None) -> Write:
    """The audit entry of a change, to commit in the change's own transaction."""
    return save(_record(entity, action, actor, details))


def record(entity: str, action: str, actor, details: dict | None = None) -> None:
    """Record an entry on its own (nothing else is written with it)."""
    _record(entity, action, actor, details).save()


def _entry(item) -> dict:
    return {"entity": item.pk, "at": item.sk.split("#", 1)[0], "action": item.action, "actor": item.actor,
            "actor_partner": item.actor_partner, "details": json.loads(item.details or "{}")}


def entries_of(entity: str, start: str | None, end: str | None, *, limit: int, token: str | None
               ) -> tuple[list[dict], str | None]:
    """An entity's entries in time order (start/end: ISO dates, inclusive), a page at a time."""
    records = _records()
    found = records.query(entity, records.sk.between(start or "0000", (end or "9999") + "~"), limit=limit,
                          last_evaluated_key=page_tokens.start_key(token, {"pk", "sk"}, "pk", entity)
                          if token else None)
    return [_entry(item) for item in found], page_tokens.cut(found.last_evaluated_key)


def entries_by(actor: str, start: str | None, end: str | None, *, limit: int, token: str | None
               ) -> tuple[list[dict], str | None]:
    """What one user did, in time order, a page at a time (the by-actor index)."""
    records = _records()
    partition = f"ACTOR#{actor}"
    found = records.by_actor.query(partition, records.gsi1sk.between(start or "0000", (end or "9999") + "~"),
                                   limit=limit, last_evaluated_key=page_tokens.start_key(
                                       token, {"pk", "sk", "gsi1pk", "gsi1sk"}, "gsi1pk", partition) if token else None)
    return [_entry(item) for item in found], page_tokens.cut(found.last_evaluated_key)
