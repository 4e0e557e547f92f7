"""A crosswalk file dropped in the reference bucket becomes a loaded, versioned index artifact."""

from __future__ import annotations

import json
from pathlib import Path

from local.handlers import invoke

REFERENCE = Path(__file__).resolve().parents[2] / "events" / "reference"


def test_dropped_files_become_listed_artifacts(loaded, api):
    response = api.http.get("/v1/reference/crosswalks", headers=loaded.auth("staff@mainecare.example"))
    assert response.status_code == 200
    listed = {(c["source"], c["version"]): c for c in json.loads(response.body)["crosswalks"]}
    assert set(listed) == {("ASP", "2025Q4"), ("ASP", "2026Q2"), ("PDAC", "2026-11-01")}
    assert listed[("ASP", "2026Q2")]["rows_read"] == 15
    assert listed[("ASP", "2026Q2")]["rows_skipped"] == 1


def test_health_lists_the_loaded_versions_without_a_token(loaded, api):
    response = api.http.get("/v1/health")
    assert response.status_code == 200
    assert json.loads(response.body) == {"status": "ok", "reference": {"asp": ["2025Q4", "2026Q2"],
                                                                       "pdac": "2026-11-01"}}


def test_health_before_any_load_says_nothing_is_loaded(aws, api):
    assert json.loads(api.http.get("/v1/health").body)["reference"] == {"asp": [], "pdac": None}


def test_unreadable_file_is_rejected_with_a_reason_and_not_retried(aws):
    from mainecare.stores import reference_artifacts

    key = reference_artifacts.put_incoming("ASP", "notes.csv", b"just,some\ntext,here\n")
    assert aws.deliver("ReferenceIngestQueue") == 1
    rejection = reference_artifacts.get_rejection(key)
    assert rejection["code"] == "ASP_HEADER_NOT_FOUND"
    assert reference_artifacts.list_loaded() == []
    assert aws.deliver("ReferenceIngestQueue") == 0  # consumed, not redelivered


def test_stated_version_overrides_the_file(aws):
    from mainecare.stores import reference_artifacts

    data = (REFERENCE / "asp_2026_april.csv").read_bytes()
    reference_artifacts.put_incoming("ASP", "final.csv", data, version="2026Q3")
    aws.deliver("ReferenceIngestQueue")
    assert [e["version"] for e in reference_artifacts.list_loaded()] == ["2026Q3"]


def test_a_reloaded_quarter_replaces_the_preliminary_file(loaded, api):
    from mainecare.stores import reference_artifacts

    before = {e["version"]: e["artifact_version_id"] for e in reference_artifacts.list_loaded()}
    reference_artifacts.put_incoming("ASP", "asp_2026_april_final.csv", (REFERENCE / "asp_2026_april.csv").read_bytes())
    loaded.deliver("ReferenceIngestQueue")
    after = {e["version"]: e["artifact_version_id"] for e in reference_artifacts.list_loaded()}
    assert set(after) == set(before)
    assert after["2026Q2"] != before["2026Q2"]


def _sqs_record(message_id: str, key: str) -> dict:
    body = json.dumps({"Records": [{"eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": "mainecare-reference-data"}, "object": {"key": key}}}]})
    return {"messageId": message_id, "receiptHandle": "r", "body": body, "attributes": {},
            "messageAttributes": {}, "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q", "awsRegion": "us-east-1"}


def test_handler_reports_only_the_crashed_message_as_a_batch_item_failure(aws, monkeypatch):
    from local.handlers import load_module
    from mainecare.services.reference.load_crosswalk import LoadOutcome

    def flaky(bucket, key, actor="reference_ingest"):
        if key.endswith("broken.csv"):
            raise RuntimeError("S3 went away")
        return LoadOutcome(True, "ASP", "2026Q2")

    monkeypatch.setattr(load_module("reference_ingest"), "load_crosswalk_object", flaky)
    event = {"Records": [_sqs_record("m-1", "incoming/asp/fine.csv"), _sqs_record("m-2", "incoming/asp/broken.csv")]}
    assert invoke("reference_ingest", event) == {"batchItemFailures": [{"itemIdentifier": "m-2"}]}
