"""The opt-out timer: one Step Functions execution per pending request, named by the request id.

Starting is idempotent: the same name and input give back the running execution; a name already
used (a retry after the execution started) is answered with that execution's ARN.
"""

from __future__ import annotations

import json

from botocore.exceptions import ClientError

from mainecare.config import settings
from mainecare.observability import logger
from mainecare.stores.aws import client


def _machine_arn() -> str:
    return settings().state_machines["OptOutTimer"]


def execution_arn(name: str) -> str:
    return _machine_arn().replace(":stateMachine:", ":execution:") + f":{name}"


def start(name: str, payload: dict) -> str:
    try:
        return client("stepfunctions").start_execution(
            stateMachineArn=_machine_arn(), name=name, input=json.dumps(payload, sort_keys=True))["executionArn"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "ExecutionAlreadyExists":
            return execution_arn(name)
        raise


def stop(arn: str | None, cause: str) -> bool:
    """Stop a timer whose request was decided early. Not stopping is harmless (the timer's
    conditional update would fail and end quietly), so failures are logged, not raised."""
    if not arn:
        return False
    try:
        client("stepfunctions").stop_execution(executionArn=arn, cause=cause)
        return True
    except ClientError as error:
        logger().warning("timer not stopped", extra={"execution": arn.rsplit(":", 1)[-1],
                                                     "error": error.response["Error"]["Code"]})
        return False
