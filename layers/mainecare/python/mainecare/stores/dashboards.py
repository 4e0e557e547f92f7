"""Member Dashboard snapshots, refreshed monthly (Panels table): `DASHBOARD#<site>#<month>` /
`MEMBER#<member>` with the member's utilization as JSON, and `DASHBOARD#<site>#<month>` /
`REFRESHED` with when."""

from __future__ import annotations

import json

from pynamodb.attributes import UnicodeAttribute
from pynamodb.models import Model

from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model

REFRESHED = "REFRESHED"


def _build() -> type[Model]:
    class DashboardRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # DASHBOARD_MEMBER, DASHBOARD_REFRESH
        member_id = UnicodeAttribute(null=True)
        utilization = UnicodeAttribute(null=True)
        refreshed_at = UnicodeAttribute(null=True)

    return DashboardRecord


def _items() -> type[Model]:
    return bound_model("Panels", _build)


def save(site_id: str, month: str, rows: dict[str, dict], refreshed_at: str) -> None:
    items = _items()
    with items.batch_write() as batch:
        for member_id, utilization in rows.items():
            batch.save(items(f"DASHBOARD#{site_id}#{month}", f"MEMBER#{member_id}", kind="DASHBOARD_MEMBER",
                             member_id=member_id, utilization=json.dumps(utilization, default=str)))
    items(f"DASHBOARD#{site_id}#{month}", REFRESHED, kind="DASHBOARD_REFRESH", refreshed_at=refreshed_at).save()


def refreshed_at(site_id: str, month: str) -> str | None:
    found = get_or_none(_items(), f"DASHBOARD#{site_id}#{month}", REFRESHED, consistent_read=True)
    return found.refreshed_at if found else None


def snapshot(site_id: str, month: str) -> dict[str, dict]:
    items = _items()
    return {i.member_id: json.loads(i.utilization)
            for i in items.query(f"DASHBOARD#{site_id}#{month}", items.sk.startswith("MEMBER#"), consistent_read=True)}
