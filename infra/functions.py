"""Every plain Lambda function of the catalogue (resources.py): its role from what it declares, its logs,
its layers, its queue or its asynchronous dead-letter queue.

Reserved concurrency (HIPAA.Security-LambdaConcurrency) is set on purpose, not to satisfy a rule:
- scheduled jobs get 1, so an EventBridge retry or a manual re-run can never overlap a running
  job; monthly_payments is also the worker of the payment run's Distributed Map (one call per
  site) and declares the map's concurrency plus one (resources.py), while a lock item keeps two
  runs of one month apart;
- queue consumers get CONSUMER_CONCURRENCY, equal to the event source's maximum concurrency, so a
  burst of 837 files cannot exhaust DynamoDB capacity or the account's concurrency that the API
  needs, and SQS never hands messages to a throttled function.
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra import REPO
from infra.layer import ASSET_EXCLUDES, RUNTIME, Layers
from infra.queues import DLQ_RETENTION, Queues, encrypted_queue
from infra.security import LeastPrivilege, acknowledge
from infra.workflows import state_machine_arn
from mainecare.resources import CATALOGUE, Function, Queue

CONSUMER_CONCURRENCY = 5
SCHEDULED_CONCURRENCY = 1
LOG_RETENTION = logs.RetentionDays.ONE_YEAR
NOT_IN_VPC = (
    "The functions hold no listeners and reach only AWS APIs (DynamoDB, S3, SQS, KMS, X-Ray, "
    "CloudWatch) over TLS with IAM-signed requests; PHI stays encrypted with the MaineCare KMS "
    "key. A VPC would add NAT or seven interface endpoints without narrowing any path.")
PINNED_RUNTIME = (
    "Runtime is pinned to python3.11 because the dependency layer is built with "
    "`pip --python-version 3.11` (pydantic-core, cryptography wheels are cp311) and the test "
    "toolchain is 3.11; runtime, layer and venv are upgraded together.")


class Functions(Construct):
    """`functions/<name>` as Python 3.11 functions with the layers, tracing and their own logs."""

    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 tables: Mapping[str, dynamodb.ITable], buckets: Mapping[str, s3.IBucket],
                 queues: Queues, layers: Layers) -> None:
        super().__init__(scope, construct_id)
        consumed = {spec.consumer: spec for spec in CATALOGUE.queues}
        self.functions: dict[str, lambda_.Function] = {}
        # Failed asynchronous invocations (EventBridge schedules) land here after Lambda's retries.
        self.async_dead_letter_queues: dict[str, sqs.Queue] = {}
        for spec in CATALOGUE.functions:
            queue_spec = consumed.get(spec.name)
            self.functions[spec.name] = self._function(spec, queue_spec, key, tables, buckets,
                                                       queues, layers)

    def _function(self, spec: Function, queue_spec: Queue | None, key: kms.IKey,
                  tables: Mapping[str, dynamodb.ITable], buckets: Mapping[str, s3.IBucket],
                  queues: Queues, layers: Layers) -> lambda_.Function:
        scope = Construct(self, spec.name)
        log_group = logs.LogGroup(scope, "Logs", retention=LOG_RETENTION, encryption_key=key,
                                  removal_policy=RemovalPolicy.RETAIN)
        access = LeastPrivilege(scope, "Policy", key=key,
                                description=f"Least privilege for the {spec.name} function")
        access.write_logs(log_group)
        access.xray()
        access.tables(tables, spec.tables)
        access.read_buckets(buckets, spec.read_buckets)
        access.write_buckets(buckets, spec.write_buckets)
        environment = {
            "POWERTOOLS_SERVICE_NAME": spec.name,
            "POWERTOOLS_METRICS_NAMESPACE": "MaineCare",
            **{CATALOGUE.table(t).env_var: tables[t].table_name for t in spec.tables},
            **{CATALOGUE.bucket(b).env_var: buckets[b].bucket_name
               for b in (*spec.read_buckets, *spec.write_buckets)},
        }
        stack = Stack.of(self)
        for machine in spec.starts:  # named, not referenced: the machine's definition names this function
            arn = state_machine_arn(stack, machine)
            environment[next(m for m in CATALOGUE.state_machines if m.logical_id == machine).env_var] = arn
            access.allow(["states:StartExecution"], [arn])
        dead_letter_queue = None
        stream_failures = None
        if spec.stream_from:  # Lambda's event source mapping reads the stream with the function's role
            stream_arn = tables[spec.stream_from].table_stream_arn
            access.allow(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
                         [stream_arn])
            access.allow(["dynamodb:ListStreams"], ["*"], "dynamodb:ListStreams has no resource-level "
                         "permissions (Service Authorization Reference); it lists stream ARNs, no data.")
            stream_failures = encrypted_queue(scope, "StreamFailures", key, retention_period=DLQ_RETENTION)
            acknowledge(stream_failures, "AwsSolutions-SQS3", "This queue is the stream event source's "
                        "on-failure destination, itself a dead-letter queue: it is alarmed, not redriven.")
            self.async_dead_letter_queues[spec.name] = stream_failures
            access.allow(["sqs:SendMessage"], [stream_failures.queue_arn])
        if queue_spec:
            queue = queues.queues[queue_spec.logical_id]
            access.allow(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
                          "sqs:ReceiveMessage"], [queue.queue_arn])
            environment[queue_spec.env_var] = queue.queue_name
            no_function_dlq = (
                f"{spec.name} is invoked synchronously by its SQS event source mapping; a function "
                "DLQ only catches asynchronous invocations. Failed messages are redriven by the "
                f"{queue_spec.logical_id} queue to its own dead-letter queue after "
                f"{queue_spec.max_receive_count} receives, which is alarmed.")
        elif stream_failures is not None:
            no_function_dlq = (f"{spec.name} is invoked synchronously by its DynamoDB stream event source; "
                               "a batch that still fails after its retries is described on the source's "
                               "on-failure queue (StreamFailures), which is alarmed.")
        else:
            dead_letter_queue = encrypted_queue(scope, "AsyncDlq", key, retention_period=DLQ_RETENTION)
            self.async_dead_letter_queues[spec.name] = dead_letter_queue
            access.allow(["sqs:SendMessage"], [dead_letter_queue.queue_arn])
        role = access.role("Role", "lambda.amazonaws.com", f"Execution role of {spec.name}")
        function = lambda_.Function(
            scope, "Function",
            runtime=RUNTIME,
            code=lambda_.Code.from_asset(str(REPO / "functions" / spec.name), exclude=ASSET_EXCLUDES),
            handler=spec.handler,
            description=spec.description,
            timeout=Duration.seconds(spec.timeout_seconds),
            memory_size=spec.memory_mb,
            layers=layers.all,
            tracing=lambda_.Tracing.ACTIVE,
            log_group=log_group,
            # Grants were written above; CDK must not add an inline default policy.
            role=role.without_policy_updates(),
            environment=environment,
            dead_letter_queue=dead_letter_queue,
            reserved_concurrent_executions=spec.concurrency or (CONSUMER_CONCURRENCY if queue_spec
                                                                else SCHEDULED_CONCURRENCY),
        )
        function.node.add_dependency(access.policy)
        acknowledge(function, "HIPAA.Security-LambdaInsideVPC", NOT_IN_VPC)
        acknowledge(function, "AwsSolutions-L1", PINNED_RUNTIME)
        if queue_spec or stream_failures is not None:
            acknowledge(function, "HIPAA.Security-LambdaDLQ", no_function_dlq)
        if stream_failures is not None:
            function.add_event_source(sources.DynamoEventSource(
                tables[spec.stream_from],
                starting_position=lambda_.StartingPosition.TRIM_HORIZON,
                batch_size=1000,
                # Fewer, larger shard objects: a batch waits up to a minute to fill.
                max_batching_window=Duration.seconds(60),
                bisect_batch_on_error=True,
                retry_attempts=5,
                on_failure=sources.SqsDlq(stream_failures),
                # Only a claim's first write: a claim is stored once (a conditional put), its later
                # status changes do not add lines.
                filters=[lambda_.FilterCriteria.filter({
                    "eventName": lambda_.FilterRule.is_equal("INSERT"),
                    "dynamodb": {"Keys": {"sk": {"S": lambda_.FilterRule.is_equal("CLAIM")}}},
                })],
            ))
        if queue_spec:
            function.add_event_source(sources.SqsEventSource(
                queues.queues[queue_spec.logical_id],
                batch_size=queue_spec.batch_size,
                report_batch_item_failures=True,
                max_concurrency=CONSUMER_CONCURRENCY,
            ))
        return function
