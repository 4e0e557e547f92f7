"""What goes back to a submitter: the outbound bucket, under the same trading-partner prefix."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores.aws import client, presigning_s3

CONTENT_TYPES = {".999": "application/edi-x12", ".277ca": "application/edi-x12", ".ta1": "application/edi-x12",
                 ".json": "application/json", ".csv": "text/csv"}


def put(trading_partner_id: str, name: str, body: str | bytes) -> str:
    key = f"{trading_partner_id}/{name}"
    suffix = next((s for s in CONTENT_TYPES if name.endswith(s)), "")
    client("s3").put_object(Bucket=settings().bucket("OutboundAck"), Key=key,
                            Body=_encode(name, body),
                            ContentType=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    return key


def _encode(name: str, body: str | bytes) -> bytes:
    if isinstance(body, bytes):
        return body
    # X12 uses the basic and extended character sets, which Latin-1 covers; reports are UTF-8.
    return body.encode("latin-1" if name.endswith((".999", ".277ca", ".ta1")) else "utf-8")


def list_for(trading_partner_id: str, prefix: str = "") -> list[str]:
    found = client("s3").list_objects_v2(Bucket=settings().bucket("OutboundAck"),
                                         Prefix=f"{trading_partner_id}/{prefix}")
    return sorted(o["Key"] for o in found.get("Contents", []))


def download_link(key: str, expires_in: int) -> str:
    """A short-lived GET link to one answer (the partner needs no S3 credentials of its own)."""
    return presigning_s3().generate_presigned_url("get_object", Params={"Bucket": settings().bucket("OutboundAck"),
                                                                      "Key": key}, ExpiresIn=expires_in)


def read(key: str) -> bytes:
    return client("s3").get_object(Bucket=settings().bucket("OutboundAck"), Key=key)["Body"].read()


def partners_with_answers() -> list[str]:
    """The trading-partner prefixes that hold answers (an operator's look-up by file id)."""
    pages = client("s3").get_paginator("list_objects_v2").paginate(Bucket=settings().bucket("OutboundAck"),
                                                                   Delimiter="/")
    return [p["Prefix"].rstrip("/") for page in pages for p in page.get("CommonPrefixes", [])]
