"""The stored claim's layout on moto: what the indexes carry, where bodies are read, how an 837 is audited."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from mainecare.config import settings
from mainecare.stores import audit, claims, edi_receipts, inbound

EDI = Path(__file__).resolve().parents[2] / "events" / "edi"
PARTNER = "DOWNEAST"
STAFF = "claims.staff@mainecare.example"


def _submit(aws, file_name: str) -> str:
    inbound.put_inbound(PARTNER, file_name, (EDI / file_name).read_bytes())
    aws.deliver("EdiIngestQueue")
    receipts, _ = edi_receipts.list_receipts(PARTNER, None, None, None, limit=10, token=None)
    return receipts[0].file_id


def _index_items(index: str) -> list[dict]:
    return boto3.client("dynamodb").scan(TableName=settings().table("Claims"), IndexName=index)["Items"]


def test_the_indexes_carry_the_listed_fields_and_never_the_body(loaded, api):
    _submit(loaded, "brief_837p_ndc.txt")
    for index in ("gsi1", "gsi2"):
        entries = [i for i in _index_items(index) if i["pk"]["S"].startswith("CLAIM#")]
        assert entries and all("body" not in entry and "decision_hash" not in entry for entry in entries)
        assert all(entry["status"]["S"] == "ACCEPTED" and entry["trading_partner_id"]["S"] == PARTNER
                   for entry in entries)
    listed = json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)
    claim_id = listed["claims"][0]["claim_id"]
    whole = json.loads(api.http.get(f"/v1/claims/{claim_id}", headers=loaded.auth("biller@downeast.example")).body)
    assert whole["claim"]["claimInformation"]["serviceLines"] and whole["decision"]["status"] == "ACCEPTED"


def test_a_members_history_reads_the_bodies_from_the_table(loaded, api):
    _submit(loaded, "brief_837p_ndc.txt")
    item = next(i for i in _index_items("gsi2") if i["pk"]["S"].startswith("CLAIM#"))
    member_id = item["member_id"]["S"]
    history = claims.claims_of_member(member_id)
    assert [c.claim_id for c in history] == [item["pk"]["S"].removeprefix("CLAIM#")]
    assert history[0].claim["subscriber"]["memberId"] == member_id and history[0].decision["status"] == "ACCEPTED"


def test_an_837_is_audited_once_for_the_file_its_claims_point_to(loaded, api):
    file_id = _submit(loaded, "two_claims_one_bad_ndc.txt")
    entries, _ = audit.entries_of(f"EDI_FILE#{file_id}", None, None, limit=10, token=None)
    assert [(e["action"], e["actor"]) for e in entries] == [("CLAIMS_RECEIVED", f"edi:{PARTNER}")]
    details = entries[0]["details"]
    assert (details["claims"], details["accepted"], details["rejected"]) == (2, 1, 1)
    assert details["file"] == "two_claims_one_bad_ndc.txt" and len(details["content_hash"]) == 64
    stored = boto3.client("dynamodb").scan(TableName=settings().table("Audit"))["Items"]
    assert not [i for i in stored if i["pk"]["S"].startswith("CLAIM#")]  # no entry per claim
    listed = json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)
    assert sorted(c["source"] for c in listed["claims"]) == [f"two_claims_one_bad_ndc.txt#{n}" for n in (1, 2)]
