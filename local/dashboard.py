"""`python -m local dashboard [--minutes 60] [--json]`: the CloudWatch dashboard's widgets
(infra/dashboard_widgets.py, the same list the CDK app draws) filled from the running stack's
metrics (.local/metrics.jsonl, see local/metrics_tap.py) and its queues' depths.

Each metric shows its statistic over the window (a Sum adds up, p99 and Maximum as CloudWatch
computes them) and a sparkline of 5-minute periods. Locally every function runs in one process
with one service name, so the `service` dimension of an application metric is not compared: a
metric is matched by namespace, name and its other dimensions. A metric with no data in the
window shows "-", as CloudWatch draws an empty line.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from local.answer import show

SPARKS = " ▁▂▃▄▅▆▇█"
IGNORED_LOCALLY = {"service"}


@dataclass(frozen=True)
class Point:
    namespace: str
    name: str
    dimensions: tuple[tuple[str, str], ...]
    value: float
    at: float  # epoch seconds


def add_parser(commands) -> None:
    dashboard = commands.add_parser("dashboard", help="the CloudWatch dashboard's widgets, from the local stack")
    dashboard.add_argument("--minutes", type=int, default=60, help="the window (default 60)")
    dashboard.add_argument("--json", action="store_true", help="widgets and values as JSON")


def read_points(lines: Iterable[str]) -> list[Point]:
    """Every metric value of the EMF documents among `lines` (other lines are skipped)."""
    points = []
    for line in lines:
        try:
            document = json.loads(line)
            meta = document["_aws"]
        except (ValueError, KeyError, TypeError):
            continue
        at = meta.get("Timestamp", 0) / 1000
        for directive in meta.get("CloudWatchMetrics", []):
            names = {d for group in directive.get("Dimensions", []) for d in group}
            dimensions = tuple(sorted((d, str(document[d])) for d in names if d in document))
            for metric in directive.get("Metrics", []):
                values = document.get(metric["Name"])
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, int | float):
                        points.append(Point(directive["Namespace"], metric["Name"], dimensions, float(value), at))
    return points


def _matches(point: Point, ref) -> bool:
    wanted = {(k, v) for k, v in ref.dimensions if k not in IGNORED_LOCALLY}
    return point.namespace == ref.namespace and point.name == ref.name and wanted <= set(point.dimensions)


def statistic(values: list[float], name: str) -> float | None:
    if not values:
        return None
    if name == "Sum":
        return sum(values)
    if name == "Maximum":
        return max(values)
    if name == "Average":
        return sum(values) / len(values)
    if name.startswith("p"):  # nearest rank, as CloudWatch's percentiles of raw values
        ordered = sorted(values)
        return ordered[max(0, math.ceil(float(name[1:]) / 100 * len(ordered)) - 1)]
    raise ValueError(f"statistic {name} is not drawn locally")


def _series(ref, points: list[Point], levels: dict[str, float]) -> list[tuple[str, list[Point] | float]]:
    """[(label, points)] for a metric; a queue depth is a level read now (a float)."""
    if ref.namespace == "AWS/SQS":
        return [(ref.shown, levels.get(dict(ref.dimensions)["QueueName"], 0.0))]
    if ref.split_by:
        groups: dict[str, list[Point]] = defaultdict(list)
        for point in points:
            if point.namespace == ref.namespace and point.name == ref.name:
                groups[dict(point.dimensions).get(ref.split_by, "")].append(point)
        return [(f"{ref.shown} {key}", found) for key, found in sorted(groups.items())] or [(ref.shown, [])]
    parts = ref.sum_of or (ref,)
    # Locally the parts differ only by service, which is not compared: take each point once.
    return [(ref.shown, [p for p in points if any(_matches(p, part) for part in parts)])]


def render(widgets, points: list[Point], levels: dict[str, float], now: float, minutes: int) -> list[dict]:
    start = now - minutes * 60
    window = [p for p in points if start <= p.at <= now]
    periods = max(1, math.ceil(minutes * 60 / 300))
    drawn = []
    for widget in widgets:
        rows = []
        for ref in widget.metrics():
            for label, found in _series(ref, window, levels):
                if isinstance(found, float):
                    rows.append({"metric": label, "statistic": "Now", "value": found, "spark": ""})
                    continue
                buckets = [[p.value for p in found if start + i * 300 <= p.at < start + (i + 1) * 300]
                           for i in range(periods)]
                rows.append({"metric": label, "statistic": ref.statistic,
                             "value": statistic([p.value for p in found], ref.statistic),
                             "spark": _spark([statistic(b, ref.statistic) for b in buckets])})
        drawn.append({"title": widget.title, "metrics": [m.shown for m in widget.metrics()], "rows": rows})
    return drawn


def _spark(values: list[float | None]) -> str:
    top = max((v for v in values if v is not None), default=0) or 1
    return "".join(" " if v is None else SPARKS[max(1, round(v / top * (len(SPARKS) - 1)))] for v in values)


def as_text(drawn: list[dict], minutes: int) -> str:
    out = [f"MaineCare local dashboard: the last {minutes} minutes (the CloudWatch dashboard's widgets)"]
    for widget in drawn:
        out.append(f"\n{widget['title']}")
        for row in widget["rows"]:
            value = "-" if row["value"] is None else f"{row['value']:,.1f}".removesuffix(".0")
            out.append(f"  {row['metric'][:58]:<58} {row['statistic']:>7} {value:>10}  {row['spark']}")
    return "\n".join(out)


def local_widgets(queue_depth_names: dict[str, str]) -> list:
    from infra import dashboard_widgets
    from local.handlers import function_names
    from local.metrics_tap import LOCAL_API_NAME, LOCAL_STAGE
    from mainecare.resources import CATALOGUE

    functions = {name: name for name in function_names()}
    machines = {m.logical_id: m.local_name for m in CATALOGUE.state_machines}
    return dashboard_widgets.widgets(functions, queue_depth_names, LOCAL_API_NAME, LOCAL_STAGE, machines)


def cmd_dashboard(args) -> int:
    from local.stack import METRICS_FILE, attach, running_state
    from mainecare.resources import CATALOGUE

    if args.minutes < 1:
        print("--minutes must be 1 or more", file=sys.stderr)
        return 2
    session = attach(running_state())
    sqs = session.client("sqs")
    dead_letter_queues = {f"{q.logical_id}Dlq": f"{q.local_name}-dlq" for q in CATALOGUE.queues}
    levels = {}
    for name in dead_letter_queues.values():
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
        levels[name] = float(attributes["Attributes"]["ApproximateNumberOfMessages"])
    lines = METRICS_FILE.read_text(encoding="utf-8").splitlines() if Path(METRICS_FILE).exists() else []
    from mainecare import clock

    # EMF lines carry the system time (as in AWS), so the window is measured on it too.
    drawn = render(local_widgets(dead_letter_queues), read_points(lines), levels, clock.system_now().timestamp(),
                   args.minutes)
    show(json.dumps(drawn, indent=2) if args.json else as_text(drawn, args.minutes))
    return 0
