"""837 files through S3 -> SQS -> edi_ingest on moto, to the outbound answers and stored claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mainecare.config import settings
from mainecare.stores import inbound, outbound
from tests.edi_answers import answer_bytes

EDI = Path(__file__).resolve().parents[2] / "events" / "edi"
PARTNER = "DOWNEAST"


def _outbound_text(aws, name: str) -> str:
    return answer_bytes(aws, PARTNER, name).decode("latin-1")


def _segments(text: str) -> list[str]:
    return [s.strip() for s in text.split("~") if s.strip()]


def _submit(aws, file_name: str, data: bytes | None = None) -> int:
    inbound.put_inbound(PARTNER, file_name, data if data is not None else (EDI / file_name).read_bytes())
    return aws.deliver("EdiIngestQueue")


def test_clean_file_is_accepted_with_999_277ca_and_stored(loaded, api, capsys):
    assert _submit(loaded, "brief_837p_ndc.txt") == 1
    assert '"EdiFilesValidatedFast":[1.0]' in capsys.readouterr().out  # the fast path carried it
    names = [k.rsplit("/", 1)[-1] for k in outbound.list_for(PARTNER)]
    assert sorted(names) == sorted(f"brief_837p_ndc.txt{s}" for s in
                                   (".999", ".277ca", ".rejections.json", ".rejections.csv"))
    ack = _segments(_outbound_text(loaded, "brief_837p_ndc.txt.999"))
    assert "IK5*A" in ack and any(s.startswith("AK9*A*1*1*1") for s in ack)
    status = _segments(_outbound_text(loaded, "brief_837p_ndc.txt.277ca"))
    assert any(s.startswith("STC*A2:20") for s in status)
    assert json.loads(_outbound_text(loaded, "brief_837p_ndc.txt.rejections.json")) == []
    listed = json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)
    assert listed["count"] == 1 and listed["claims"][0]["channel"] == "edi"
    assert listed["claims"][0]["status"] == "ACCEPTED"


def test_a_bad_ndc_rejects_its_whole_claim_and_the_other_claim_goes_on(loaded, api, capsys):
    _submit(loaded, "two_claims_one_bad_ndc.txt")
    # Its 999 has notes to write, which only the segment-by-segment validator does.
    assert '"EdiFiles":[1.0]' in (out := capsys.readouterr().out) and "EdiFilesValidatedFast" not in out
    ack = _segments(_outbound_text(loaded, "two_claims_one_bad_ndc.txt.999"))
    assert "IK4*3*234*7*5024206101" in ack and "IK5*E*5" in ack  # noted; the set goes on
    status = _segments(_outbound_text(loaded, "two_claims_one_bad_ndc.txt.277ca"))
    stc = [s for s in status if s.startswith("STC*A")]
    assert any(s.startswith("STC*A2:20") for s in stc)
    assert any(s.startswith("STC*A7") or s.startswith("STC*A3") for s in stc)
    report = json.loads(_outbound_text(loaded, "two_claims_one_bad_ndc.txt.rejections.json"))
    assert [(r["patient_control_number"], r["line"], r["ndc"]) for r in report] == [("PCN0002", 2, "5024206101")]
    csv_lines = _outbound_text(loaded, "two_claims_one_bad_ndc.txt.rejections.csv").splitlines()
    assert len(csv_lines) == 2 and "PCN0002" in csv_lines[1]
    claims = json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)["claims"]
    assert sorted((c["patient_control_number"], c["status"]) for c in claims) == [
        ("PCN0001", "ACCEPTED"), ("PCN0002", "REJECTED")]


def test_the_same_file_uploaded_twice_is_stored_once_and_answered_with_a_ta1(loaded, api):
    _submit(loaded, "brief_837p_ndc.txt")
    inbound.put_inbound(PARTNER, "brief_837p_ndc_again.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    loaded.deliver("EdiIngestQueue")
    ta1 = _segments(_outbound_text(loaded, "brief_837p_ndc_again.txt.ta1"))
    assert any(s.startswith("TA1*000000101*") and s.endswith("*R*025") for s in ta1)
    listed = json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)
    assert listed["count"] == 1


def test_an_sqs_redelivery_is_harmless(loaded, api):
    from local.handlers import invoke

    inbound.put_inbound(PARTNER, "brief_837p_ndc.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    sqs = loaded.session.client("sqs")
    url = loaded.queue_urls["EdiIngestQueue"]
    message = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"][0]
    record = {"messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"], "body": message["Body"],
              "attributes": {}, "messageAttributes": {}, "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:mainecare-edi-ingest", "awsRegion": "us-east-1"}
    assert invoke("edi_ingest", {"Records": [record]}) == {"batchItemFailures": []}
    assert invoke("edi_ingest", {"Records": [record]}) == {"batchItemFailures": []}  # delivered again
    names = [k.rsplit("/", 1)[-1] for k in outbound.list_for(PARTNER)]
    assert not any(n.endswith(".ta1") for n in names)  # a redelivery is not a duplicate upload
    assert json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)["count"] == 1


def test_not_x12_at_all_gets_a_ta1_rejection(loaded):
    _submit(loaded, "notes.txt", b"this is not an interchange\n")
    ta1 = _segments(_outbound_text(loaded, "notes.txt.ta1"))
    assert any(s.startswith("TA1*") and "*R*" in s for s in ta1)


def test_a_structural_error_rejects_the_set_in_the_999_and_stores_nothing(loaded, api):
    text = (EDI / "brief_837p_ndc.txt").read_text().replace("SE*29*0001~", "SE*28*0001~")
    _submit(loaded, "bad_count.txt", text.encode())
    ack = _segments(_outbound_text(loaded, "bad_count.txt.999"))
    assert any(s.startswith("IK5*R") for s in ack) and any(s.startswith("AK9*R") for s in ack)
    assert json.loads(api.http.get("/v1/claims", headers=loaded.auth("biller@downeast.example")).body)["count"] == 0


def test_a_poison_file_lands_in_the_dlq_after_retries(loaded, monkeypatch):
    from local.handlers import load_module
    from mainecare.resources import CATALOGUE

    def explode(bucket, key, version_id=None):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(load_module("edi_ingest"), "ingest_file", explode)
    sqs = loaded.session.client("sqs")
    url = loaded.queue_urls["EdiIngestQueue"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})
    inbound.put_inbound(PARTNER, "poison.txt", (EDI / "brief_837p_ndc.txt").read_bytes())
    for _ in range(CATALOGUE.queue("EdiIngestQueue").max_receive_count + 1):
        loaded.deliver("EdiIngestQueue")
    dlq = sqs.get_queue_url(QueueName=f"{CATALOGUE.queue('EdiIngestQueue').local_name}-dlq")["QueueUrl"]
    moved = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])
    assert len(moved) == 1 and "poison.txt" in moved[0]["Body"]


@pytest.mark.parametrize("prefix", ["NOSUCHPARTNER/x.txt", "loose.txt"])
def test_a_file_outside_a_known_partner_prefix_is_not_processed(loaded, prefix):
    loaded.session.client("s3").put_object(Bucket=settings().bucket("InboundEdi"), Key=prefix,
                                           Body=(EDI / "brief_837p_ndc.txt").read_bytes())
    loaded.deliver("EdiIngestQueue")
    assert outbound.list_for("NOSUCHPARTNER") == []

