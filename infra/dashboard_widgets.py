"""The operations dashboard as data: one list of widgets that the CDK app draws in CloudWatch
(infra/observability.py) and `python -m local dashboard` draws from the local stack's metrics, so
the two cannot drift. Plain Python, no CDK import: the local stack reads it without synthesizing.

A metric is named as CloudWatch names it (namespace, metric, dimensions, statistic). The
dimension values that differ between AWS and the local stack (function, queue and API names,
state machine ARNs) are passed in by whoever draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

METRICS_NAMESPACE = "MaineCare"
API_SERVICE = "mainecare-api"  # POWERTOOLS_SERVICE_NAME in functions/api/.chalice/config.json
PERIOD_SECONDS = 300


@dataclass(frozen=True)
class MetricRef:
    namespace: str
    name: str
    statistic: str = "Sum"
    dimensions: tuple[tuple[str, str], ...] = ()
    label: str = ""
    # Instead of one series: every series of `name` split by this dimension (CloudWatch SEARCH).
    split_by: str = ""
    # Instead of one series: the sum of these (missing counts as 0), e.g. one count from two services.
    sum_of: tuple[MetricRef, ...] = ()

    @property
    def shown(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class Widget:
    title: str
    left: tuple[MetricRef, ...]
    right: tuple[MetricRef, ...] = ()
    width: int = 12

    def metrics(self) -> tuple[MetricRef, ...]:
        return self.left + self.right


def app_metric(name: str, service: str, statistic: str = "Sum") -> MetricRef:
    """An EMF metric a function emits (namespace MaineCare, dimension service)."""
    return MetricRef(METRICS_NAMESPACE, name, statistic, (("service", service),))


def lambda_metric(name: str, function_name: str, statistic: str = "Sum") -> MetricRef:
    return MetricRef("AWS/Lambda", name, statistic, (("FunctionName", function_name),))


def api_metric(name: str, api_name: str, stage: str, statistic: str = "Sum") -> MetricRef:
    return MetricRef("AWS/ApiGateway", name, statistic, (("ApiName", api_name), ("Stage", stage)))


def queue_depth(queue_name: str, label: str) -> MetricRef:
    return MetricRef("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", (("QueueName", queue_name),), label)


def executions(arn: str, outcome: str) -> MetricRef:
    return MetricRef("AWS/States", f"Executions{outcome}", "Sum", (("StateMachineArn", arn),))


# The alarms (infra/observability.py) read these same metrics.
def edi_file_failed() -> MetricRef:
    return app_metric("EdiFileFailed", "edi_ingest")


def events_not_sent() -> MetricRef:
    return app_metric("HealthHomeEventNotSent", API_SERVICE)


def pended_claims() -> MetricRef:
    return MetricRef(METRICS_NAMESPACE, "PendedClaims", label="PendedClaims",
                     sum_of=(app_metric("PendedClaims", API_SERVICE), app_metric("PendedClaims", "edi_ingest")))


def both_channels(name: str) -> MetricRef:
    return MetricRef(METRICS_NAMESPACE, name, label=name,
                     sum_of=(app_metric(name, "edi_ingest"), app_metric(name, API_SERVICE)))


def widgets(functions: Mapping[str, str], dead_letter_queues: Mapping[str, str], api_name: str, api_stage: str,
            state_machines: Mapping[str, str]) -> list[Widget]:
    """functions: label -> function name; dead_letter_queues: label -> queue name;
    state_machines: label -> state machine ARN."""
    drawn = [Widget(label, left=(lambda_metric("Invocations", name), lambda_metric("Errors", name),
                                 lambda_metric("Throttles", name)),
                    right=(lambda_metric("Duration", name, "p99"),))
             for label, name in functions.items()]
    drawn.append(Widget("Dead-letter queues", width=24,
                        left=tuple(queue_depth(name, label) for label, name in dead_letter_queues.items())))
    drawn += [
        Widget("API errors", left=(api_metric("5XXError", api_name, api_stage),
                                   api_metric("4XXError", api_name, api_stage))),
        Widget("API latency p99 (ms)", left=(api_metric("Latency", api_name, api_stage, "p99"),)),
        Widget("Claims received / accepted / rejected / pended (837 files and the API)", left=(
            both_channels("ClaimsReceived"), both_channels("ClaimsAccepted"), both_channels("ClaimsRejected"),
            pended_claims())),
        Widget("837 files: processed, on the fast path, duplicate, refused, failed", left=(
            app_metric("EdiFiles", "edi_ingest"), app_metric("EdiFilesValidatedFast", "edi_ingest"),
            app_metric("EdiFileDuplicate", "edi_ingest"), app_metric("EdiFileInterchangeRejected", "edi_ingest"),
            app_metric("EdiFileSenderNotRegistered", "edi_ingest"), app_metric("EdiFileUnknownPartner", "edi_ingest"),
            edi_file_failed())),
        Widget("Scheduled jobs: licences updated, cases opened, auto-assignment letters, payment lines", left=(
            app_metric("LicensesUpdated", "license_sync"), app_metric("LicenseCasesOpened", "license_sync"),
            app_metric("AutoAssignmentLetters", "quarterly_assignment"),
            app_metric("HealthHomePaymentLines", "monthly_payments"))),
        Widget("Lines denied by reason", width=24,
               left=(MetricRef(METRICS_NAMESPACE, "LinesDenied", label="LinesDenied", split_by="reason"),)),
        Widget("Claims pended for a missing crosswalk / released by a load", width=24, left=(
            pended_claims(), app_metric("PendedClaimsReleased", "reference_ingest"),
            app_metric("PendedClaimsUnreadable", "reference_ingest"))),
        Widget("Health Home events not sent", width=24, left=(events_not_sent(),)),
    ]
    drawn += [Widget(label, width=24, left=(executions(arn, "Started"), executions(arn, "Succeeded"),
                                            executions(arn, "Failed")))
              for label, arn in state_machines.items()]
    return drawn
