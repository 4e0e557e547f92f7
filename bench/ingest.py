"""Benchmark: a whole 837 file through edi_ingest's use case (both passes, claim edits, stored
claims, 999, 277CA, rejection report) on in-process moto, against the parse alone in the same run.

Run: .venv/bin/python bench/ingest.py [CLAIMS ...] [--shapes simple,realistic]   (default 2000 10000)

Each claim shape of bench/shapes.py is run: `simple` (13 segments, one drug line) and `realistic`
(the TR3 examples: six lines with five drug lines, COB loops, 837I). Beside the times it prints
the DynamoDB write units a stored claim costs, counted from the items' sizes and the indexes'
projections the way DynamoDB bills them (stores/write_units.py): as an 837 batch (the target:
<= 4 for the realistic claim; the file's one audit entry, 2 units a file, is left out) and,
for information, as an API transaction (which DynamoDB bills twice).

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


def _members_csv(claims: int, shape: str) -> bytes:
    """Every member the file bills for (A<claim number>; the simple file's subscribers have two
    claims each, named after the first), covered."""
    step = _edi_bench().CLAIMS_PER_SUBSCRIBER if shape == "simple" else 1
    rows = [f"A{n:08d},Doe,Jane,1970-01-01,ACS,2020-01-01," for n in range(0, claims, step)]
    return ("member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"
            + "\n".join(rows) + "\n").encode()


def run(claims: int, workdir: Path, store: bool = True, trace: bool = False, shape: str = "simple") -> dict:
    """store=False replaces the DynamoDB batch writes with a no-op and answers the members' coverage
    from memory, so time and memory are ours alone (moto runs in this process: its tables would count
    in the memory peak). trace=True measures the memory peak (and a time that tracemalloc inflates)."""
    import boto3
    from moto import mock_aws

    from local import demo
    from local.provision import provision
    from mainecare.config import reset_settings, settings
    from mainecare.services.claims.ingest_edi import ingest_file
    from mainecare.services.reference import index as reference_index
    from mainecare.stores import inbound, member_files
    from mainecare.stores.aws import reset_clients
    from mainecare.stores.write_units import write_units_per_claim
    from x12.claims837 import iter_claims
    from x12.structure import validate_structure

    path = workdir / f"bench_{shape}_{claims}.837"
    _edi_bench().writer(shape)(path, claims)
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
        member_files.put_incoming("bench_members.csv", _members_csv(claims, shape))  # the claims' members, covered
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
        from mainecare.stores import members as member_store

        real_put, real_coverages = service.claim_store.put_claims_batch, member_store.get_coverages
        if not store:  # the members' coverage read once before the clock starts, then answered from memory
            known = real_coverages(f"A{n:08d}" for n in range(claims))
            member_store.get_coverages = lambda ids: {m: known.get(m) for m in ids}
        storing = {"seconds": 0.0, "counting": 0.0}
        units = {"batch": 0.0, "api": 0.0, "claims": 0}

        def timed_put(batch):
            if not store:  # counted once, in the run without storage (every batch: the file's whole mix)
                began = time.perf_counter()
                units["batch"] += write_units_per_claim(batch, "edi:DOWNEAST") * len(batch)
                units["api"] += write_units_per_claim(batch, "edi:DOWNEAST", transactional=True) * len(batch)
                units["claims"] += len(batch)
                storing["counting"] += time.perf_counter() - began  # the bench's own work: not timed
            if not store:
                return
            began = time.perf_counter()
            real_put(batch)
            storing["seconds"] += time.perf_counter() - began

        service.claim_store.put_claims_batch = timed_put
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        outcome = ingest_file(settings().bucket("InboundEdi"), f"DOWNEAST/{path.name}")
        seconds = time.perf_counter() - started - storing["counting"]
        peak = 0
        if trace:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        service.claim_store.put_claims_batch = real_put
        member_store.get_coverages = real_coverages
    return {"claims": claims, "parsed": parsed, "accepted": outcome.claims_accepted, "store": store,
            "rejected": outcome.claims_rejected, "ingest_s": seconds, "parse_s": parse_seconds, "peak": peak,
            "storing_s": storing["seconds"], "units_837": units["batch"] / max(units["claims"], 1),
            "units_api": units["api"] / max(units["claims"], 1), "shape": shape}


def units_text(r: dict) -> str:
    return f"{r['units_837']:>13.2f} {r['units_api']:>6.2f}" if not r["store"] else f"{'':>13} {'':>6}"


WRITE_UNIT_TARGET = 4.0  # issue 14: a realistic claim stored from an 837 for at most 4 write units


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--shapes", default="simple,realistic")
    options = parser.parse_args()
    sizes = options.sizes or [2000, 10000]
    print("Each shape and size twice: without storage (our CPU and memory alone) and with moto's DynamoDB.")
    print(f"{'shape':>9} {'claims':>7} {'storage':>7} {'ingest s':>8} {'claims/s':>8} {'in moto s':>9} "
          f"{'parse s':>7} {'ingest/parse':>12} {'peak MB':>7} {'WCU/claim 837':>13} {'(API)':>6}")
    units = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in options.shapes.split(","):
            for size in sizes:
                for store in (False, True):
                    r = run(size, Path(tmp), store, shape=shape)
                    peak = "-" if store else f"{run(size, Path(tmp), store, trace=True, shape=shape)['peak'] / 1e6:.1f}"
                    units[shape] = r["units_837"] if not store else units.get(shape, 0.0)
                    print(f"{shape:>9} {r['claims']:>7} {'moto' if store else 'none':>7} {r['ingest_s']:>8.1f} "
                          f"{r['claims'] / r['ingest_s']:>8.0f} {r['storing_s']:>9.1f} {r['parse_s']:>7.2f} "
                          f"{r['ingest_s'] / r['parse_s']:>11.1f}x {peak:>7} {units_text(r)} "
                          f"   (accepted {r['accepted']}, rejected {r['rejected']})")
    if "realistic" in units:
        met = "MET" if units["realistic"] <= WRITE_UNIT_TARGET else "NOT MET"
        print(f"write units per realistic claim from an 837: {units['realistic']:.2f} "
              f"(target <= {WRITE_UNIT_TARGET:.0f}): {met}")


if __name__ == "__main__":
    main()
