"""The local stack's metrics, kept where `python -m local dashboard` reads them.

In AWS, CloudWatch reads each function's EMF lines from its log and publishes the platform's own
metrics (Lambda invocations and duration, API Gateway latency and errors). Locally every function
runs in the stack's process and prints its EMF lines to stdout, so the tap wraps stdout and copies
each EMF line to `.local/metrics.jsonl`; the dispatcher and the local gateway record what the
platform would, in the same EMF form, under the same namespaces and dimension names.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from mainecare import clock

LOCAL_API_NAME, LOCAL_STAGE = "mainecare-api", "local"
_tap: MetricsTap | None = None


class MetricsTap:
    def __init__(self, path: Path, stream):
        self.path, self._stream = path, stream
        self._lock = threading.Lock()
        self._pending = threading.local()  # print() writes a line and its newline separately

    # The file-like surface print() and Powertools need.
    def write(self, text: str) -> int:
        written = self._stream.write(text)
        buffered = getattr(self._pending, "text", "") + text
        *lines, rest = buffered.split("\n")
        self._pending.text = rest
        for line in lines:
            if line.startswith('{"_aws"'):
                self._append(line)
        return written

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _append(self, line: str) -> None:
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    def record(self, namespace: str, values: dict[str, float], dimensions: dict[str, str], unit: str = "Count"):
        # The system clock, as Powertools stamps EMF lines: metrics are real time, not `clock set`'s.
        document = {"_aws": {"Timestamp": int(clock.system_now().timestamp() * 1000), "CloudWatchMetrics": [{
            "Namespace": namespace, "Dimensions": [sorted(dimensions)],
            "Metrics": [{"Name": name, "Unit": unit} for name in values]}]}, **dimensions, **values}
        self._append(json.dumps(document, separators=(",", ":")))


def install(path: Path) -> MetricsTap:
    """Start a fresh metrics file and tap stdout (the local stack's process only)."""
    global _tap
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("")
    _tap = MetricsTap(path, sys.stdout)
    sys.stdout = _tap
    return _tap


def uninstall() -> None:
    global _tap
    if _tap is not None and sys.stdout is _tap:
        sys.stdout = _tap._stream
    _tap = None


def record_invocation(function_name: str, seconds: float, failed: bool) -> None:
    if _tap is not None:
        dimensions = {"FunctionName": function_name}
        _tap.record("AWS/Lambda", {"Invocations": 1, "Errors": int(failed)}, dimensions)
        _tap.record("AWS/Lambda", {"Duration": round(seconds * 1000, 1)}, dimensions, unit="Milliseconds")


def record_api_answer(status: int, seconds: float) -> None:
    if _tap is not None:
        dimensions = {"ApiName": LOCAL_API_NAME, "Stage": LOCAL_STAGE}
        _tap.record("AWS/ApiGateway", {"Count": 1, "4XXError": int(400 <= status < 500),
                                       "5XXError": int(status >= 500)}, dimensions)
        _tap.record("AWS/ApiGateway", {"Latency": round(seconds * 1000, 1)}, dimensions, unit="Milliseconds")
