"""The crosswalk index a function uses, loaded once per container and refreshed cheaply.

The first call reads every listed artifact; later calls re-list (one DynamoDB query) at most every
`reference_refresh_seconds` and read only artifacts whose S3 version changed. Between refreshes a
lookup is a dict access with no I/O.
"""

from __future__ import annotations

import threading
import time

from mainecare.config import settings
from mainecare.domain.crosswalks.index import (
    CrosswalkIndex,
    asp_index_from_artifact,
    pdac_index_from_artifact,
)
from mainecare.stores import combination_requests, reference_artifacts


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: CrosswalkIndex | None = None
        self.checked_at = 0.0
        self.artifacts: dict[str, tuple[str, object]] = {}  # sk -> (s3 version id, index)


_cache = _Cache()


def _refresh() -> CrosswalkIndex:
    entries = reference_artifacts.list_loaded()
    fresh: dict[str, tuple[str, object]] = {}
    for entry in entries:
        sk = f"{entry['source']}#{entry['version']}"
        known = _cache.artifacts.get(sk)
        if known and known[0] == entry.get("artifact_version_id", ""):
            fresh[sk] = known
            continue
        artifact = reference_artifacts.read_artifact(entry)
        build = asp_index_from_artifact if entry["source"] == "ASP" else pdac_index_from_artifact
        fresh[sk] = (entry.get("artifact_version_id", ""), build(artifact))
    _cache.artifacts = fresh
    asp = {sk.split("#", 1)[1]: idx for sk, (_, idx) in fresh.items() if sk.startswith("ASP#")}
    pdac_versions = sorted(sk for sk in fresh if sk.startswith("PDAC#"))
    # PDAC keeps every prior relationship with its dates, so the newest file supersedes the rest.
    pdac = fresh[pdac_versions[-1]][1] if pdac_versions else None
    return CrosswalkIndex(asp=asp, pdac=pdac, approved=combination_requests.approved_pairs())


def current_index() -> CrosswalkIndex:
    now = time.monotonic()
    with _cache.lock:
        if _cache.index is None or now - _cache.checked_at >= settings().reference_refresh_seconds:
            _cache.index = _refresh()
            _cache.checked_at = now
        return _cache.index


def fresh_index() -> CrosswalkIndex:
    """The index re-listed now whatever the refresh interval (artifacts already read are reused):
    for decisions that must not rest on a list older than the last load, such as pending a claim."""
    with _cache.lock:
        _cache.index = _refresh()
        _cache.checked_at = time.monotonic()
        return _cache.index


def forget() -> None:
    """Drop the cache (tests, and the local stack after it loads a file)."""
    with _cache.lock:
        _cache.index = None
        _cache.artifacts = {}
