"""Settings read lazily from the environment into one frozen record.

Nothing reads the environment at import time: tests and the local stack set variables first,
then call `settings()`. `reset_settings()` lets a test change the environment mid-session.

A value object, not a pydantic model: every value is a string from the environment or a catalogue
default, and the one number is parsed here with its variable's name in the error. pydantic is
about a fifth of a plain function's import (bench/coldstart.py), and the functions that take no
JSON contracts (edi_ingest, the scheduled jobs) loaded it only for this.
"""

from __future__ import annotations

import os
from functools import lru_cache

from mainecare.resources import CATALOGUE, COGNITO_ENV
from valueobjects import value_object

DEFAULT_MAIL_FROM = "no-reply@notices.mainecare.example"


@value_object
class Settings:
    region: str
    endpoint_url: str | None  # set only against moto; None means real AWS
    tables: dict[str, str]  # logical id -> physical name
    buckets: dict[str, str]
    queues: dict[str, str]
    state_machines: dict[str, str]
    cognito_user_pool_id: str
    cognito_app_client_id: str
    cognito_issuer: str
    cognito_jwks_url: str
    reference_refresh_seconds: int = 300
    mail_from: str = DEFAULT_MAIL_FROM

    def table(self, logical_id: str) -> str:
        return self.tables[logical_id]

    def bucket(self, logical_id: str) -> str:
        return self.buckets[logical_id]


def _named(items, env) -> dict[str, str]:
    return {item.logical_id: env.get(item.env_var, item.local_name) for item in items}


def _whole_seconds(env, name: str, default: int) -> int:
    text = env.get(name, "")
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of seconds, got {text!r}") from None


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"
    pool_id = env.get(COGNITO_ENV["user_pool_id"], "")
    issuer = env.get(COGNITO_ENV["issuer"]) or (
        f"https://cognito-idp.{region}.amazonaws.com/{pool_id}" if pool_id else ""
    )
    return Settings(
        region=region,
        endpoint_url=env.get("MAINECARE_AWS_ENDPOINT_URL") or None,
        tables=_named(CATALOGUE.tables, env),
        buckets=_named(CATALOGUE.buckets, env),
        queues=_named(CATALOGUE.queues, env),
        state_machines=_named(CATALOGUE.state_machines, env),
        cognito_user_pool_id=pool_id,
        cognito_app_client_id=env.get(COGNITO_ENV["app_client_id"], ""),
        cognito_issuer=issuer,
        cognito_jwks_url=env.get(COGNITO_ENV["jwks_url"]) or (f"{issuer}/.well-known/jwks.json" if issuer else ""),
        reference_refresh_seconds=_whole_seconds(env, "REFERENCE_REFRESH_SECONDS", 300),
        mail_from=env.get("MAIL_FROM") or DEFAULT_MAIL_FROM,
    )


def reset_settings() -> None:
    settings.cache_clear()
