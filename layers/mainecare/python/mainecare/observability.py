"""Powertools Logger and Metrics, created once per container, with PHI kept out of logs.

Protected health information must never reach CloudWatch. Callers should not log it in the first
place; the formatter is the safety net: any structured key that names PHI is replaced before the
record is serialised, wherever in the record it sits.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.metrics import MetricUnit, single_metric

PHI_KEYS = frozenset({
    "member_id", "memberid", "subscriber_id", "patient_name", "member_name", "first_name",
    "last_name", "name", "birth_date", "date_of_birth", "dob", "diagnosis", "diagnoses",
    "diagnosis_codes", "ssn", "address", "phone", "email_body", "claim_json",
})
REDACTED = "***"


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (REDACTED if str(k).lower() in PHI_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


class PhiRedactingFormatter(LambdaPowertoolsFormatter):
    def serialize(self, log: dict[str, Any]) -> str:  # type: ignore[override]
        return super().serialize(redact(log))


@lru_cache(maxsize=1)
def logger() -> Logger:
    return Logger(
        service=os.environ.get("POWERTOOLS_SERVICE_NAME", "mainecare"),
        logger_formatter=PhiRedactingFormatter(),
    )


@lru_cache(maxsize=1)
def metrics() -> Metrics:
    return Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "MaineCare"))


def count_now(name: str) -> None:
    """One count, written at once (EMF) rather than with the handler's metrics: for code that runs
    where no handler flushes metrics, such as the API's services. Dimension: the service."""
    with single_metric(name=name, unit=MetricUnit.Count, value=1,
                       namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "MaineCare")):
        pass
