"""Benchmark: each Lambda's import time (the cold-start proxy) beside its third-party dependencies alone.

Run: .venv/bin/python bench/coldstart.py [--runs 7]

For each function under functions/, a fresh Python process puts the layer and the function folder
on sys.path (as Lambda mounts them: /opt/python and the code root) and times `import handler`
(`import app` for the Chalice API). The API's routes load their services and contracts at their
first request (chalicelib/deferred.py); a second API row times the import with every route group
loaded, the most a cold start that also answers requests can cost. A first traced run records
which third-party packages that import loads; the peer, measured in the same run, is a fresh
process importing exactly those packages and nothing of ours. The figure that matters is the
ratio: what our own modules add on top of the libraries every such function pays for. Median of
several fresh processes each. Nothing here asserts on time; it prints figures (target in issue
14: handler <= 1.3x its deps).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "layers" / "mainecare" / "python"
OURS = {"mainecare", "x12", "valueobjects", "chalicelib", "handler", "app", "local"}

_PROBE = r"""
import json, sys, time
sys.path[:0] = {paths!r}
before = set(sys.modules)
started = time.perf_counter()
for name in {modules!r}:
    try:
        __import__(name)
    except Exception:  # a submodule that only imports from inside its package: its parent brought it
        pass
elapsed = time.perf_counter() - started
stdlib = set(sys.stdlib_module_names)
loaded = [m for m in sys.modules if m not in before]
print(json.dumps({{"seconds": elapsed, "loaded": [m for m in loaded if m.split(".")[0] not in stdlib
                                                   and not m.startswith("_")]}}))
"""


def _run(paths: list[str], modules: list[str]) -> dict:
    # Any non-empty PYTHONDONTWRITEBYTECODE (even "0") stops Python writing .pyc files: drop it, so the
    # warm-up run below caches what it compiles and the timed runs read bytecode.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["AWS_DEFAULT_REGION"] = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    out = subprocess.run([sys.executable, "-c", _PROBE.format(paths=paths, modules=modules)], env=env,
                         capture_output=True, text=True, check=True, cwd=paths[-1]).stdout
    return json.loads(out)


def deferred_targets(folder: Path) -> list[str]:
    """The modules the API's routes name with chalicelib.deferred: loaded by their first request."""
    sys.path.insert(0, str(folder))  # this process only reads sources; the timed imports run in fresh ones
    from chalicelib.deferred import deferred_calls

    found = []
    for path in sorted((folder / "chalicelib").glob("*.py")):
        for module, _names in deferred_calls(path.read_text(encoding="utf-8")):
            if module not in found:
                found.append(module)
    return found


def functions() -> list[tuple[str, Path, list[str]]]:
    found = []
    for folder in sorted(p for p in (ROOT / "functions").iterdir() if p.is_dir()):
        if (folder / "app.py").exists():
            found.append((folder.name, folder, ["app"]))
            # The worst case of a cold start that also serves requests: every route group loaded.
            found.append((f"{folder.name} (all routes)", folder, ["app", *deferred_targets(folder)]))
        else:
            found.append((folder.name, folder, ["handler"]))
    return found


def measure(folder: Path, modules: list[str], runs: int) -> tuple[float, float, list[str]]:
    paths = [str(LAYER), str(folder)]
    _run(paths, modules)  # warm the bytecode caches: every timed run reads .pyc files (the deployed
    # dependency layer ships them, `make layer`; our own code ships as source, see infra/layer.py)
    # Every third-party module the handler's import loaded, in load order: the peer imports the
    # same submodules (pydantic's BaseModel machinery, boto3's session...), not just the packages.
    dependencies = [m for m in _run(paths, modules)["loaded"] if m.split(".")[0] not in OURS]
    # Interleaved, so a slower spell of a shared machine weighs on both sides alike.
    ours_runs, their_runs = [], []
    for _ in range(runs):
        ours_runs.append(_run(paths, modules)["seconds"])
        if dependencies:
            their_runs.append(_run(paths, dependencies)["seconds"])
    theirs = statistics.median(their_runs) if their_runs else 0.0
    return statistics.median(ours_runs), theirs, sorted({m.split(".")[0] for m in dependencies})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'function':<22} {'handler s':>10} {'deps only s':>12} {'ratio':>7}  {'<=1.3x':>6}  third-party packages")
    for name, folder, modules in functions():
        ours, theirs, dependencies = measure(folder, modules, args.runs)
        if not dependencies:  # a stub that imports nothing third-party: there is no peer to compare with
            print(f"{name:<22} {ours:>10.3f} {'-':>12} {'-':>7}  {'-':>6}  (none)")
            continue
        ratio = ours / theirs
        verdict = "MET" if ratio <= 1.3 else "NOT MET"
        print(f"{name:<22} {ours:>10.3f} {theirs:>12.3f} {ratio:>6.2f}x  {verdict:>6}  {', '.join(dependencies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
