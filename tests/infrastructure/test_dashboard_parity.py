"""The local dashboard (`python -m local dashboard`) and the CloudWatch dashboard the CDK app
defines draw the same widgets with the same metrics: both come from infra/dashboard_widgets.py."""

from __future__ import annotations

import json
from pathlib import Path

from local.dashboard import as_text, local_widgets, read_points, render
from mainecare.resources import CATALOGUE

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "emf" / "local_run.jsonl"
NOW = 1796356800 + 300  # five minutes after the recorded lines begin
DLQS = {f"{q.logical_id}Dlq": f"{q.local_name}-dlq" for q in CATALOGUE.queues}
FUNCTION_METRICS = ["Invocations", "Errors", "Throttles", "Duration"]


def _cloudwatch_widgets(synthesized) -> list[tuple[str, list[str]]]:
    (dashboard,) = synthesized.of_type("AWS::CloudWatch::Dashboard").values()
    joined = dashboard["Properties"]["DashboardBody"]["Fn::Join"][1]
    body = json.loads("".join(part if isinstance(part, str) else "TOKEN" for part in joined))
    drawn = []
    for widget in body["widgets"]:
        names = []
        for entry in widget["properties"]["metrics"]:
            options = entry[-1] if isinstance(entry[-1], dict) else {}
            if options.get("visible") is False:
                continue  # a part of a math expression
            names.append(options.get("label") or (entry[1] if isinstance(entry[0], str) else ""))
        drawn.append((widget["properties"]["title"], names))
    return drawn


def _local_drawn() -> list[dict]:
    return render(local_widgets(DLQS), read_points(RECORDED.read_text().splitlines()), {"claims-dlq": 2.0},
                  NOW, 60)


def _split(drawn: list[tuple[str, list[str]]], function_titles: set[str]):
    functions = {title for title, _ in drawn if title in function_titles}
    assert all(names == FUNCTION_METRICS for title, names in drawn if title in functions)
    return functions, [(t, n) for t, n in drawn if t not in function_titles]


def test_the_local_dashboard_draws_the_cloudwatch_dashboards_widgets(synthesized):
    cloud = _cloudwatch_widgets(synthesized)
    local = [(w["title"], w["metrics"]) for w in _local_drawn()]
    cloud_functions, cloud_rest = _split(cloud, {t for t, n in cloud if n == FUNCTION_METRICS})
    local_functions, local_rest = _split(local, {t for t, n in local if n == FUNCTION_METRICS})
    # One Lambda function serves the API locally; CDK deploys Chalice's functions under their ids.
    assert local_functions - {"api"} == {t for t in cloud_functions if not t.startswith("api_")}
    assert [t for t, _ in local_rest] == [t for t, _ in cloud_rest]
    for (title, local_names), (_, cloud_names) in zip(local_rest, cloud_rest, strict=True):
        if title == "Dead-letter queues":  # CDK adds the async-invocation DLQs the local stack has not
            assert set(local_names) <= set(cloud_names)
            assert all(n.endswith("AsyncDlq") for n in set(cloud_names) - set(local_names))
        else:
            assert local_names == cloud_names, title


def test_recorded_metrics_fill_the_widgets():
    drawn = {w["title"]: {r["metric"]: r for r in w["rows"]} for w in _local_drawn()}
    claims = drawn["Claims received / accepted / rejected / pended (837 files and the API)"]
    assert claims["ClaimsReceived"]["value"] == 11  # both lines in the window, the old one not
    assert claims["ClaimsRejected"]["value"] == 2 and claims["PendedClaims"]["value"] == 1
    denied = drawn["Lines denied by reason"]
    assert denied["LinesDenied NDC_NOT_ON_CROSSWALK"]["value"] == 3 and denied["LinesDenied NDC_INVALID"]["value"] == 1
    assert drawn["API latency p99 (ms)"]["Latency"]["value"] == 900
    assert drawn["API errors"]["4XXError"]["value"] == 1 and drawn["API errors"]["5XXError"]["value"] == 0
    assert drawn["edi_ingest"]["Duration"]["value"] == 512.5 and drawn["edi_ingest"]["Errors"]["value"] == 0
    assert drawn["Dead-letter queues"]["ClaimsQueueDlq" if "ClaimsQueueDlq" in drawn["Dead-letter queues"]
                                       else next(iter(drawn["Dead-letter queues"]))]["statistic"] == "Now"
    assert drawn["Health Home events not sent"]["HealthHomeEventNotSent"]["value"] is None  # no data: "-"
    text = as_text(_local_drawn(), 60)
    assert "Lines denied by reason" in text and "LinesDenied NDC_INVALID" in text
