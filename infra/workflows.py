"""Step Functions state machines from infra/statemachines/*.asl.json (the opt-out timer).

Definitions use only service integrations, so moto runs the same file locally. `${<Table>TableName}`
placeholders are filled with the deployed table names, as local/provision.py fills local names.
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from infra import REPO
from infra.security import LeastPrivilege, default_event_bus_arn
from mainecare.resources import CATALOGUE, StateMachine

DEFINITIONS = REPO / "infra" / "statemachines"
# Exactly what the definitions' dynamodb integrations call; nothing else on any table.
TABLE_ACTIONS = ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
LOG_DELIVERY = (
    "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
    "logs:PutResourcePolicy", "logs:UpdateLogDelivery",
)
WILDCARD_REASON = (
    "Two statements need Resource '*': CloudWatch vended log delivery (logs:*LogDelivery, "
    "PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups; Step Functions guide, 'IAM "
    "policies for logging to CloudWatch Logs') and X-Ray (PutTraceSegments, PutTelemetryRecords, "
    "GetSampling*); neither supports resource-level permissions or grants data access."
)
XRAY_SAMPLING = ("xray:GetSamplingRules", "xray:GetSamplingTargets",
                 "xray:PutTelemetryRecords", "xray:PutTraceSegments")


class Workflows(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 tables: Mapping[str, dynamodb.ITable]) -> None:
        super().__init__(scope, construct_id)
        self.state_machines: dict[str, sfn.StateMachine] = {
            spec.logical_id: self._state_machine(spec, key, tables) for spec in CATALOGUE.state_machines
        }

    def _state_machine(self, spec: StateMachine, key: kms.IKey,
                       tables: Mapping[str, dynamodb.ITable]) -> sfn.StateMachine:
        scope = Construct(self, spec.logical_id)
        log_group = logs.LogGroup(scope, "Logs", retention=logs.RetentionDays.ONE_YEAR,
                                  encryption_key=key, removal_policy=RemovalPolicy.RETAIN)
        access = LeastPrivilege(scope, "Policy", key=key,
                                description=f"{spec.logical_id}: only its tables' item writes")
        access.tables(tables, spec.tables, TABLE_ACTIONS, with_indexes=False)
        access.allow(LOG_DELIVERY, ["*"], WILDCARD_REASON)
        access.allow(XRAY_SAMPLING, ["*"], WILDCARD_REASON)
        access.allow(["events:PutEvents"], [default_event_bus_arn(Stack.of(scope))])  # announces assignments
        role = access.role("Role", "states.amazonaws.com", f"Execution role of {spec.logical_id}")
        machine = sfn.StateMachine(
            scope, "StateMachine",
            definition_body=sfn.DefinitionBody.from_file(str(DEFINITIONS / spec.definition_file)),
            definition_substitutions={f"{t}TableName": tables[t].table_name for t in spec.tables},
            state_machine_type=sfn.StateMachineType.STANDARD,  # waits 28 days; Express stops at 5 min
            role=role.without_policy_updates(),
            tracing_enabled=True,
            logs=sfn.LogOptions(destination=log_group, level=sfn.LogLevel.ALL,
                                include_execution_data=False),  # inputs name members: keep PHI out
            # In-flight executions are pending opt-out timers: deleting the stack must not drop them.
            removal_policy=RemovalPolicy.RETAIN,
        )
        machine.node.add_dependency(access.policy)
        return machine
