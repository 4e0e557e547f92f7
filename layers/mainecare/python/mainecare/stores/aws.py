"""boto3 clients built lazily from settings, so moto or real AWS is a configuration choice."""

from __future__ import annotations

from functools import cache

import boto3
from botocore.config import Config

from mainecare.config import settings


@cache
def client(service: str):
    current = settings()
    return boto3.client(service, region_name=current.region, endpoint_url=current.endpoint_url)


@cache
def presigning_s3():
    """S3 for presigned links: Signature Version 4 (what S3 asks of new links; links live at most 7 days)."""
    current = settings()
    return boto3.client("s3", region_name=current.region, endpoint_url=current.endpoint_url,
                        config=Config(signature_version="s3v4"))


def reset_clients() -> None:
    client.cache_clear()
    presigning_s3.cache_clear()
