"""Member eligibility files in the reference bucket and the report of each load.

  incoming/members/<file>          a member eligibility file (drop here to load; see
                                   domain/members/eligibility_file.py for its columns)
  reports/members/<file>.json      what the last load of that file did: counts, and the skipped
                                   rows by row number, column and reason (never their values)
The bucket's notification sends everything under incoming/ to the reference ingest queue.
"""

from __future__ import annotations

import json

from mainecare.config import settings
from mainecare.stores.aws import client

MEMBERS_PREFIX = "incoming/members/"


def is_member_file(key: str) -> bool:
    return key.lower().startswith(MEMBERS_PREFIX) and len(key) > len(MEMBERS_PREFIX)


def put_incoming(file_name: str, data: bytes) -> tuple[str, str | None]:
    """Drop a file to load; (its key, the S3 version id the report will name)."""
    key = f"{MEMBERS_PREFIX}{file_name}"
    written = client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=key, Body=data)
    return key, written.get("VersionId")


def read_object(bucket: str, key: str) -> tuple[bytes, str | None]:
    found = client("s3").get_object(Bucket=bucket, Key=key)
    return found["Body"].read(), found.get("VersionId")


def _report_key(file_key: str) -> str:
    return f"reports/members/{file_key.rsplit('/', 1)[-1]}.json"


def put_report(file_key: str, report: dict) -> None:
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=_report_key(file_key),
                            Body=json.dumps(report).encode(), ContentType="application/json")


def get_report(file_key: str) -> dict | None:
    try:
        found = client("s3").get_object(Bucket=settings().bucket("ReferenceData"), Key=_report_key(file_key))
    except client("s3").exceptions.NoSuchKey:
        return None
    return json.loads(found["Body"].read())
