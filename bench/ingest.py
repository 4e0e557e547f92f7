"""Benchmark: a whole 837 file through edi_ingest's use case (both passes, claim edits, stored
claims, 999, 277CA, rejection report) on in-process moto, against the parse alone in the same run.

Run: .venv/bin/python bench/ingest.py [CLAIMS ...]   (default 2000 10000)

moto's in-process DynamoDB and S3 stand in for AWS, so the absolute rate is a floor (real
DynamoDB batch writes run in parallel across partitions); the ratio to the parse alone says how
much the claim edits and storage cost on top of reading. Times are taken without tracemalloc,
which slows Python several times over; peak memory is tracemalloc's peak in a separate run of the
same ingest without storage (with moto's DynamoDB, its tables would count too). The parse is
timed warm (the pattern compilation of a first file is not counted). Nothing asserts on time.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / "layers" / "mainecare" / "python", ROOT):
    sys.path.insert(0, str(extra))
os.environ.update({"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x", "AWS_DEFAULT_REGION": "us-east-1",
                   "POWERTOOLS_METRICS_NAMESPACE": "Bench"})


def _edi_bench():
    spec = importlib.util.spec_from_file_location("bench_edi", ROOT / "bench" / "edi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _members_csv(claims: int) -> bytes:
    """Every member bench/edi.py bills for (A<first claim number of each subscriber>), covered."""
    step = _edi_bench().CLAIMS_PER_SUBSCRIBER
    rows = [f"A{n:08d},Doe,Jane,1970-01-01,ACS,2020-01-01," for n in range(0, claims, step)]
    return ("member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"
            + "\n".join(rows) + "\n").encode()


def run(claims: int, workdir: Path, store: bool = True, trace: bool = False) -> dict:
    """store=False replaces the DynamoDB batch writes with a no-op, so time and memory are ours
    alone (moto runs in this process: its tables would count in the memory peak). trace=True
    measures the memory peak (and a time that tracemalloc inflates)."""
    import boto3
    from moto import mock_aws

    from local import demo
    from local.provision import provision
    from mainecare.config import reset_settings, settings
    from mainecare.services.claims.ingest_edi import ingest_file
    from mainecare.services.reference import index as reference_index
    from mainecare.stores import inbound, member_files
    from mainecare.stores.aws import reset_clients
    from x12.claims837 import iter_claims
    from x12.structure import validate_structure

    path = workdir / f"bench_{claims}.837"
    _edi_bench().write_837p(path, claims)
    for _warm_then_timed in range(2):
        started = time.perf_counter()
        with path.open("rb") as stream:
            report = validate_structure(stream)
        with path.open("rb") as stream:
            parsed = sum(1 for _ in iter_claims(stream, report.accepted_sets()))
        parse_seconds = time.perf_counter() - started

    with mock_aws():
        reset_settings()
        reset_clients()
        reference_index.forget()
        session = boto3.Session(region_name="us-east-1")
        created = provision(session)
        for partner in demo.PARTNERS:
            demo.accounts.put_trading_partner(partner)
        demo.drop_reference_files()
        member_files.put_incoming("bench_members.csv", _members_csv(claims))  # the claims' members, covered
        from local.dispatch import drain_once
        from mainecare.resources import CATALOGUE

        queue = CATALOGUE.queue("ReferenceIngestQueue")
        url = created["queue_urls"][queue.logical_id]
        sqs = session.client("sqs")
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        while drain_once(sqs, queue, url, arn, "us-east-1", wait_seconds=0):
            pass
        inbound.put_inbound("DOWNEAST", path.name, path.read_bytes())
        from mainecare.services.claims import ingest_edi as service

        real_put = service.claim_store.put_claims_batch
        storing = {"seconds": 0.0}

        def timed_put(batch, actor):
            if not store:
                return
            began = time.perf_counter()
            real_put(batch, actor)
            storing["seconds"] += time.perf_counter() - began

        service.claim_store.put_claims_batch = timed_put
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        outcome = ingest_file(settings().bucket("InboundEdi"), f"DOWNEAST/{path.name}")
        seconds = time.perf_counter() - started
        peak = 0
        if trace:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        service.claim_store.put_claims_batch = real_put
    return {"claims": claims, "parsed": parsed, "accepted": outcome.claims_accepted, "store": store,
            "rejected": outcome.claims_rejected, "ingest_s": seconds, "parse_s": parse_seconds, "peak": peak,
            "storing_s": storing["seconds"]}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 10000]
    print("Each size twice: without storage (our CPU and memory alone) and with moto's DynamoDB.")
    print(f"{'claims':>8} {'storage':>8} {'ingest s':>9} {'claims/s':>9} {'in moto s':>10} {'parse only s':>13} "
          f"{'ingest/parse':>13} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for store in (False, True):
                r = run(size, Path(tmp), store)
                peak = "-" if store else f"{run(size, Path(tmp), store, trace=True)['peak'] / 1e6:.1f}"
                print(f"{r['claims']:>8} {'moto' if store else 'none':>8} {r['ingest_s']:>9.1f} "
                      f"{r['claims'] / r['ingest_s']:>9.0f} {r['storing_s']:>10.1f} {r['parse_s']:>13.2f} "
                      f"{r['ingest_s'] / r['parse_s']:>12.1f}x {peak:>8}"
                      f"   (accepted {r['accepted']}, rejected {r['rejected']})")


if __name__ == "__main__":
    main()
