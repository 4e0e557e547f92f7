"""The claim-line extract (claims table stream -> monthly claim-line shards) reads stored claim bodies.

Institutional claims count: an 837I carries no CLM06, which the JSON request contract requires, so
reading stored bodies through the contract reported every 837I claim as unreadable and left its
lines out of the counts auto-assignment reads. A damaged body is reported, never blocking the stream.
"""

from __future__ import annotations

from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.models.claims_json import claim_to_json
from mainecare.services.claims import claim_line_extract
from mainecare.stores.claims import StoredClaim
from tests.unit.claims.claims_fixtures import claims_in, sample

INSERT = {"eventName": "INSERT", "dynamodb": {"NewImage": {"sk": {"S": "CLAIM"}}}}


def _stored(claim_id: str, body: dict) -> StoredClaim:
    return StoredClaim(claim_id=claim_id, trading_partner_id="DOWNEAST", channel="EDI", status="ACCEPTED",
                       received_at="2026-03-01T09:15:00-05:00", patient_control_number="PCN", member_id="M1",
                       service_from="2026-02-21", service_to="2026-02-21", total_charge="100", source="test",
                       claim=body, decision={})


def _extract(monkeypatch, stored: list[StoredClaim]) -> tuple[dict, dict[str, list[str]]]:
    written: dict[str, list[str]] = {}
    queue = iter(stored)
    monkeypatch.setattr(claim_line_extract.claim_store, "stored_from_item", lambda _item: next(queue))
    monkeypatch.setattr(claim_line_extract.claim_lines, "put_lines",
                        lambda key, rows: written.setdefault(key, list(rows)) and len(written[key]))
    return claim_line_extract.extract([INSERT] * len(stored)), written


def test_an_institutional_claim_is_counted(monkeypatch):
    institutional = claim_to_json(claim_from_segments(claims_in(sample("837i_outpatient.txt"))[0]))
    assert "signatureIndicator" not in institutional["claimInformation"], "an 837I as received: no CLM06"
    outcome, written = _extract(monkeypatch, [_stored("C1", institutional)])
    assert outcome["claims"] == 1 and outcome["unreadable_claim_ids"] == []
    assert outcome["lines"] == len(institutional["claimInformation"]["serviceLines"]) > 0
    assert written


def test_a_damaged_body_is_reported_and_the_rest_are_counted(monkeypatch):
    professional = claim_to_json(claim_from_segments(claims_in(sample("837p_drug_lines.txt"))[0]))
    damaged = {"claimInformation": {"serviceLines": []}}
    outcome, _ = _extract(monkeypatch, [_stored("BAD", damaged), _stored("C2", professional)])
    assert outcome["unreadable_claim_ids"] == ["BAD"]
    assert outcome["claims"] == 1
