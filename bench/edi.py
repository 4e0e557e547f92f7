"""Benchmark: X12 837P reading and validation at 1k, 10k and 100k claims.

Run: .venv/bin/python bench/edi.py [--sizes 1000,10000,100000] [--shapes simple,realistic]

Generates 837 files of each claim shape (bench/shapes.py: `simple`, 13 segments and one drug line a
claim; `realistic`, the TR3 examples' shapes: the drug example's six lines with LIN/CTP/REF, COB
loops, 837I) into a temp directory, then measures in the
same run, on the same machine, so the ratios mean something anywhere. Each target is read against
the peer doing the same job:
- vs pyx12 4.0.0, the reference validator: its job is to validate a file and write the 999, so
  ours is validate_structure + write_999 on the same file. pyx12 runs on the 1k and 10k files
  (about 750 claims a second: the 100k file would take minutes, so its ratio uses the 10k run).
- vs a naive split on the delimiters (read the file, data.split("~"), split each segment on
  "*"; the floor for any pure-Python reader, which validates nothing): ours is the whole reader,
  validate_structure + iter_claims (two streaming passes), which builds every Segment of every
  claim as ingest needs them: nothing is left unbuilt for the benchmark's sake. Its peak traced
  memory is the one held to "flat".
- For information, the whole reader against pyx12 too (pyx12 hands on no claims at all), and the
  slow path: a file with errors costs the fast path's try plus the segment-by-segment validator
  that reports them.
These files are clean, so validate_structure proves them so on its fast path (clean_scan.py:
generated TR3 patterns matched in C). Times are the best of 5 runs up to 10k claims. Targets
reported against: >= 100x pyx12's claims/s, within 4x of the naive split, and about the same
peak memory at 1k and 100k claims (we stream from the file). Nothing here asserts on time; it
prints figures.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layers" / "mainecare" / "python"))

from x12.ack999 import write_999  # noqa: E402
from x12.claims837 import iter_claims  # noqa: E402
from x12.structure import validate_segments, validate_structure  # noqa: E402

CLAIMS_PER_SET = 5_000
CLAIMS_PER_SUBSCRIBER = 2
NDCS = ("50242006101", "50242006001")  # J9035 (bevacizumab) on the demo ASP file, PDAC and rebate list


def write_837p(path: Path, claims: int) -> None:
    """A realistic 837P batch: one billing provider; subscribers with two claims each; every
    claim has an office visit line and a drug line (J-code + NDC); CLM02 balances."""
    with path.open("w", encoding="latin-1", newline="") as out:
        out.write(
            "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*MAINECARE      *260415*1030*^*00501"
            "*000000101*0*T*:~\nGS*HC*SUBMITTERID*MAINECARE*20260415*1030*101*X*005010X222A1~\n"
        )
        sets = 0
        for first in range(0, claims, CLAIMS_PER_SET):
            sets += 1
            _write_set(out, f"{sets:04d}", first, min(CLAIMS_PER_SET, claims - first))
        out.write(f"GE*{sets}*101~\nIEA*1*000000101~\n")


def _write_set(out, control: str, first: int, claims: int) -> None:
    segments = [
        f"ST*837*{control}*005010X222A1", "BHT*0019*00*BATCH0415*20260415*1030*CH",
        "NM1*41*2*DOWNEAST ONCOLOGY*****46*SUBMITTERID", "PER*IC*BILLING OFFICE*TE*2075550100",
        "NM1*40*2*MAINECARE*****46*MAINECARE", "HL*1**20*1", "PRV*BI*PXC*207RH0003X",
        "NM1*85*2*DOWNEAST ONCOLOGY*****XX*1234567893", "N3*100 MAIN ST", "N4*BANGOR*ME*044010000",
        "REF*EI*010000000",
    ]  # fmt: skip
    written = 0
    hl = 1
    for n in range(first, first + claims):
        if (n - first) % CLAIMS_PER_SUBSCRIBER == 0:
            hl += 1
            segments += [
                f"HL*{hl}*1*22*0",
                "SBR*P*18*******MC",
                f"NM1*IL*1*DOE*JANE****MI*A{n:08d}",
                "N3*1 PINE ST",
                "N4*BANGOR*ME*04401",
                "DMG*D8*19700101*F",
                "NM1*PR*2*MAINECARE*****PI*MAINECARE",
            ]
        segments += [
            f"CLM*PCN{n:07d}*6400***11:B:1*Y*A*Y*Y",
            "HI*ABK:C189",
            "LX*1",
            "SV1*HC:96413*400*UN*1***1",
            "DTP*472*D8*20260410",
            "LX*2",
            "SV1*HC:J9035*6000*UN*40***1",
            "DTP*472*D8*20260410",
            f"LIN**N4*{NDCS[n % len(NDCS)]}",
            "CTP****16*ML",
        ]
        if len(segments) > 2_000:  # write as we go: the generator must not hold the file either
            out.write("~\n".join(segments) + "~\n")
            written += len(segments)
            segments = []
    written += len(segments) + 1
    out.write("".join(s + "~\n" for s in segments) + f"SE*{written}*{control}~\n")


def ours(path: Path) -> int:
    with path.open("rb") as f:
        report = validate_structure(f)
    accepted = report.accepted_sets()
    count = 0
    with path.open("rb") as f:
        for _ in iter_claims(f, accepted):
            count += 1
    return count


def ours_999(path: Path) -> int:
    """pyx12's job, done our way: validate the file and write the 999 (no claims built)."""
    with path.open("rb") as f:
        report = validate_structure(f)
    write_999(report, "MAINECARE", 1, datetime(2026, 4, 15, 10, 30))
    return report.claim_count


def ours_slow_path(path: Path) -> int:
    """ours() as it goes for a file with errors: the segment-by-segment validator that reports
    them (the fast path's failed try, which gives up at the first doubt, is not counted)."""
    with path.open("rb") as f:
        report = validate_segments(f)
    count = 0
    with path.open("rb") as f:
        for _ in iter_claims(f, report.accepted_sets()):
            count += 1
    return count


def naive(path: Path) -> int:
    data = path.read_text(encoding="latin-1")
    segments = [s.strip("\r\n").split("*") for s in data.split("~")]
    return sum(1 for s in segments if s[0] == "CLM")


def pyx12(path: Path) -> int:
    import pyx12.params
    import pyx12.x12n_document

    logging.disable(logging.CRITICAL)
    with path.open(encoding="latin-1") as f:
        pyx12.x12n_document.x12n_document(pyx12.params.params(), f, io.StringIO(), None)
    return naive(path)


def measure(fn: Callable[[Path], int], path: Path, repeats: int = 1, trace: bool = True) -> tuple[float, int, int]:
    """(seconds, claims, peak traced bytes); the best of `repeats` timed runs (small files are
    noisy), timed without tracemalloc, which slows Python down. trace=False skips the traced run
    (pyx12 under tracemalloc takes many minutes on the realistic 10k file): peak 0."""
    seconds = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        claims = fn(path)
        seconds = min(seconds, time.perf_counter() - start)
    if not trace:
        return seconds, claims, 0
    tracemalloc.start()
    fn(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, claims, peak


PYX12_TARGET = 100.0  # ours >= 100x pyx12's claims/s
PYX12_LARGEST = 10_000  # pyx12 runs on files up to this size (10k: about 15 s); larger: minutes
NAIVE_TARGET = 4.0  # ours within 4x of the naive split's time
FLAT_TOLERANCE = 2.0  # "flat" peak memory: the largest size's peak within 2x of the smallest's


def _shapes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_shapes", Path(__file__).with_name("shapes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def writer(shape: str) -> Callable[[Path, int], None]:
    return write_837p if shape == "simple" else _shapes().write_realistic_837


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--shapes", default="simple,realistic")
    options = parser.parse_args()
    sizes = sorted(int(s) for s in options.sizes.split(","))
    summaries = []
    for shape in options.shapes.split(","):
        print(f"\n=== {shape} claims ===")
        summaries.append((shape, _run_shape(shape, sizes)))
    for shape, rows in summaries:
        _summary(rows, shape)


def _run_shape(shape: str, sizes: list[int]) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        pyx12_run: tuple[float, int] | None = None  # (claims/s, on a file of this many claims)
        for size in sizes:
            path = Path(tmp) / f"claims_{size}.837"
            writer(shape)(path, size)
            repeats = 5 if size <= 10_000 else 1
            mine = measure(ours, path, repeats)
            like_for_like = measure(ours_999, path, repeats)
            floor = measure(naive, path, repeats)
            reference = None
            if size <= PYX12_LARGEST or pyx12_run is None:
                # pyx12 takes seconds a run: the best of three on small files, one run beyond.
                reference = measure(pyx12, path, 3 if size <= 1_000 else 1, trace=size <= 1_000)
                pyx12_run = (size / reference[0], size)
            rows.append((size, path.stat().st_size, mine, floor, reference, pyx12_run, like_for_like))
            _report(rows[-1])
            if size <= 10_000:
                slow_t, slow_claims, _ = measure(ours_slow_path, path, min(repeats, 3))
                print(f"  slow path, a file with errors (both passes): {slow_claims / slow_t:,.0f} claims/s")
        return rows


def _met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def _report(row) -> None:
    size, nbytes, (t, claims, peak), (nt, _, npeak), reference, (pyx12_rate, pyx12_size), (vt, _, _) = row
    rate, naive_rate, validate_rate = claims / t, size / nt, size / vt
    print(f"\n{size:,} claims ({nbytes / 1e6:.1f} MB), {claims:,} claims accepted and iterated")
    print(f"  ours   validate+999     {vt:7.2f} s  {validate_rate:10,.0f} claims/s  (pyx12's job)")
    if reference:
        rt, _, rpeak = reference
        peak_text = f"peak {rpeak / 1e6:7.1f} MB" if rpeak else "(peak not traced)"
        print(f"  pyx12  validate+999     {rt:7.2f} s  {size / rt:10,.0f} claims/s  {peak_text}")
    else:
        print(f"  pyx12  not run at this size (minutes); the ratio uses its {pyx12_size:,}-claim run")
    print(f"  ours   validate+iterate {t:7.2f} s  {rate:10,.0f} claims/s  peak {peak / 1e6:7.1f} MB  (the reader)")
    print(f"  naive  split            {nt:7.2f} s  {naive_rate:10,.0f} claims/s  peak {npeak / 1e6:7.1f} MB")
    ratio = validate_rate / pyx12_rate
    print(
        f"  vs pyx12, same job ({pyx12_size:,}-claim run): {ratio:6.1f}x faster"
        f"   target >= {PYX12_TARGET:.0f}x: {_met(ratio >= PYX12_TARGET)}"
    )
    slower = t / nt
    print(
        f"  reader vs naive split:            {slower:6.1f}x slower"
        f"   target <= {NAIVE_TARGET:.0f}x: {_met(slower <= NAIVE_TARGET)}"
    )
    print(f"  reader vs pyx12 (information):    {rate / pyx12_rate:6.1f}x faster   (pyx12 builds no claims)")


def _summary(rows, shape: str) -> None:
    print(f"\n{shape} claims against the targets (pyx12 on the same file up to 10k claims; timings, never asserted)")
    header = ("claims", "val+999/s", "pyx12/s", "vs pyx12", ">=100x", "reader/s", "vs naive", "<=4x", "peak MB")
    widths = (8, 9, 8, 9, 7, 9, 9, 7, 7)
    print("  " + "  ".join(f"{h:>{w}}" for h, w in zip(header, widths, strict=True)))
    for size, _, (t, claims, peak), (nt, _, _), _, (pyx12_rate, _), (vt, _, _) in rows:
        ratio = size / vt / pyx12_rate
        slower = t / nt
        print(
            f"  {size:>8,}  {size / vt:9,.0f}  {pyx12_rate:8,.0f}  {ratio:8.1f}x  {_met(ratio >= PYX12_TARGET):>7}"
            f"  {claims / t:9,.0f}  {slower:8.1f}x  {_met(slower <= NAIVE_TARGET):>7}  {peak / 1e6:7.1f}"
        )
    reader_ratios = ", ".join(f"{r[2][1] / r[2][0] / r[5][0]:.0f}x" for r in rows)
    print(f"  The whole reader (validation and every claim built) against pyx12, for information: {reader_ratios}")
    peaks = [r[2][2] for r in rows]
    flat = max(peaks) <= FLAT_TOLERANCE * min(peaks)
    print(
        f"  peak memory {min(peaks) / 1e6:.1f}-{max(peaks) / 1e6:.1f} MB across sizes"
        f" (target: flat, largest within {FLAT_TOLERANCE:.0f}x of smallest): {_met(flat)}"
    )


if __name__ == "__main__":
    main()
