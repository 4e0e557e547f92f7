"""Benchmark: crosswalk parsing, artifact size/load and NDC-HCPCS lookups at realistic scale.

Run: .venv/bin/python bench/ndc.py

Builds a 60,000-row PDAC file and a 10,000-row CMS ASP file in memory (published layouts,
random but well-formed NDCs and HCPCS codes), then times each step and compares it with a peer
measured in the same run on the same machine, so the ratios mean something on any hardware:
- parse + index build vs. the csv module merely reading the same bytes;
- CrosswalkIndex.check_pair vs. a linear scan over the parsed PDAC rows (the obvious naive
  implementation), run on fewer lookups because it is slow.
Nothing here asserts on time; it prints figures.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layers" / "mainecare" / "python"))

from mainecare.domain.crosswalks import parse_asp_csv, parse_pdac, parse_pdac_date  # noqa: E402
from mainecare.domain.crosswalks.index import (  # noqa: E402
    CrosswalkIndex,
    asp_index_from_artifact,
    asp_index_from_file,
    pdac_index_from_artifact,
    pdac_index_from_file,
    to_artifact,
)

PDAC_ROWS = 60_000
ASP_ROWS = 10_000
LOOKUPS = 200_000
SCAN_LOOKUPS = 500
REPEATS = 3
ASP_QUARTER_START = date(2026, 4, 1)

rng = random.Random(20260415)


def random_ndc() -> str:
    return f"{rng.randrange(100000):05d}{rng.randrange(10000):04d}{rng.randrange(100):02d}"


def random_hcpcs() -> str:
    return rng.choice("AJJJJJJQQ") + f"{rng.randrange(10000):04d}"


def make_pdac() -> bytes:
    header = [
        "NDC", "NDC Mod", "HCPCS", "HCPCS Mod", "Relationship Start Date", "Relationship End Date",
        "HCPCS Description", "NDC Label", "Number of Items in NDC Package", "NDC Package Measure",
        "NDC Package Type", "Route of Administration", "Billing Units", "HCPCS Amount", "HCPCS Measure",
        "CF", "Start Date 1", "End Date 1", "CF 1",
    ]  # fmt: skip
    rows = []
    while len(rows) < PDAC_ROWS:
        ndc = random_ndc()
        codes = [random_hcpcs() for _ in range(2 if rng.random() < 0.1 else 1)]
        for code in codes:
            start = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
            periods = [(start, None)]
            if rng.random() < 0.25:  # withdrawn, sometimes reactivated later
                end = start + timedelta(days=rng.randrange(30, 1500))
                periods = [(start, end)]
                if rng.random() < 0.4:
                    periods.append((end + timedelta(days=rng.randrange(30, 400)), None))
            for s, e in periods:
                end_text = "" if e is None else e.strftime("%m/%d/%Y")
                if e is None and rng.random() < 0.5:
                    end_text = "12/31/9999"
                rows.append([
                    ndc, "", code, "", s.strftime("%m/%d/%Y"), end_text,
                    "Albuterol, inh sol, FDA-approved final product, non-compounded, unit dose, 1 mg",
                    "ALBUTEROL SUL 2.5 MG/3 ML", "3", "3", "VIAL", "INHALATION", "ML", "1", "MG", "0.833",
                    "", "", "",
                ])  # fmt: skip
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows[:PDAC_ROWS]])
    return buf.getvalue().encode("latin-1")


def make_asp() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["April 2026 ASP NDC-HCPCS Crosswalk"] + [""] * 9)
    for _ in range(7):
        w.writerow([""] * 10)
    w.writerow(["_2026_CODE", "Short Description", "LABELER NAME", "NDC", "Drug Name", "HCPCS dosage",
                "PKG SIZE", "PKG QTY", "BILLUNITS", "BILLUNITSPKG"])  # fmt: skip
    written = 0
    while written < ASP_ROWS:
        ndc = random_ndc()
        dashed = f"{ndc[:5]}-{ndc[5:9]}-{ndc[9:]}"
        if rng.random() < 0.02:
            dashed = f"ALT-{rng.randrange(10**6):06d}"  # alternate product id, skipped
        for _ in range(min(2 if rng.random() < 0.08 else 1, ASP_ROWS - written)):
            w.writerow([random_hcpcs(), "Injection, example drug, 10 mg", "Labeler, Inc.", dashed,
                        "Example\u00ae", "10 MG", "4", "1", "10", "10"])  # fmt: skip
            written += 1
    return buf.getvalue().encode("latin-1")


def best_of(fn, repeats: int = REPEATS):
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def make_lookups(pdac, asp, n: int) -> list[tuple[str, str, date]]:
    rels = pdac.relationships
    pairs = sorted(asp.pairs)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.45:  # PDAC hit (or a near miss when the range closed before the DOS)
            rel = rng.choice(rels)
            span = ((rel.end or date(2026, 12, 31)) - rel.start).days
            out.append((rel.ndc11, rel.hcpcs, rel.start + timedelta(days=rng.randrange(max(span, 0) + 1))))
        elif r < 0.70:  # ASP hit in the loaded quarter
            ndc, code = rng.choice(pairs)
            out.append((ndc, code, ASP_QUARTER_START + timedelta(days=rng.randrange(91))))
        elif r < 0.85:  # known NDC, wrong code
            out.append((rng.choice(rels).ndc11, random_hcpcs(), ASP_QUARTER_START + timedelta(days=10)))
        else:  # unknown NDC
            out.append((random_ndc(), random_hcpcs(), ASP_QUARTER_START + timedelta(days=rng.randrange(91))))
    return out


def linear_scan(rels, ndc: str, code: str, dos: date) -> bool:
    return any(
        r.ndc11 == ndc and r.hcpcs == code and r.start <= dos and (r.end is None or dos <= r.end)
        for r in rels
    )


def main() -> None:
    t_total = time.perf_counter()
    pdac_bytes, asp_bytes = make_pdac(), make_asp()

    def build_pdac():
        parse_pdac_date.cache_clear()  # every repeat pays for date parsing, like a cold start
        return pdac_index_from_file(parse_pdac(pdac_bytes, file_name="pdac_2026-11-01.csv"))

    def build_asp():
        return asp_index_from_file(parse_asp_csv(asp_bytes))

    t_pdac, pdac_index = best_of(build_pdac)
    t_asp, asp_index = best_of(build_asp)
    t_pdac_csv, _ = best_of(lambda: list(csv.reader(io.StringIO(pdac_bytes.decode("latin-1")))))
    t_asp_csv, _ = best_of(lambda: list(csv.reader(io.StringIO(asp_bytes.decode("latin-1")))))

    pdac_gz = gzip.compress(json.dumps(to_artifact(pdac_index), separators=(",", ":")).encode())
    asp_gz = gzip.compress(json.dumps(to_artifact(asp_index), separators=(",", ":")).encode())
    pdac_csv_gz, asp_csv_gz = gzip.compress(pdac_bytes), gzip.compress(asp_bytes)
    t_pdac_load, pdac_loaded = best_of(lambda: pdac_index_from_artifact(json.loads(gzip.decompress(pdac_gz))))
    t_asp_load, asp_loaded = best_of(lambda: asp_index_from_artifact(json.loads(gzip.decompress(asp_gz))))

    pdac_parsed = parse_pdac(pdac_bytes, file_name="pdac_2026-11-01.csv")
    asp_parsed = parse_asp_csv(asp_bytes)
    index = CrosswalkIndex(asp={asp_loaded.version: asp_loaded}, pdac=pdac_loaded)
    lookups = make_lookups(pdac_parsed, asp_parsed, LOOKUPS)

    t0 = time.perf_counter()
    outcomes = [index.check_pair(n, h, d).valid for n, h, d in lookups]
    t_lookup = time.perf_counter() - t0
    rels = pdac_parsed.relationships
    t0 = time.perf_counter()
    for n, h, d in lookups[:SCAN_LOOKUPS]:
        linear_scan(rels, n, h, d)
    t_scan = time.perf_counter() - t0

    rate = LOOKUPS / t_lookup
    scan_rate = SCAN_LOOKUPS / t_scan
    hits = sum(1 for v in outcomes if v)
    print(f"PDAC {PDAC_ROWS:,} rows ({len(pdac_bytes):,} bytes, {pdac_parsed.rows_skipped} skipped, "
          f"{len(pdac_index.by_ndc):,} NDCs); ASP {asp_parsed.rows_read:,} rows ({len(asp_bytes):,} bytes, "
          f"{asp_parsed.rows_skipped} alternate ids skipped, {len(asp_index.by_ndc):,} NDCs)")  # fmt: skip
    print(f"Lookups: {LOOKUPS:,} mixed, {hits:,} valid, {LOOKUPS - hits:,} not valid or unknown")
    print(f"Build/load timings are the best of {REPEATS} runs\n")
    table = [
        ("PDAC parse + index build", f"{t_pdac * 1000:8.1f} ms",
         f"csv.reader only {t_pdac_csv * 1000:.1f} ms", f"{t_pdac / t_pdac_csv:5.1f}x slower"),
        ("ASP parse + index build", f"{t_asp * 1000:8.1f} ms", f"csv.reader only {t_asp_csv * 1000:.1f} ms",
         f"{t_asp / t_asp_csv:5.1f}x slower"),
        ("PDAC artifact (JSON, gzip)", f"{len(pdac_gz):8,} B", f"gzip of source CSV {len(pdac_csv_gz):,} B",
         f"{len(pdac_csv_gz) / len(pdac_gz):5.1f}x smaller"),
        ("ASP artifact (JSON, gzip)", f"{len(asp_gz):8,} B", f"gzip of source CSV {len(asp_csv_gz):,} B",
         f"{len(asp_csv_gz) / len(asp_gz):5.1f}x smaller"),
        ("PDAC artifact load", f"{t_pdac_load * 1000:8.1f} ms", f"parse + build {t_pdac * 1000:.1f} ms",
         f"{t_pdac / t_pdac_load:5.1f}x faster"),
        ("ASP artifact load", f"{t_asp_load * 1000:8.1f} ms", f"parse + build {t_asp * 1000:.1f} ms",
         f"{t_asp / t_asp_load:5.1f}x faster"),
        ("check_pair (ASP+PDAC)", f"{rate:8,.0f} /s", f"linear PDAC scan {scan_rate:,.0f} /s",
         f"{rate / scan_rate:5.0f}x faster"),
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in [("measure", "value", "peer (same run)", "ratio"), *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    print(f"\n(total bench time {time.perf_counter() - t_total:.1f} s)")


if __name__ == "__main__":
    main()
