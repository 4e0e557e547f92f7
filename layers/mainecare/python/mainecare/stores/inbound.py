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
    key = f"{trading_partner_id}/{file_name}"
    client("s3").put_object(Bucket=settings().bucket("InboundEdi"), Key=key, Body=data)
    return key
