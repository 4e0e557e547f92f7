"""Step Functions state machines from infra/statemachines/*.asl.json: the opt-out timer and the
monthly payment run.

The opt-out timer uses only service integrations, so moto runs the same file locally;
`${<Table>TableName}` placeholders are filled with the deployed table names, as
local/provision.py fills local names. The payment run is a Distributed Map over sites whose tasks
invoke the monthly_payments function (`${<function>FunctionArn}`); moto runs neither, so locally
the same steps run in process. A machine that runs child executions of itself has a fixed name,
so its role and the function that starts it name its ARN without a reference cycle.
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import ArnFormat, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
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


def state_machine_name(stack: Stack, logical_id: str) -> str:
    return f"{stack.stack_name}-{logical_id}"


def state_machine_arn(stack: Stack, logical_id: str) -> str:
    return stack.format_arn(service="states", resource="stateMachine",
                            resource_name=state_machine_name(stack, logical_id),
                            arn_format=ArnFormat.COLON_RESOURCE_NAME)


class Workflows(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 tables: Mapping[str, dynamodb.ITable], buckets: Mapping[str, s3.IBucket] | None = None,
                 functions: Mapping[str, lambda_.IFunction] | None = None) -> None:
        super().__init__(scope, construct_id)
        self._buckets = buckets or {}
        self.state_machines: dict[str, sfn.StateMachine] = {
            spec.logical_id: self._state_machine(spec, key, tables, functions or {})
            for spec in CATALOGUE.state_machines
        }

    def _state_machine(self, spec: StateMachine, key: kms.IKey, tables: Mapping[str, dynamodb.ITable],
                       functions: Mapping[str, lambda_.IFunction]) -> sfn.StateMachine:
        scope = Construct(self, spec.logical_id)
        log_group = logs.LogGroup(scope, "Logs", retention=logs.RetentionDays.ONE_YEAR,
                                  encryption_key=key, removal_policy=RemovalPolicy.RETAIN)
        access = LeastPrivilege(scope, "Policy", key=key,
                                description=f"{spec.logical_id}: only its tables' item writes")
        stack = Stack.of(scope)
        if spec.tables:
            access.tables(tables, spec.tables, TABLE_ACTIONS, with_indexes=False)
            access.allow(["events:PutEvents"], [default_event_bus_arn(stack)])  # announces assignments
        access.allow(LOG_DELIVERY, ["*"], WILDCARD_REASON)
        access.allow(XRAY_SAMPLING, ["*"], WILDCARD_REASON)
        if spec.invokes:
            access.allow(["lambda:InvokeFunction"], [functions[f].function_arn for f in spec.invokes])
        item_bucket = self._buckets[spec.reads_items_from] if spec.reads_items_from else None
        if item_bucket is not None:  # the Distributed Map's ItemReader reads the run's item lists
            access.read_buckets(self._buckets, [spec.reads_items_from])
        name = state_machine_name(stack, spec.logical_id) if spec.distributed else None
        if spec.distributed:  # a Distributed Map runs child executions of its own machine
            own = state_machine_arn(stack, spec.logical_id)
            access.allow(["states:StartExecution"], [own])
            access.allow(["states:DescribeExecution", "states:StopExecution"],
                         [stack.format_arn(service="states", resource="execution", resource_name=f"{name}/*",
                                           arn_format=ArnFormat.COLON_RESOURCE_NAME)],
                         "The Distributed Map's child executions are named by Step Functions when the run "
                         "starts; the wildcard covers this state machine's own executions only.")
        role = access.role("Role", "states.amazonaws.com", f"Execution role of {spec.logical_id}")
        machine = sfn.StateMachine(
            scope, "StateMachine",
            definition_body=sfn.DefinitionBody.from_file(str(DEFINITIONS / spec.definition_file)),
            definition_substitutions={**{f"{t}TableName": tables[t].table_name for t in spec.tables},
                                      **{f"{f}FunctionArn": functions[f].function_arn for f in spec.invokes},
                                      **({f"{spec.reads_items_from}BucketName": item_bucket.bucket_name}
                                         if item_bucket is not None else {})},
            state_machine_name=name,
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
