"""Load benchmark: concurrent clients against the local stack, then an audit of every claim stored.

Run: .venv/bin/python bench/load.py [--clients 20] [--seconds 60] [--url http://127.0.0.1:8000]

Without --url it starts its own stack (`python -m local run` on free ports, as the e2e tests do)
and stops it afterwards; with --url it uses a stack already started with `make run`. Each client
loops until the time is up over a mix of requests, each with its own timing:
- claim posts (POST /v1/claims, events/api/claim_professional.json with a fresh patient control
  number and Idempotency-Key); some are deliberately sent again with the same key and body, at
  once by the same client or later by another, and a post that fails to connect is retried with
  its key, as a real client would;
- NDC validations (POST /v1/ndc/validate);
- panel reads (GET /v1/sites/DOWNEAST-MACHIAS/panel?month=...).
It prints requests per second, p50/p99 latency per kind and the errors (any 5xx or connection
error), then checks that every 201 claim is stored exactly once: one claim id per idempotency
key, no id shared by two keys, each id readable at GET /v1/claims/{id}, one stored claim per key.
Target: 0 errors, 0 lost or doubled claims. Standard library only (urllib + threads: one
connection per request, as urllib does). Nothing here asserts on time; it prints figures.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLAIM = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
NDC_CHECK = {"ndc": "50242-0060-01", "hcpcs": "J9035", "date_of_service": "2026-04-10"}
SITE = "DOWNEAST-MACHIAS"
SUBMITTER = "biller@downeast.example"  # may submit and read DOWNEAST's claims
PANEL_READER = "admin@downeast.example"  # may read DOWNEAST's Health Home panels
MIX = (("claim", 0.4), ("ndc", 0.35), ("panel", 0.25))
TIMEOUT = 60.0


def call(url: str, token: str, body: dict | None = None, headers: dict | None = None) -> tuple[int, dict | None]:
    """(status, JSON answer); status 0 for a connection error or timeout."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {}),
               **(headers or {})}
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        with contextlib.suppress(ValueError):
            return error.code, json.loads(error.read() or b"null")
        return error.code, None
    except (OSError, ValueError) as error:  # refused, reset, timed out, or a half-read answer
        return 0, {"error": {"code": type(getattr(error, "reason", error)).__name__}}


class Run:
    """What the clients did: timings per kind, answers per status, and every claim answer by key."""

    def __init__(self, base: str, tokens: dict[str, str], month: str, retry_share: float, seed: int):
        self.base, self.tokens, self.month, self.retry_share = base, tokens, month, retry_share
        self.tag = f"{seed % 10**6:06d}"  # patient control numbers and keys of this run
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = collections.defaultdict(list)
        self.statuses: collections.Counter = collections.Counter()
        self.errors: collections.Counter = collections.Counter()
        self.pcn_of_key: dict[str, str] = {}
        self.claim_ids: dict[str, list[str]] = collections.defaultdict(list)  # key -> ids answered with 201
        self.later: collections.deque = collections.deque()  # (key, body) for another client to retry

    def record(self, kind: str, started: float, status: int, answer: dict | None) -> None:
        with self.lock:
            self.latencies[kind].append(time.perf_counter() - started)
            self.statuses[(kind, status)] += 1
            if status == 0 or status >= 500:
                code = (answer or {}).get("error", {}).get("code", "") if isinstance(answer, dict) else ""
                self.errors[(kind, status, code)] += 1

    def post_claim(self, key: str, body: dict, kind: str) -> int:
        for _attempt in range(2):  # a connection error is retried once with the same key
            started = time.perf_counter()
            status, answer = call(f"{self.base}/v1/claims", self.tokens[SUBMITTER], body, {"Idempotency-Key": key})
            self.record(kind, started, status, answer)
            if status == 201:
                with self.lock:
                    self.claim_ids[key].append(answer["claim_id"])
            if status != 0:
                return status
        return 0

    def new_claim(self, client: int, number: int, rng: random.Random) -> None:
        key = f"load-{self.tag}-{client:03d}-{number:06d}"
        body = json.loads(json.dumps(CLAIM))
        body["claimInformation"]["patientControlNumber"] = pcn = f"LD{self.tag}{client:03d}{number:06d}"
        with self.lock:
            self.pcn_of_key[key] = pcn
        if self.post_claim(key, body, "claim") == 201 and rng.random() < self.retry_share:
            if rng.random() < 0.5:
                self.post_claim(key, body, "claim retry")
            else:
                self.later.append((key, body))

    def client(self, client: int, deadline: float) -> None:
        rng = random.Random(f"{self.tag}-{client}")
        kinds, weights = zip(*MIX, strict=True)
        number = 0
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            if kind == "claim":
                try:
                    key, body = self.later.popleft()
                    self.post_claim(key, body, "claim retry")
                except IndexError:
                    number += 1
                    self.new_claim(client, number, rng)
                continue
            started = time.perf_counter()
            if kind == "ndc":
                status, answer = call(f"{self.base}/v1/ndc/validate", self.tokens[SUBMITTER], NDC_CHECK)
            else:
                panel = f"{self.base}/v1/sites/{SITE}/panel?month={self.month}"
                status, answer = call(panel, self.tokens[PANEL_READER])
            self.record(kind, started, status, answer)


def audit_claims(claim_ids: dict[str, list[str]], pcn_of_key: dict[str, str],
                 stored: list[dict], readable: dict[str, str | None]) -> dict[str, list]:
    """Every key answered 201 maps to exactly one claim, stored once and readable.

    claim_ids: key -> claim ids of its 201 answers; pcn_of_key: key -> the patient control
    number its body carried; stored: the partner's claim summaries (GET /v1/claims);
    readable: claim id -> the patient control number GET /v1/claims/{id} showed (None: not found).
    """
    stored_by_pcn = collections.defaultdict(list)
    for summary in stored:
        stored_by_pcn[summary["patient_control_number"]].append(summary["claim_id"])
    keys_of_id = collections.defaultdict(set)
    for key, ids in claim_ids.items():
        for claim_id in ids:
            keys_of_id[claim_id].add(key)
    found = {"doubled": [], "lost": [], "shared": [], "stored_without_201": []}
    for key, ids in claim_ids.items():
        pcn = pcn_of_key[key]
        if len(set(ids)) > 1 or len(stored_by_pcn[pcn]) > 1:
            found["doubled"].append(key)
        elif not ids:
            continue
        elif readable.get(ids[0]) != pcn or stored_by_pcn[pcn] != [ids[0]]:
            found["lost"].append(key)
    found["shared"] = sorted(i for i, keys in keys_of_id.items() if len(keys) > 1)
    found["stored_without_201"] = sorted(k for k, pcn in pcn_of_key.items()
                                         if not claim_ids.get(k) and stored_by_pcn[pcn])
    return found


def verify(run: Run) -> dict[str, list]:
    token = run.tokens[SUBMITTER]
    status, listing = call(f"{run.base}/v1/claims", token)
    if status != 200:
        raise SystemExit(f"GET /v1/claims answered {status}; cannot audit the claims")
    ours = [c for c in listing["claims"] if c["patient_control_number"].startswith(f"LD{run.tag}")]
    ids = sorted({i for ids in run.claim_ids.values() for i in ids})

    def read(claim_id: str) -> tuple[str, str | None]:
        status, detail = call(f"{run.base}/v1/claims/{claim_id}", token)
        return claim_id, detail["patient_control_number"] if status == 200 else None

    with ThreadPoolExecutor(8) as pool:
        readable = dict(pool.map(read, ids))
    return audit_claims(run.claim_ids, run.pcn_of_key, ours, readable)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(run: Run, elapsed: float, clients: int, audit: dict[str, list]) -> int:
    total = sum(len(v) for v in run.latencies.values())
    print(f"\n{clients} clients for {elapsed:.1f} s: {total} requests, {total / elapsed:.1f} requests/s")
    print(f"{'kind':<12} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}  answers")
    for kind, values in sorted(run.latencies.items()):
        answers = ", ".join(f"{s or 'conn'}: {n}" for (k, s), n in sorted(run.statuses.items()) if k == kind)
        p50, p99 = _percentile(values, 0.5), _percentile(values, 0.99)
        print(f"{kind:<12} {len(values):>8} {p50:>8.0f} {p99:>8.0f}  {answers}")
    errors = sum(run.errors.values())
    print(f"errors (5xx or connection): {errors}")
    for (kind, status, code), n in sorted(run.errors.items()):
        print(f"  {kind} {status or 'connection'} {code}: {n}")
    answered = sum(1 for ids in run.claim_ids.values() if ids)
    print(f"claims: {len(run.pcn_of_key)} keys sent, {answered} answered 201, "
          f"{sum(len(i) for i in run.claim_ids.values()) - answered} retries answered with the first claim id")
    for problem, keys in audit.items():
        print(f"  {problem}: {len(keys)}" + (f" (e.g. {keys[:3]})" if keys else ""))
    bad = errors + len(audit["doubled"]) + len(audit["lost"]) + len(audit["shared"])
    print("target met: 0 errors, 0 lost or doubled claims" if not bad else "TARGET MISSED")
    return 0 if not bad else 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def local_stack(url: str | None):
    """(base URL, environment for `python -m local token`): the given stack, or one of our own."""
    env = {**os.environ}
    if url:
        yield url.rstrip("/"), env
        return
    port, state = _free_port(), Path(tempfile.mkdtemp(prefix="mainecare-load-")) / "stack.json"
    env.update({"PORT": str(port), "MAINECARE_LOCAL_STATE": str(state)})
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "MOTO_PORT"):
        env.pop(key, None)  # the stack sets up its own
    log = open(state.with_name("stack.log"), "w")  # noqa: SIM115 - closed below, after the stack
    process = subprocess.Popen([sys.executable, "-m", "local", "run", "--moto-port", str(_free_port())],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"starting the local stack on {base} (log: {log.name})", flush=True)
        deadline = time.monotonic() + 180
        while call(f"{base}/v1/health", "")[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the local stack did not start; see {log.name}")
            time.sleep(0.5)
        yield base, env
    finally:
        process.terminate()  # the stack stops its servers on SIGTERM
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def token(env: dict, email: str) -> str:
    return subprocess.run([sys.executable, "-m", "local", "token", email], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=120).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--url", help="a running local stack (make run); default: start one")
    parser.add_argument("--month", default="2026-04", help="panel month read (YYYY-MM)")
    parser.add_argument("--retry-share", type=float, default=0.2, help="share of claims posted twice")
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(10**6),
                        help="tags this run's keys and patient control numbers")
    args = parser.parse_args(argv)
    with local_stack(args.url) as (base, env):
        tokens = {email: token(env, email) for email in (SUBMITTER, PANEL_READER)}
        run = Run(base, tokens, args.month, args.retry_share, args.seed)
        print(f"{args.clients} clients for {args.seconds:.0f} s against {base}...", flush=True)
        started = time.monotonic()
        threads = [threading.Thread(target=run.client, args=(n, started + args.seconds), daemon=True)
                   for n in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        return report(run, elapsed, args.clients, verify(run))


if __name__ == "__main__":
    sys.exit(main())
