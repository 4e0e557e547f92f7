"""One dashboard and the alarms operations answers to, all notifying one encrypted SNS topic."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

PERIOD = Duration.minutes(5)
API_P99_LATENCY_MS = 3000  # API Gateway allows 29 s; a p99 over 3 s means something is wrong


METRICS_NAMESPACE = "MaineCare"
API_SERVICE = "mainecare-api"  # POWERTOOLS_SERVICE_NAME in functions/api/.chalice/config.json


def lambda_metric(name: str, function_name: str, statistic: str = "Sum") -> cloudwatch.Metric:
    return cloudwatch.Metric(namespace="AWS/Lambda", metric_name=name, period=PERIOD,
                             statistic=statistic, dimensions_map={"FunctionName": function_name})


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

        for label, function_name in functions.items():
            errors = lambda_metric("Errors", function_name)
            throttles = lambda_metric("Throttles", function_name)
            self._alarm(f"{label}Errors", errors, 1, f"{label} raised errors")
            self._alarm(f"{label}Throttles", throttles, 1, f"{label} was throttled")
            dashboard.add_widgets(cloudwatch.GraphWidget(
                title=label, width=12,
                left=[lambda_metric("Invocations", function_name), errors, throttles],
                right=[lambda_metric("Duration", function_name, "p99")],
            ))

        for label, queue in dead_letter_queues.items():
            visible = queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum")
            self._alarm(f"{label}Messages", visible, 0, f"{label} holds messages that failed processing",
                        comparison=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD)
        dashboard.add_widgets(cloudwatch.GraphWidget(
            title="Dead-letter queues", width=24,
            left=[q.metric_approximate_number_of_messages_visible(period=PERIOD, label=label)
                  for label, q in dead_letter_queues.items()],
        ))

        api = {"ApiName": api_name, "Stage": api_stage}
        server_errors = cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="5XXError",
                                          dimensions_map=api, period=PERIOD, statistic="Sum")
        latency = cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="Latency",
                                    dimensions_map=api, period=PERIOD, statistic="p99")
        self._alarm("Api5XXError", server_errors, 1, "The API returned 5XX responses")
        self._alarm("ApiLatencyP99", latency, API_P99_LATENCY_MS,
                    f"API p99 latency above {API_P99_LATENCY_MS} ms for 15 minutes", periods=3)
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="API errors", width=12, left=[
                server_errors, cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="4XXError",
                                                 dimensions_map=api, period=PERIOD, statistic="Sum")]),
            cloudwatch.GraphWidget(title="API latency p99 (ms)", width=12, left=[latency]),
        )

        # Claims intake, from the EMF metrics edi_ingest writes (namespace MaineCare, service dimension).
        def claims_metric(name: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(namespace=METRICS_NAMESPACE, metric_name=name, period=PERIOD,
                                     statistic="Sum", dimensions_map={"service": "edi_ingest"})

        failed_files = claims_metric("EdiFileFailed")
        self._alarm("EdiFileFailed", failed_files, 1, "An 837 file failed processing (SQS retries, then the DLQ)")
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Claims received / accepted / rejected (837)", width=12, left=[
                claims_metric("ClaimsReceived"), claims_metric("ClaimsAccepted"), claims_metric("ClaimsRejected")]),
            cloudwatch.GraphWidget(title="837 files: processed, validated on the fast path, duplicate, failed",
                                   width=12, left=[claims_metric("EdiFiles"), claims_metric("EdiFilesValidatedFast"),
                                                   claims_metric("EdiFileDuplicate"), failed_files]),
            cloudwatch.GraphWidget(title="Lines denied by reason", width=24, left=[cloudwatch.MathExpression(
                expression=f"SEARCH('{{{METRICS_NAMESPACE},reason}} MetricName=\"LinesDenied\"', 'Sum', 300)",
                label="LinesDenied", period=PERIOD)]),
        )

        self._pended_claims(dashboard)

        # Health Home events the API could not put on the bus (stores/events.py counts them).
        events_not_sent = cloudwatch.Metric(namespace=METRICS_NAMESPACE, metric_name="HealthHomeEventNotSent",
                                            period=PERIOD, statistic="Sum", dimensions_map={"service": API_SERVICE})
        self._alarm("HealthHomeEventNotSent", events_not_sent, 1,
                    "A Health Home event was not sent to EventBridge; the change stands and its audit record "
                    "says what the event would have")
        dashboard.add_widgets(cloudwatch.GraphWidget(title="Health Home events not sent", width=24,
                                                     left=[events_not_sent]))

        for label, machine in state_machines.items():
            failed = machine.metric_failed(period=PERIOD)
            self._alarm(f"{label}ExecutionsFailed", failed, 1, f"{label} executions failed")
            dashboard.add_widgets(cloudwatch.GraphWidget(
                title=label, width=24, left=[machine.metric_started(period=PERIOD),
                                             machine.metric_succeeded(period=PERIOD), failed]))

    def _pended_claims(self, dashboard: cloudwatch.Dashboard) -> None:
        """Claims pended for want of a crosswalk file. How many wait is a level no function knows
        cheaply, so intake counts each claim it pends (the API and edi_ingest, PendedClaims) and
        reference_ingest counts those its re-edit releases; the alarm fires when claims are pended:
        an operator must load the missing ASP quarter or PDAC file, and the load releases them."""
        def metric(name: str, service: str) -> cloudwatch.Metric:
            return cloudwatch.Metric(namespace=METRICS_NAMESPACE, metric_name=name, period=PERIOD,
                                     statistic="Sum", dimensions_map={"service": service})

        pended = cloudwatch.MathExpression(
            expression="FILL(api, 0) + FILL(edi, 0)", label="PendedClaims", period=PERIOD,
            using_metrics={"api": metric("PendedClaims", API_SERVICE), "edi": metric("PendedClaims", "edi_ingest")})
        self._alarm("PendedClaims", pended, 1,
                    "Claims were pended: a crosswalk file their drug lines need (an ASP quarter or PDAC) is not "
                    "loaded. Load it; the load re-edits them")
        dashboard.add_widgets(cloudwatch.GraphWidget(
            title="Claims pended for a missing crosswalk / released by a load", width=24,
            left=[pended, metric("PendedClaimsReleased", "reference_ingest"),
                  metric("PendedClaimsUnreadable", "reference_ingest")]))

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
