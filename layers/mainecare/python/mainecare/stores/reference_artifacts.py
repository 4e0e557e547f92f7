"""Crosswalk files and their index artifacts in the reference bucket, listed in the reference table.

Layout of the reference bucket:
  incoming/asp/<file>    a CMS ASP NDC-HCPCS CSV as published (drop here to load)
  incoming/pdac/<file>   a PDAC NDC/HCPCS crosswalk
  indexes/<SOURCE>/<version>.json.gz   the compact index built from it (S3-versioned)
  rejected/<file>.json   why a dropped file could not be loaded
The reference table lists each loaded artifact (pk CROSSWALK, sk <SOURCE>#<version>), so a
function learns what is loaded with one query and reads only artifacts that changed.
"""

from __future__ import annotations

import gzip
import json

from mainecare import clock
from mainecare.config import settings
from mainecare.stores.aws import client
from mainecare.stores.reference_records import fields, records

INCOMING_PREFIX = "incoming/"
CROSSWALK_PK = "CROSSWALK"
ENTRY_FIELDS = ("source", "version", "artifact_key", "artifact_version_id", "source_key", "rows_read",
                "rows_skipped", "loaded_at")
SOURCES_BY_FOLDER = {"asp": "ASP", "pdac": "PDAC"}


def source_of_key(key: str) -> str | None:
    parts = key.split("/")
    if len(parts) < 3 or parts[0] + "/" != INCOMING_PREFIX:
        return None
    return SOURCES_BY_FOLDER.get(parts[1].lower())


def incoming_key(source: str, file_name: str) -> str:
    return f"{INCOMING_PREFIX}{source.lower()}/{file_name}"


VERSION_METADATA = "crosswalk-version"  # optional override: ASP quarter or PDAC file date


def put_incoming(source: str, file_name: str, data: bytes, version: str | None = None) -> str:
    key = incoming_key(source, file_name)
    metadata = {VERSION_METADATA: version} if version else {}
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=key, Body=data, Metadata=metadata)
    return key


def read_object(bucket: str, key: str) -> tuple[bytes, str | None]:
    """The file's bytes and the version its uploader stated, if any."""
    found = client("s3").get_object(Bucket=bucket, Key=key)
    return found["Body"].read(), found.get("Metadata", {}).get(VERSION_METADATA)


def _rejection_key(file_key: str) -> str:
    return f"rejected/{file_key.rsplit('/', 1)[-1]}.json"


def get_rejection(file_key: str) -> dict | None:
    try:
        found = client("s3").get_object(Bucket=settings().bucket("ReferenceData"), Key=_rejection_key(file_key))
    except client("s3").exceptions.NoSuchKey:
        return None
    return json.loads(found["Body"].read())


def put_rejection(file_key: str, code: str, message: str) -> None:
    body = json.dumps({"file": file_key, "code": code, "message": message,
                       "at": clock.now().isoformat()}).encode()
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=_rejection_key(file_key),
                            Body=body, ContentType="application/json")


def put_artifact(artifact: dict, source_key: str, rows_read: int, rows_skipped: int) -> dict:
    source, version = artifact["source"], artifact["version"]
    key = f"indexes/{source}/{version}.json.gz"
    body = gzip.compress(json.dumps(artifact, separators=(",", ":")).encode(), mtime=0)
    written = client("s3").put_object(
        Bucket=settings().bucket("ReferenceData"), Key=key, Body=body,
        ContentType="application/json", ContentEncoding="gzip",
    )
    entry = {
        "source": source, "version": version, "artifact_key": key,
        "artifact_version_id": written.get("VersionId") or "", "source_key": source_key,
        "rows_read": rows_read, "rows_skipped": rows_skipped,
        "loaded_at": clock.now().isoformat(timespec="seconds"),
    }
    records()(CROSSWALK_PK, f"{source}#{version}", **entry).save()
    return entry


def list_loaded() -> list[dict]:
    return [fields(item, ENTRY_FIELDS) for item in records().query(CROSSWALK_PK)]


def read_artifact(entry: dict) -> dict:
    params = {"Bucket": settings().bucket("ReferenceData"), "Key": entry["artifact_key"]}
    if entry.get("artifact_version_id"):
        params["VersionId"] = entry["artifact_version_id"]
    body = client("s3").get_object(**params)["Body"].read()
    return json.loads(gzip.decompress(body))
