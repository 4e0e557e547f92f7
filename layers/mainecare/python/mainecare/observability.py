"""Powertools Logger and Metrics, created once per container, with PHI kept out of logs.

Protected health information must never reach CloudWatch. Callers should not log it in the first
place; the formatter is the safety net: any structured key that names PHI is replaced before the
record is serialised, wherever in the record it sits, and a logged exception keeps its type and
where it was raised but never its message (a KeyError or ValueError message often quotes the data
that caused it: a member id, a submitted value).
"""

from __future__ import annotations

import logging
import os
import traceback
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
REDACTED_MESSAGE = "<message redacted>"
# The AWS SDK and pynamodb log every request's parameters (item keys and values: member ids,
# names, message bodies) at DEBUG. Whatever level an operator turns logging up to, they stay at
# WARNING, so no request body ever reaches a log.
SDK_LOGGERS = ("botocore", "boto3", "pynamodb", "urllib3", "s3transfer")
for _name in SDK_LOGGERS:
    logging.getLogger(_name).setLevel(logging.WARNING)


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (REDACTED if str(k).lower() in PHI_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def _exception_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def redacted_traceback(error: BaseException | None) -> str:
    """The traceback Python would print, chained causes included, with every exception message left out."""
    parts: list[str] = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = "".join(traceback.format_list(traceback.extract_tb(error.__traceback__)))
        parts.append(f"Traceback (most recent call last):\n{frames}{_exception_name(error)}: {REDACTED_MESSAGE}")
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return "\n\nwhich led to:\n\n".join(reversed(parts))


class PhiRedactingFormatter(LambdaPowertoolsFormatter):
    def formatException(self, ei) -> str:  # noqa: N802 (logging.Formatter's name)
        return redacted_traceback(ei[1])

    def serialize(self, log: dict[str, Any]) -> str:  # type: ignore[override]
        log = redact(log)
        if isinstance(log.get("stack_trace"), dict):
            log["stack_trace"]["value"] = REDACTED_MESSAGE  # Powertools puts str(exception) here
        if log.get("exception_notes"):
            log["exception_notes"] = [REDACTED_MESSAGE]
        return super().serialize(log)


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


def measure_now(values: dict[str, float]) -> None:
    """Counts written at once (EMF), for batch jobs that report totals at their end."""
    for name, value in values.items():
        with single_metric(name=name, unit=MetricUnit.Count, value=value,
                           namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE", "MaineCare")):
            pass
