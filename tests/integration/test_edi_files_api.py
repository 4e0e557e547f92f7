"""837 files by receipt: each upload gets a file id, its answers live under it and never overwrite
another upload's, and GET /v1/edi/files answers status, counts and links, to its own partner only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from mainecare.services.claims import ingest_edi
from mainecare.stores import edi_receipts, inbound, outbound

EDI = Path(__file__).resolve().parents[2] / "events" / "edi"
BILLER, PINETREE_ADMIN, STAFF = "biller@downeast.example", "admin@pinetree.example", "staff@mainecare.example"


def _upload(aws, name: str, data: bytes, partner: str = "DOWNEAST") -> str:
    """Upload and process; the file id of this upload."""
    inbound.put_inbound(partner, name, data)
    aws.deliver("EdiIngestQueue")
    found, _ = edi_receipts.list_receipts(partner, None, None, None, limit=1, token=None)
    return found[0].file_id


def _get(api, aws, path: str, email: str = BILLER):
    response = api.http.get(path, headers=aws.auth(email))
    return response.status_code, json.loads(response.body)


def test_two_uploads_of_one_name_keep_both_answers(loaded, api):
    first = _upload(loaded, "claims.txt", (EDI / "two_claims_one_bad_ndc.txt").read_bytes())
    second = _upload(loaded, "claims.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    assert first != second
    keys = outbound.list_for("DOWNEAST")
    for file_id in (first, second):
        assert {k.removeprefix(f"DOWNEAST/{file_id}/") for k in keys if k.startswith(f"DOWNEAST/{file_id}/")} == {
            "claims.txt.999", "claims.txt.277ca", "claims.txt.rejections.json", "claims.txt.rejections.csv"}
    first_report = json.loads(outbound.read(f"DOWNEAST/{first}/claims.txt.rejections.json"))
    assert len(first_report) == 1  # the first file's rejected claim is still reported under its id
    assert json.loads(outbound.read(f"DOWNEAST/{second}/claims.txt.rejections.json")) == []

    status, body = _get(api, loaded, "/v1/edi/files")
    assert status == 200 and [f["file_id"] for f in body["files"]] == [second, first]  # newest first
    status, one = _get(api, loaded, f"/v1/edi/files/{first}")
    assert status == 200 and one["status"] == "ANSWERED" and one["file_name"] == "claims.txt"
    assert one["interchange_control_number"] == "000000102"
    assert one["counts"] == {"claims_expected": 2, "claims_edited": 2, "claims_received": 2, "claims_accepted": 1,
                             "claims_rejected": 1, "claims_pended": 0}
    links = {a["kind"]: a["url"] for a in one["answers"]}
    assert set(links) == {"999", "277ca", "rejections.json", "rejections.csv"}
    assert "X-Amz-Signature=" in links["999"] and "X-Amz-Expires=900" in links["999"]
    assert requests.get(links["999"], timeout=10).text.startswith("ISA*")  # moto serves the presigned link


def test_a_files_status_walks_received_validating_editing_answered(loaded, monkeypatch):
    seen = []
    real = edi_receipts.advance
    def spy(receipt, status, **changes):
        seen.append(status)
        return real(receipt, status, **changes)

    monkeypatch.setattr(edi_receipts, "advance", spy)
    monkeypatch.setattr(ingest_edi, "BATCH", 1)  # progress after every claim
    file_id = _upload(loaded, "walk.txt", (EDI / "two_claims_one_bad_ndc.txt").read_bytes())
    assert seen == ["VALIDATING", "EDITING", "EDITING", "EDITING", "ANSWERED"]
    assert edi_receipts.get_receipt("DOWNEAST", file_id).status == "ANSWERED"


def test_a_refused_file_says_why_and_keeps_its_ta1(loaded, api):
    file_id = _upload(loaded, "notes.txt", b"these are not claims")
    status, body = _get(api, loaded, f"/v1/edi/files/{file_id}")
    assert status == 200 and body["status"] == "REFUSED" and body["refusal"]["code"] == "024"
    assert [a["kind"] for a in body["answers"]] == ["ta1"]
    again = _upload(loaded, "again.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    duplicate = _upload(loaded, "again-2.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    assert edi_receipts.get_receipt("DOWNEAST", again).status == "ANSWERED"
    refused = edi_receipts.get_receipt("DOWNEAST", duplicate)
    assert refused.status == "REFUSED" and refused.refusal["code"] == "025"


def test_a_redelivery_keeps_its_receipt(loaded):
    file_id = _upload(loaded, "once.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    key = "DOWNEAST/once.txt"
    bucket = loaded.session.client("s3").list_object_versions(Bucket=_inbound_bucket(), Prefix=key)
    version = bucket["Versions"][0]["VersionId"]
    outcome = ingest_edi.ingest_file(_inbound_bucket(), key, version)
    assert outcome.status == "ALREADY_PROCESSED" and outcome.file_id == file_id


def _inbound_bucket() -> str:
    from mainecare.config import settings

    return settings().bucket("InboundEdi")


def test_another_partners_file_answers_404_and_its_list_is_its_own(loaded, api):
    file_id = _upload(loaded, "mine.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    status, body = _get(api, loaded, f"/v1/edi/files/{file_id}", PINETREE_ADMIN)
    assert status == 404 and body["error"]["code"] == "FILE_NOT_FOUND"
    status, body = _get(api, loaded, "/v1/edi/files?trading_partner=DOWNEAST", PINETREE_ADMIN)
    assert status == 200 and body["files"] == []  # the filter is for program staff only
    status, body = _get(api, loaded, f"/v1/edi/files/{file_id}?trading_partner=DOWNEAST", STAFF)
    assert status == 200 and body["file_id"] == file_id


def test_lists_filter_by_status_and_date_and_page(loaded, api):
    ids = [_upload(loaded, f"f{n}.txt", (EDI / "brief_837p_ndc.txt").read_bytes().replace(
        b"000000101", f"00000020{n}".encode())) for n in range(3)]
    _upload(loaded, "bad.txt", b"not x12")
    status, body = _get(api, loaded, "/v1/edi/files?status=answered&limit=2")
    assert status == 200 and [f["file_id"] for f in body["files"]] == [ids[2], ids[1]] and body["next_token"]
    status, rest = _get(api, loaded, f"/v1/edi/files?status=answered&limit=2&next_token={body['next_token']}")
    assert [f["file_id"] for f in rest["files"]] == [ids[0]]
    today = ids[0][:8]
    day = f"{today[:4]}-{today[4:6]}-{today[6:]}"
    assert _get(api, loaded, f"/v1/edi/files?from={day}&to={day}")[1]["count"] == 4
    assert _get(api, loaded, "/v1/edi/files?to=2020-01-01")[1]["count"] == 0


@pytest.mark.parametrize(("query", "code"), [
    ("status=LOST", "INVALID_QUERY"), ("from=yesterday", "INVALID_QUERY"), ("next_token=abc", "NEXT_TOKEN_INVALID"),
    ("stauts=ANSWERED", "UNKNOWN_QUERY_PARAMETER"), ("limit=0", "INVALID_QUERY")])
def test_bad_queries_are_400(aws, api, query, code):
    status, body = _get(api, aws, f"/v1/edi/files?{query}")
    assert status == 400 and body["error"]["code"] == code


def test_a_token_cut_for_another_partner_is_refused(aws, api):
    import base64

    forged = base64.urlsafe_b64encode(json.dumps({"pk": "EDIFILES#DOWNEAST", "sk": "x"}).encode()).decode()
    status, body = _get(api, aws, f"/v1/edi/files?next_token={forged.rstrip('=')}", PINETREE_ADMIN)
    assert status == 400 and body["error"]["code"] == "NEXT_TOKEN_INVALID"


def test_paging_lists_every_claim_of_a_10k_claim_file_exactly_once(loaded, api, tmp_path):
    from bench.edi import write_837p

    path = tmp_path / "big.txt"
    write_837p(path, 10_000)
    file_id = _upload(loaded, "big.txt", path.read_bytes())
    assert edi_receipts.get_receipt("DOWNEAST", file_id).counts["claims_received"] == 10_000
    seen, token, pages = [], None, 0
    while True:
        status, page = _get(api, loaded, "/v1/claims?limit=500" + (f"&next_token={token}" if token else ""))
        assert status == 200
        seen += [claim["claim_id"] for claim in page["claims"]]
        pages += 1
        token = page["next_token"]
        if not token:
            break
    assert len(seen) == 10_000 == len(set(seen)) and pages >= 20
