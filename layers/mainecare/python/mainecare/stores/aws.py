"""boto3 clients built lazily from settings, so moto or real AWS is a configuration choice."""

from __future__ import annotations

from functools import cache

import boto3

from mainecare.config import settings


@cache
def client(service: str):
    current = settings()
    return boto3.client(service, region_name=current.region, endpoint_url=current.endpoint_url)


def reset_clients() -> None:
    client.cache_clear()
