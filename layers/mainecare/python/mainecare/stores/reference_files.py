"""Plain files in the reference bucket that jobs read and write (legacy exports, job reports)."""

from __future__ import annotations

import json

from mainecare.config import settings
from mainecare.stores.aws import client


class ReferenceFileMissing(LookupError):
    pass


def read_text(key: str) -> str:
    s3 = client("s3")
    try:
        body = s3.get_object(Bucket=settings().bucket("ReferenceData"), Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey as error:
        raise ReferenceFileMissing(key) from error
    return body.decode("utf-8-sig", errors="replace")


def put_text(key: str, text: str, content_type: str = "text/csv") -> str:
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=key, Body=text.encode("utf-8"),
                            ContentType=content_type)
    return key


def put_json(key: str, value) -> str:
    return put_text(key, json.dumps(value, indent=1, default=str), "application/json")
