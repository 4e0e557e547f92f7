"""One dashboard and the alarms operations answers to, all notifying one encrypted SNS topic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from infra import dashboard_widgets as widgets_data
from infra.dashboard_widgets import MetricRef

PERIOD = Duration.seconds(widgets_data.PERIOD_SECONDS)
API_P99_LATENCY_MS = 3000  # API Gateway allows 29 s; a p99 over 3 s means something is wrong
METRICS_NAMESPACE = widgets_data.METRICS_NAMESPACE
API_SERVICE = widgets_data.API_SERVICE


def cdk_metric(ref: MetricRef) -> cloudwatch.IMetric:
    """One metric of infra/dashboard_widgets.py as CloudWatch draws it."""
    if ref.sum_of:
        # Ids are per graph: named after the metric, so two sums in one widget never share one.
        parts = {f"{ref.name[0].lower()}{ref.name[1:]}_{n}": cdk_metric(part) for n, part in enumerate(ref.sum_of)}
        return cloudwatch.MathExpression(expression=" + ".join(f"FILL({name}, 0)" for name in parts),
                                         using_metrics=parts, label=ref.shown, period=PERIOD)
    if ref.split_by:
        return cloudwatch.MathExpression(
            expression=f"SEARCH('{{{ref.namespace},{ref.split_by}}} MetricName=\"{ref.name}\"', "
                       f"'{ref.statistic}', {widgets_data.PERIOD_SECONDS})", label=ref.shown, period=PERIOD)
    return cloudwatch.Metric(namespace=ref.namespace, metric_name=ref.name, statistic=ref.statistic, period=PERIOD,
                             dimensions_map=dict(ref.dimensions), label=ref.label or None)


def alarm_metric(ref: MetricRef) -> cloudwatch.IMetric:
    """As cdk_metric, without the label: a labelled metric makes its alarm a metric-math alarm."""
    return cdk_metric(replace(ref, label="") if not (ref.sum_of or ref.split_by) else ref)


class Observability(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 functions: Mapping[str, str], dead_letter_queues: Mapping[str, sqs.IQueue],
                 api_name: str, api_stage: str, state_machines: Mapping[str, sfn.IStateMachine]) -> None:
        """functions: label -> deployed function name (plain functions and the API's SAM ones)."""
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(self, "AlarmTopic", display_name="MaineCare alarms",
                               master_key=key, enforce_ssl=True)
        self._action = actions.SnsAction(self.topic)
        self.alarms: list[cloudwatch.Alarm] = []
        dashboard = cloudwatch.Dashboard(self, "Dashboard", default_interval=Duration.days(1))
        # The widgets are data shared with `python -m local dashboard`: drawn here, alarmed below.
        for widget in widgets_data.widgets(
                functions, {label: q.queue_name for label, q in dead_letter_queues.items()}, api_name, api_stage,
                {label: m.state_machine_arn for label, m in state_machines.items()}):
            dashboard.add_widgets(cloudwatch.GraphWidget(
                title=widget.title, width=widget.width, left=[cdk_metric(m) for m in widget.left],
                right=[cdk_metric(m) for m in widget.right]))

        for label, function_name in functions.items():
            self._alarm(f"{label}Errors", alarm_metric(widgets_data.lambda_metric("Errors", function_name)), 1,
                        f"{label} raised errors")
            self._alarm(f"{label}Throttles", alarm_metric(widgets_data.lambda_metric("Throttles", function_name)), 1,
                        f"{label} was throttled")
        for label, queue in dead_letter_queues.items():
            self._alarm(f"{label}Messages", alarm_metric(widgets_data.queue_depth(queue.queue_name, label)), 0,
                        f"{label} holds messages that failed processing",
                        comparison=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD)
        self._alarm("Api5XXError", alarm_metric(widgets_data.api_metric("5XXError", api_name, api_stage)), 1,
                    "The API returned 5XX responses")
        self._alarm("ApiLatencyP99", alarm_metric(widgets_data.api_metric("Latency", api_name, api_stage, "p99")),
                    API_P99_LATENCY_MS, f"API p99 latency above {API_P99_LATENCY_MS} ms for 15 minutes", periods=3)
        self._alarm("EdiFileFailed", alarm_metric(widgets_data.edi_file_failed()), 1,
                    "An 837 file failed processing (SQS retries, then the DLQ)")
        # Claims pended for want of a crosswalk file. How many wait is a level no function knows
        # cheaply, so intake counts each claim it pends (the API and edi_ingest) and reference_ingest
        # counts those its re-edit releases: an operator must load the missing ASP quarter or PDAC file.
        self._alarm("PendedClaims", alarm_metric(widgets_data.pended_claims()), 1,
                    "Claims were pended: a crosswalk file their drug lines need (an ASP quarter or PDAC) is not "
                    "loaded. Load it; the load re-edits them")
        # Health Home events the API could not put on the bus (stores/events.py counts them).
        self._alarm("HealthHomeEventNotSent", alarm_metric(widgets_data.events_not_sent()), 1,
                    "A Health Home event was not sent to EventBridge; the change stands and its audit record "
                    "says what the event would have")
        for label, machine in state_machines.items():
            self._alarm(f"{label}ExecutionsFailed", machine.metric_failed(period=PERIOD), 1,
                        f"{label} executions failed")

    def _alarm(self, construct_id: str, metric: cloudwatch.IMetric, threshold: float, description: str,
               comparison=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
               periods: int = 1) -> cloudwatch.Alarm:
        alarm = metric.create_alarm(
            self, construct_id, threshold=threshold, evaluation_periods=periods,
            comparison_operator=comparison, alarm_description=description,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        alarm.add_alarm_action(self._action)
        alarm.add_ok_action(self._action)
        self.alarms.append(alarm)
        return alarm
