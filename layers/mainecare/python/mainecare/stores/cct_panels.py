"""Community Care Team panels, in the Panels table: `CCT#<cct>` / `MEMBER#<member>` with the month
the member joined (and left, when they do)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model


def _build() -> type[Model]:
    class CctPanelRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # CCT_MEMBER
        member_id = UnicodeAttribute(null=True)
        joined_month = UnicodeAttribute(null=True)
        left_month = UnicodeAttribute(null=True)
        added_by = UnicodeAttribute(null=True)
        added_at = UnicodeAttribute(null=True)

    return CctPanelRecord


def _items() -> type[Model]:
    return bound_model("Panels", _build)


def members(cct_id: str) -> list[tuple[str, str, str | None]]:
    """(member id, joined month, left month) of everyone ever on the CCT's panel."""
    return [(i.member_id, i.joined_month, i.left_month) for i in _items().query(f"CCT#{cct_id}", consistent_read=True)]


def is_member(cct_id: str, member_id: str) -> bool:
    found = get_or_none(_items(), f"CCT#{cct_id}", f"MEMBER#{member_id}", consistent_read=True)
    return found is not None and found.left_month is None


def add(cct_id: str, member_id: str, month: str, by: str, at: str) -> None:
    _items()(f"CCT#{cct_id}", f"MEMBER#{member_id}", kind="CCT_MEMBER", member_id=member_id, joined_month=month,
             added_by=by, added_at=at).save()
    _items()("CCTS", cct_id, kind="CCT_INDEX", member_id=cct_id).save()  # the teams with panels, no scan


def team_ids() -> list[str]:
    return [i.member_id for i in _items().query("CCTS", consistent_read=True)]


def members_in(cct_id: str, month: str) -> list[str]:
    """Members on the CCT's panel during the month."""
    return sorted(m for m, joined, left in members(cct_id) if joined <= month and (left is None or left > month))
