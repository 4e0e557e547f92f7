"""Authorizations, in the Claims table beside the claims that draw on them.

  pk AUTH#<id>, sk AUTH    the request, its decision and the units drawn (units_used)
     gsi1  AUTHS#TP#<partner> / <submitted at>#<id>     a partner's requests by time
     gsi2  AUTHS#MEMBER#<member> / <submitted at>#<id>  a member's requests (the claim edits read them)
The indexes carry the claims' listed fields only (claim_records): lists read the requests by key.
Units are drawn in the claim's own transaction (draw_update): the update's condition says the units
were still there, so two claims racing for the last units cannot both get them, and units_used
never passes approved_units.
"""

from __future__ import annotations

import json
from datetime import date

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.domain.authorizations.model import OPEN, Authorization, ServiceRequest
from mainecare.stores import page_tokens
from mainecare.stores.claim_records import claim_index
from mainecare.stores.records import day, get_or_none, iso
from mainecare.stores.tables import IndexedItem, bound_model
from mainecare.stores.transactions import Write, delete, save, update
from valueobjects import value_object


def _build() -> type[Model]:
    class AuthorizationRecord(IndexedItem):
        class Meta:
            pass

        by_partner = claim_index("gsi1")
        by_member = claim_index("gsi2")
        gsi2pk = UnicodeAttribute(null=True)
        gsi2sk = UnicodeAttribute(null=True)
        kind = UnicodeAttribute()
        authorization_kind = UnicodeAttribute()
        trading_partner_id = UnicodeAttribute()
        member_id = UnicodeAttribute()
        requesting_npi = UnicodeAttribute()
        servicing_npi = UnicodeAttribute()
        services = UnicodeAttribute()  # JSON [{code_set, code, units}]
        starts = UnicodeAttribute()
        ends = UnicodeAttribute()
        diagnoses = ListAttribute(of=UnicodeAttribute, null=True)
        status = UnicodeAttribute()
        submitted_at = UnicodeAttribute()
        approved_units = NumberAttribute(default=0)
        approved_starts = UnicodeAttribute(null=True)
        approved_ends = UnicodeAttribute(null=True)
        units_used = NumberAttribute(default=0)
        decision_reason = UnicodeAttribute(null=True)
        information_requested = UnicodeAttribute(null=True)
        attachments = ListAttribute(of=UnicodeAttribute, null=True)

    return AuthorizationRecord


def _model() -> type[Model]:
    return bound_model("Claims", _build)


def _key(authorization_id: str) -> tuple[str, str]:
    return f"AUTH#{authorization_id}", "AUTH"


def _item(a: Authorization):
    sort = f"{a.submitted_at}#{a.authorization_id}"
    return _model()(*_key(a.authorization_id), kind="AUTHORIZATION", authorization_kind=a.kind,
                    trading_partner_id=a.trading_partner_id, member_id=a.member_id,
                    requesting_npi=a.requesting_npi, servicing_npi=a.servicing_npi,
                    services=json.dumps([s.__dict__ for s in a.services], separators=(",", ":")),
                    starts=a.starts.isoformat(), ends=a.ends.isoformat(), diagnoses=list(a.diagnoses) or None,
                    status=a.status, submitted_at=a.submitted_at, approved_units=a.approved_units,
                    approved_starts=iso(a.approved_starts), approved_ends=iso(a.approved_ends),
                    units_used=a.units_used, decision_reason=a.decision_reason or None,
                    information_requested=a.information_requested or None,
                    gsi1pk=f"AUTHS#TP#{a.trading_partner_id}", gsi1sk=sort,
                    gsi2pk=f"AUTHS#MEMBER#{a.member_id}", gsi2sk=sort)


def _authorization(item) -> Authorization:
    return Authorization(
        authorization_id=item.pk.removeprefix("AUTH#"), kind=item.authorization_kind,
        trading_partner_id=item.trading_partner_id, member_id=item.member_id, requesting_npi=item.requesting_npi,
        servicing_npi=item.servicing_npi,
        services=tuple(ServiceRequest(**s) for s in json.loads(item.services)),
        starts=date.fromisoformat(item.starts), ends=date.fromisoformat(item.ends),
        diagnoses=tuple(item.diagnoses or ()), status=item.status, submitted_at=item.submitted_at,
        approved_units=int(item.approved_units or 0), approved_starts=day(item.approved_starts),
        approved_ends=day(item.approved_ends), units_used=int(item.units_used or 0),
        decision_reason=item.decision_reason or "", information_requested=item.information_requested or "")


QUEUE = "AUTHQUEUE#OPEN"  # staff's review queue: one marker per open request, oldest first


def _queue_marker(a: Authorization):
    return _model()(QUEUE, f"{a.submitted_at}#{a.authorization_id}", kind="AUTHORIZATION_QUEUED",
                    authorization_kind=a.kind, trading_partner_id=a.trading_partner_id, member_id=a.member_id,
                    requesting_npi=a.requesting_npi, servicing_npi=a.servicing_npi, services="[]",
                    starts=a.starts.isoformat(), ends=a.ends.isoformat(), status=a.status,
                    submitted_at=a.submitted_at)


def new_authorization(a: Authorization) -> list[Write]:
    return [save(_item(a), _model().pk.does_not_exist()), save(_queue_marker(a))]


def changed(a: Authorization, before: Authorization) -> list[Write]:
    """Save a decision, cancellation or extension on condition that the status is still the one read;
    the queue marker follows (open requests are queued, decided ones not)."""
    model = _model()
    writes = [save(_item(a), model.status == before.status, role="AUTHORIZATION_CHANGED")]
    if a.status in OPEN:
        writes.append(save(_queue_marker(a)))
    elif before.status in OPEN:
        writes.append(delete(_model()(QUEUE, f"{before.submitted_at}#{before.authorization_id}")))
    return writes


def queue(*, limit: int, token: str | None) -> tuple[list[str], str | None]:
    """Ids of open requests, oldest first, a page at a time."""
    model = _model()
    found = model.query(QUEUE, limit=limit,
                        last_evaluated_key=page_tokens.start_key(token, {"pk", "sk"}, "pk", QUEUE) if token else None)
    return [item.sk.split("#", 1)[1] for item in found], page_tokens.cut(found.last_evaluated_key)


def get(authorization_id: str, consistent: bool = False) -> Authorization | None:
    item = get_or_none(_model(), *_key(authorization_id), consistent_read=consistent)
    return _authorization(item) if item is not None else None


def of_member(member_id: str) -> tuple[Authorization, ...]:
    """The member's approved authorizations, each read again consistently (the index may lag a draw)."""
    model = _model()
    approved = [i.pk.removeprefix("AUTH#") for i in model.by_member.query(
        f"AUTHS#MEMBER#{member_id}", filter_condition=model.status == "APPROVED")]
    return tuple(a for a in (get(i, consistent=True) for i in approved) if a is not None)


def page(partition: str, index: str, *, status: str | None, start: str | None, end: str | None, limit: int,
         token: str | None) -> tuple[list[Authorization], str | None]:
    """A partner's (index gsi1, AUTHS#TP#...) or a member's (gsi2, AUTHS#MEMBER#...) requests, newest first."""
    model = _model()
    found_index = model.by_partner if index == "gsi1" else model.by_member
    sort_key = model.gsi1sk if index == "gsi1" else model.gsi2sk
    fields = {"pk", "sk", f"{index}pk", f"{index}sk"}
    results = found_index.query(
        partition, sort_key.between(start or "0000", (end or "9999") + "~"), scan_index_forward=False,
        limit=limit, filter_condition=(model.status == status) if status else None,
        last_evaluated_key=page_tokens.start_key(token, fields, f"{index}pk", partition) if token else None)
    ids = [i.pk for i in results]  # the index carries the listed fields only: the requests are read whole
    found = {i.pk: i for i in model.batch_get([(pk, "AUTH") for pk in ids])} if ids else {}
    return [_authorization(found[pk]) for pk in ids if pk in found], page_tokens.cut(results.last_evaluated_key)


def draw_update(authorization_id: str, units: int, approved_units: int | None) -> Write:
    """The update drawing `units`, for the claim's own transaction: on condition that they are still
    there and the authorization still approved. Negative units give back what a voided or replaced
    claim drew (never below zero). A failed condition is role "draw"."""
    model = _model()
    item = model(*_key(authorization_id))
    if units < 0:
        return update(item, [model.units_used.add(units)], model.units_used >= -units, role="draw")
    return update(item, [model.units_used.add(units)],
                  (model.status == "APPROVED")
                  & (model.units_used.does_not_exist() | (model.units_used <= approved_units - units)), role="draw")


@value_object
class GivenBack:
    original_claim_id: str
    units: dict  # authorization id -> units the original drew


def _net_by_authorization(draws, given_back: GivenBack | None) -> list[tuple[str, int, int | None]]:
    """One update per authorization (a transaction names an item once): units drawn less units given
    back, with the approved total a positive change is checked against."""
    net: dict[str, int] = {}
    approved: dict[str, int | None] = {}
    for draw in draws:
        net[draw.authorization_id] = net.get(draw.authorization_id, 0) + draw.units
        approved[draw.authorization_id] = draw.approved_units
    for authorization_id, units in (given_back.units if given_back else {}).items():
        net[authorization_id] = net.get(authorization_id, 0) - units
        approved.setdefault(authorization_id, None)
    return [(a, n, approved[a]) for a, n in net.items() if n]


def draw_writes(draws, given_back: GivenBack | None) -> list[Write]:
    """The transaction writes for a claim's draws and the units it gives back, one per authorization."""
    return [draw_update(authorization_id, net, approved)
            for authorization_id, net, approved in _net_by_authorization(draws, given_back)]
