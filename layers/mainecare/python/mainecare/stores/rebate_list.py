"""The loaded CMS rebate product list: one JSON document in the reference bucket (mdrp/current.json),
replaced whole by each load, read at most once per REFERENCE_REFRESH_SECONDS by a process."""

from __future__ import annotations

import json
import time
from datetime import date

from mainecare.config import settings
from mainecare.domain.crosswalks.rebate_list import RebateList
from mainecare.stores.aws import client

INCOMING_PREFIX = "incoming/mdrp/"
CURRENT_KEY = "mdrp/current.json"
_cache: dict = {"at": None, "value": None}


def is_rebate_file(key: str) -> bool:
    return key.lower().startswith(INCOMING_PREFIX) and len(key) > len(INCOMING_PREFIX)


def put_incoming(file_name: str, data: bytes) -> str:
    key = f"{INCOMING_PREFIX}{file_name}"
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=key, Body=data)
    return key


def read_incoming(bucket: str, key: str) -> str:
    return client("s3").get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8-sig", errors="replace")


def save(rebates: RebateList, source_key: str, loaded_at: str) -> None:
    document = {"source_key": source_key, "loaded_at": loaded_at,
                "products": {ndc: (ends.isoformat() if ends else "") for ndc, ends in rebates.terminations.items()}}
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=CURRENT_KEY,
                            Body=json.dumps(document, separators=(",", ":")).encode(), ContentType="application/json")
    _cache["at"] = None


def current() -> RebateList | None:
    """The loaded list, None when none was ever loaded (the edit then never denies)."""
    now = time.monotonic()
    if _cache["at"] is not None and now - _cache["at"] < settings().reference_refresh_seconds:
        return _cache["value"]
    s3 = client("s3")
    try:
        body = s3.get_object(Bucket=settings().bucket("ReferenceData"), Key=CURRENT_KEY)["Body"].read()
    except s3.exceptions.NoSuchKey:
        value = None
    else:
        products = json.loads(body)["products"]
        value = RebateList({ndc: date.fromisoformat(ends) if ends else None for ndc, ends in products.items()})
    _cache.update(at=now, value=value)
    return value


def forget() -> None:
    _cache.update(at=None, value=None)
