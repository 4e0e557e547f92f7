"""Inbound 837 files: streamed from S3, never read whole into memory."""

from __future__ import annotations

import hashlib

from mainecare.config import settings
from mainecare.stores.aws import client


class HashingReader:
    """A file-like wrapper that hashes what passes through (the duplicate-file key)."""

    def __init__(self, body):
        self._body = body
        self._digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._body.read(size)
        self._digest.update(data)
        return data

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def drain(self) -> None:
        while self.read(1 << 20):
            pass


def open_object(bucket: str, key: str, version_id: str | None = None):
    params = {"Bucket": bucket, "Key": key}
    if version_id:
        params["VersionId"] = version_id
    return client("s3").get_object(**params)["Body"]


def put_inbound(trading_partner_id: str, file_name: str, data: bytes) -> str:
    return upload(trading_partner_id, file_name, data)[0]


def upload(trading_partner_id: str, file_name: str, data: bytes) -> tuple[str, str | None]:
    """Put a file where a partner drops it: its key and the S3 version that upload made."""
    key = f"{trading_partner_id}/{file_name}"
    put = client("s3").put_object(Bucket=settings().bucket("InboundEdi"), Key=key, Body=data)
    return key, put.get("VersionId")


def current_version(bucket: str, key: str) -> str | None:
    """The object's current version id. S3's own notifications name the version; moto's leave it
    out, so the local stack pins the version here, before anything is read."""
    try:
        return client("s3").head_object(Bucket=bucket, Key=key).get("VersionId")
    except client("s3").exceptions.ClientError:
        return None
