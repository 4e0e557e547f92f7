"""Benchmark: the quarterly auto-assignment's shard worker and merge over a year of claim lines.

Run: .venv/bin/python bench/assignment.py [--lines 10000000] [--members 400000] [--sites 300]
                                          [--shards 40]

Writes synthetic claim-line shards (the extract's gzipped TSV, claims of 1-4 lines, a third of
them primary care, spread over 12 months, 300 sites of 150 practices; not timed) into a temporary
folder, then times what a Distributed Map worker does with each shard: `count_rows` over the
streamed lines (the same `lines_of` the worker applies to an S3 body) and writing its counts.
Prints lines per second per worker against the issue's target (500,000), the merge of every
worker's counts, and the total. The peer, measured in the same run on the same shards, is reading
the lines alone (gunzip + line iteration): the ratio says what counting adds to merely reading.

Peak memory of one worker (tracemalloc, on a separate untimed pass) is printed for the same lines
cut into --shards and into 4x as many shards: a worker holds one shard's members, so its peak does
not grow with the number of shards (it falls as shards get smaller). Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "layers" / "mainecare" / "python"))

from mainecare.domain.health_homes.claim_line_counts import (  # noqa: E402
    count_rows,
    counts_text,
    member_of,  # noqa: E402
    merge_text,
)
from mainecare.stores.claim_lines import RUN_FILE_COMPRESSION, lines_of  # noqa: E402

PRIMARY = frozenset({"99213", "99214", "99396"})
CODES = ("99213", "99214", "99396", "80053", "36415", "93000", "71046", "J1100", "90471")
FIRST, LAST = "20260101", "20261231"


def write_shards(folder: Path, lines: int, members: int, sites: int, shards: int) -> list[Path]:
    rng = random.Random(20270104)
    practices = max(1, sites // 2)
    billing = [f"15{p:08d}" for p in range(practices)]
    facility = [f"16{s:08d}" for s in range(sites)]
    paths = [folder / f"shard-{n:04d}.tsv.gz" for n in range(shards)]
    per_shard = lines // shards
    claim = 0
    for path in paths:
        rows = []
        while len(rows) < per_shard:
            claim += 1
            member = f"M{rng.randrange(members):07d}"
            site = rng.randrange(sites)
            day = f"2026{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
            rendering = f"17{rng.randrange(sites * 10):08d}"
            for _ in range(rng.randrange(1, 5)):
                rows.append(f"{day}\tC{claim:09d}\t{member}\t{billing[site // 2]}\t{rendering}\t{facility[site]}\t"
                            f"{rng.choice(CODES)}\n")
        with gzip.open(path, "wt", compresslevel=6) as out:
            out.writelines(rows[:per_shard])
    return paths


def read_only(paths: list[Path]) -> tuple[float, int]:
    started, count = time.perf_counter(), 0
    for path in paths:
        with path.open("rb") as stream:
            for _ in lines_of(stream):
                count += 1
    return time.perf_counter() - started, count


def work(path: Path, out: Path) -> int:
    with path.open("rb") as stream:
        counts, read = count_rows(lines_of(stream), FIRST, LAST, PRIMARY)
    with gzip.open(out, "wt", compresslevel=RUN_FILE_COMPRESSION) as written:  # as the worker writes them
        written.writelines(counts_text(counts))
    return read


def workers(paths: list[Path], folder: Path) -> tuple[float, int, list[Path]]:
    started, count, outs = time.perf_counter(), 0, []
    for path in paths:
        out = folder / f"counts-{path.name}"
        count += work(path, out)
        outs.append(out)
    return time.perf_counter() - started, count, outs


def merge(outs: list[Path]) -> tuple[float, int]:
    started, counts = time.perf_counter(), {}
    for out in outs:
        with out.open("rb") as stream:
            merge_text(lines_of(stream), counts)
    return time.perf_counter() - started, len({member_of(key) for key in counts})


def worker_peak_mib(path: Path, folder: Path) -> float:
    tracemalloc.start()
    work(path, folder / "peak.tsv.gz")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--members", type=int, default=400_000)
    parser.add_argument("--sites", type=int, default=300)
    parser.add_argument("--shards", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        paths = write_shards(folder, args.lines, args.members, args.sites, args.shards)
        size = sum(p.stat().st_size for p in paths) / 2**20
        print(f"{args.lines:,} lines, {args.members:,} members, {args.sites} sites in {args.shards} shards "
              f"({size:.0f} MiB gzipped)")
        peer_seconds, peer_lines = read_only(paths)
        worker_seconds, lines, outs = workers(paths, folder)
        merge_seconds, members = merge(outs)
        rate = lines / worker_seconds
        print(f"worker (count + write counts): {rate:,.0f} lines/s per worker "
              f"(target 500,000: {'met' if rate >= 500_000 else 'NOT met'}); {worker_seconds:.1f} s for all shards")
        print(f"peer, reading the lines only:  {peer_lines / peer_seconds:,.0f} lines/s; counting costs "
              f"{worker_seconds / peer_seconds:.2f}x reading")
        print(f"merge of {len(outs)} workers' counts: {merge_seconds:.1f} s, {members:,} members")
        print(f"total, one worker at a time: {worker_seconds + merge_seconds:.1f} s "
              f"(deployed, the map runs 20 workers at once)")
        peak = worker_peak_mib(paths[0], folder)
        (folder / "finer").mkdir()  # a shard of 4x as many: a quarter of the lines per shard
        finer = write_shards(folder / "finer", args.lines // 4, args.members, args.sites, args.shards)
        finer_peak = worker_peak_mib(finer[0], folder)
        print(f"peak memory of one worker: {peak:.1f} MiB with {args.shards} shards, {finer_peak:.1f} MiB with "
              f"{args.shards * 4} shards of the same lines (one shard's members, flat in shard count)")
        print(f"(python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
