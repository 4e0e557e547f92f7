"""EventBridge rules from CATALOGUE.schedules, each with retries and a dead-letter queue."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct

from infra.functions import Functions
from mainecare.resources import CATALOGUE

RETRY_ATTEMPTS = 2
MAX_EVENT_AGE = Duration.hours(6)


class Schedules(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, functions: Functions) -> None:
        super().__init__(scope, construct_id)
        self.rules: dict[str, events.Rule] = {}
        for spec in CATALOGUE.schedules:
            rule = events.Rule(self, spec.logical_id, description=spec.description,
                               schedule=events.Schedule.expression(spec.expression))
            # The function's own asynchronous-failure queue also receives events EventBridge
            # could not deliver, so one alarmed queue per job holds every missed run.
            rule.add_target(targets.LambdaFunction(
                functions.functions[spec.function],
                dead_letter_queue=functions.async_dead_letter_queues[spec.function],
                retry_attempts=RETRY_ATTEMPTS,
                max_event_age=MAX_EVENT_AGE,
            ))
            self.rules[spec.logical_id] = rule
