"""One data-access style: planned writes commit in one TransactWrite with their audit entry, or not
at all; a cancellation names the writes whose condition failed (stores/transactions.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mainecare.domain.health_homes.panel import Enrollment, HistoryEntry


@pytest.fixture
def tables():
    """The Panels and Audit tables, as the catalogue declares them, in moto."""
    import boto3
    from moto import mock_aws

    from local.provision import _create_table
    from mainecare.config import reset_settings
    from mainecare.resources import CATALOGUE

    with mock_aws():
        reset_settings()
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        for logical_id in ("Panels", "Audit"):
            _create_table(dynamodb, CATALOGUE.table(logical_id))
        yield dynamodb
        reset_settings()


def _audit_entries(dynamodb) -> list[dict]:
    from mainecare.config import settings

    return dynamodb.scan(TableName=settings().table("Audit"))["Items"]


def _enrollment(status: str) -> Enrollment:
    return Enrollment(request_id="mr-1", member_id="M1", site_id="S1", practice_id="P1", trading_partner_id="TP1",
                      stage="A", source="PRACTICE_REQUEST", status=status, requested_at="2026-01-02T00:00:00Z",
                      requested_by="staff@example.org", reasons=(), history=())


def _decide(expect: str):
    from mainecare.stores import audit, panels

    entry = HistoryEntry("2026-01-03T00:00:00Z", "OPTED_OUT", "OPTED_OUT", "staff@example.org", "PHONE", None)
    return [panels.status_update("M1", "mr-1", expect=[expect], status="OPTED_OUT", at=entry.at, entry=entry,
                                 sets={"decided_by": "staff@example.org", "ended_on": date(2026, 1, 3)}),
            audit.entry("MEMBER_REQUEST#mr-1", "OPTED_OUT", "staff@example.org", {"request_id": "mr-1"})]


def test_the_change_and_its_audit_entry_commit_together(tables):
    from mainecare.stores import panels

    panels.transact(panels.new_enrollment_puts(_enrollment("PENDING"), take_open=False))
    panels.transact(_decide("PENDING"))
    decided = panels.get_enrollment("mr-1")
    assert (decided.status, decided.ended_on, decided.history[-1].channel) == ("OPTED_OUT", date(2026, 1, 3), "PHONE")
    [entry] = _audit_entries(tables)
    assert entry["pk"]["S"] == "MEMBER_REQUEST#mr-1" and entry["gsi1pk"]["S"] == "ACTOR#staff@example.org"
    assert json.loads(entry["details"]["S"]) == {"request_id": "mr-1"}


def test_a_failed_condition_writes_neither_the_change_nor_its_audit_entry(tables):
    from mainecare.stores import panels

    panels.transact(panels.new_enrollment_puts(_enrollment("ASSIGNED"), take_open=False))
    with pytest.raises(panels.StatusChanged):
        panels.transact(_decide("PENDING"))
    assert panels.get_enrollment("mr-1").status == "ASSIGNED"
    assert _audit_entries(tables) == []


def test_a_cancellation_names_the_failed_write_whatever_order_the_writes_were_planned_in(tables):
    """pynamodb sends puts before updates: the reasons must be read in that order, not the list's."""
    from mainecare.stores import panels, transactions
    from mainecare.stores.panel_records import records

    panels.transact(panels.new_enrollment_puts(_enrollment("ASSIGNED"), take_open=False))
    items = records()
    failing_update = transactions.update(items("MEMBER#M1", "REQ#mr-1"), [items.reason.set("x")],
                                         items.status == "PENDING", role="status")
    fine_put = transactions.save(items("NOTICE#P1", "2026#n1", kind="NOTICE", notice="{}"), role="notice")
    with pytest.raises(transactions.ConditionFailed) as failed:
        transactions.commit([failing_update, fine_put])
    assert failed.value.roles == {"status"}


def test_an_entry_recorded_alone_is_written_at_once(tables):
    from mainecare.stores import audit

    audit.record("MEMBER#M1", "ELIGIBILITY_INQUIRY", "staff@example.org")
    [entry] = _audit_entries(tables)
    assert (entry["action"]["S"], json.loads(entry["details"]["S"])) == ("ELIGIBILITY_INQUIRY", {})
