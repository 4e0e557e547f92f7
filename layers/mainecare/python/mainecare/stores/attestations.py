"""Attestations and Member Dashboard views, in the Panels table beside the panels they are about.

- `ATTEST#<site>#<month>` / `MEMBER#<member>`: one item per attested member (activity, who saved it
  and when, whether MaineCare pays it). Saving in parts writes only the members sent.
- `ATTEST#<site>#<month>` / `STATE`: the month marked final (the practice's last save).
- `ATTESTED#<month>` / `<site>`: the sites with attestations that month (what a payment run reads,
  without a scan).
- `DASHVIEW#<site>#<month>` / `<at>#<user>`: each view of the site's Member Dashboard, the
  "monthly scan" evidence; the month is the Maine month the view happened in.
Queries are by partition (one site and month), never a scan.
"""

from __future__ import annotations

from collections.abc import Iterable

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model
from valueobjects import value_object

STATE = "STATE"


def _build() -> type[Model]:
    class AttestationRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # ATTESTATION, ATTESTATION_STATE, DASHBOARD_VIEW
        site_id = UnicodeAttribute(null=True)
        month = UnicodeAttribute(null=True)
        member_id = UnicodeAttribute(null=True)
        activity = UnicodeAttribute(null=True)
        payable = BooleanAttribute(null=True)
        saved_by = UnicodeAttribute(null=True)
        saved_at = UnicodeAttribute(null=True)
        final = BooleanAttribute(null=True)
        viewed_by = UnicodeAttribute(null=True)
        viewed_at = UnicodeAttribute(null=True)

    return AttestationRecord


def _items() -> type[Model]:
    return bound_model("Panels", _build)


@value_object
class AttestedMember:
    member_id: str
    activity: str
    payable: bool
    saved_by: str
    saved_at: str


def _pk(site_id: str, month: str) -> str:
    return f"ATTEST#{site_id}#{month}"


def attested(site_id: str, month: str) -> dict[str, AttestedMember]:
    items = _items()
    return {i.member_id: AttestedMember(i.member_id, i.activity, bool(i.payable), i.saved_by, i.saved_at)
            for i in items.query(_pk(site_id, month), items.sk.startswith("MEMBER#"), consistent_read=True)}


def payable(site_id: str, month: str) -> dict[str, bool]:
    """Each attested member and whether MaineCare pays them: what a payment run reads (a projection;
    the activity, who saved it and when are for the API and the reports)."""
    items = _items()
    return {i.member_id: bool(i.payable)
            for i in items.query(_pk(site_id, month), items.sk.startswith("MEMBER#"), consistent_read=True,
                                 attributes_to_get=["member_id", "payable"])}


def is_final(site_id: str, month: str) -> bool:
    state = get_or_none(_items(), _pk(site_id, month), STATE, consistent_read=True)
    return bool(state and state.final)


def save(site_id: str, month: str, members: Iterable[AttestedMember], *, final: bool, by: str, at: str) -> None:
    """Each member's item is complete on its own (a save in parts is the FAQ's way of working), so a
    batch write, not a transaction: a retry writes the same items again."""
    items = _items()
    with items.batch_write() as batch:
        for m in members:
            batch.save(items(_pk(site_id, month), f"MEMBER#{m.member_id}", kind="ATTESTATION", site_id=site_id,
                             month=month, member_id=m.member_id, activity=m.activity, payable=m.payable,
                             saved_by=m.saved_by, saved_at=m.saved_at))
    items(f"ATTESTED#{month}", site_id, kind="ATTESTED_SITE", site_id=site_id, month=month).save()
    if final:
        items(_pk(site_id, month), STATE, kind="ATTESTATION_STATE", site_id=site_id, month=month, final=True,
              saved_by=by, saved_at=at).save()


def sites_attested(month: str) -> list[str]:
    return [i.site_id for i in _items().query(f"ATTESTED#{month}", consistent_read=True)]


def record_view(site_id: str, month: str, by: str, at: str) -> None:
    _items()(f"DASHVIEW#{site_id}#{month}", f"{at}#{by}", kind="DASHBOARD_VIEW", site_id=site_id, month=month,
             viewed_by=by, viewed_at=at).save()


def views(site_id: str, month: str) -> list[tuple[str, str]]:
    """(at, user) of each dashboard view in the month, oldest first."""
    return [(i.viewed_at, i.viewed_by) for i in _items().query(f"DASHVIEW#{site_id}#{month}", consistent_read=True)]
