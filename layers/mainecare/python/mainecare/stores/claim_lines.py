"""The claim-line shards and the auto-assignment's run files, in the ClaimLineShards bucket (PHI).

  claim-lines/service-month=YYYY-MM/<name>.tsv.gz     claim lines of that month of service
                                                      (domain/health_homes/claim_line_counts.py)
  assignment-runs/<batch>/shards.json                 the shards a run counts (its map's items)
  assignment-runs/<batch>/counts/<n>.tsv.gz           one worker's member counts
  assignment-runs/<batch>/chunks.json, chunks/<n>.tsv.gz   merged counts, a chunk of members each
  assignment-runs/<batch>/outcomes/<n>.json           what one chunk's assignment did
  assignment-runs/<batch>/report.json                 the run's report

Why shards in S3 and not an index on the claims table: a year of MaineCare claims is tens of
millions of lines, read whole once a quarter. DynamoDB would bill every line read and a GSI on
service date would add a write unit to every claim for a quarterly reader; objects partitioned by
month of service are read at S3's throughput by as many workers as there are shards, cost nothing
between runs, and are what a Step Functions Distributed Map reads natively. The claims table's
stream writes them (functions/claim_lines_extract), so the store of record stays the table.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator

from mainecare.config import settings
from mainecare.stores.aws import client

SHARDS = "claim-lines"
RUNS = "assignment-runs"


def _bucket() -> str:
    return settings().bucket("ClaimLineShards")


def month_prefix(month: str) -> str:
    return f"{SHARDS}/service-month={month}/"


def run_key(batch: str, name: str) -> str:
    return f"{RUNS}/{batch}/{name}"


# A run's own files are read once, minutes later: the fastest compression (6x quicker than level 6
# on the worker's counts, bench/assignment.py); shards are kept for a year and compressed harder.
RUN_FILE_COMPRESSION, SHARD_COMPRESSION = 1, 6


def put_lines(key: str, lines: Iterable[str], compresslevel: int = SHARD_COMPRESSION) -> int:
    """Write lines (each ending in a newline) gzipped; returns how many."""
    buffer = io.BytesIO()
    count = 0
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=compresslevel, mtime=0) as packed:
        for line in lines:
            packed.write(line.encode("utf-8"))
            count += 1
    client("s3").put_object(Bucket=_bucket(), Key=key, Body=buffer.getvalue(),
                            ContentType="text/tab-separated-values", ContentEncoding="gzip")
    return count


def read_lines(key: str) -> Iterator[str]:
    """The object's lines, streamed: memory stays flat however large the shard."""
    yield from lines_of(client("s3").get_object(Bucket=_bucket(), Key=key)["Body"])


def lines_of(stream) -> Iterator[str]:
    """The lines of a gzipped byte stream (an S3 body, or a file in bench/assignment.py)."""
    with gzip.GzipFile(fileobj=stream, mode="rb") as packed:
        yield from io.TextIOWrapper(packed, encoding="utf-8", newline="\n")


def keys_under(prefix: str) -> list[str]:
    keys = []
    for page in client("s3").get_paginator("list_objects_v2").paginate(Bucket=_bucket(), Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return sorted(keys)


def put_json(key: str, value) -> None:
    client("s3").put_object(Bucket=_bucket(), Key=key, Body=json.dumps(value, indent=1).encode(),
                            ContentType="application/json")


def get_json(key: str):
    try:
        return json.loads(client("s3").get_object(Bucket=_bucket(), Key=key)["Body"].read())
    except client("s3").exceptions.NoSuchKey:
        return None
