"""The data key, cdk-nag acknowledgements, and least-privilege policies built from the catalogue.

Roles get one customer-managed policy each (HIPAA.Security-IAMNoInlinePolicy forbids inline and
default policies) listing exact actions on exact ARNs. The only wildcards are the ones AWS leaves
no alternative to, and each carries a reason through `LeastPrivilege.allow`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from aws_cdk import Acknowledgment, Aws, Duration, RemovalPolicy, Stack, Validations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from constructs import Construct, IConstruct

from mainecare.resources import CATALOGUE

KMS_USE = ("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey")
TABLE_READ_WRITE = (
    "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
    "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem",
)
XRAY_WRITE = ("xray:PutTelemetryRecords", "xray:PutTraceSegments")
XRAY_REASON = (
    "Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support "
    "no resource-level permissions (Service Authorization Reference): '*' is the only valid Resource. "
    "The statement grants no data access."
)
OBJECTS_REASON = (
    "Object-level S3 actions name objects, so the ARN is '<bucket>/*'. It is limited to one bucket "
    "that this function is listed for in mainecare.resources, with exact actions (no s3:*)."
)


def acknowledge(scope: IConstruct, rule_id: str, reason: str) -> None:
    """Record a cdk-nag acknowledgement; an empty reason is a programming error.

    An L2 construct's acknowledgement goes on its CloudFormation resource, so the audit trail in
    the template's Metadata sits on the one resource it is about, not on helper resources.
    """
    if len(reason.strip()) < 20:
        raise ValueError(f"acknowledgement of {rule_id} needs a real reason")
    target = scope.node.default_child or scope
    Validations.of(target).acknowledge(Acknowledgment(id=rule_id, reason=reason))


def flatten(value: Any) -> str:
    """Render a resolved CloudFormation value the way cdk-nag names IAM5 findings."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("${", "<").replace("}", ">")
    if isinstance(value, dict):
        if "Fn::Join" in value:
            delimiter, items = value["Fn::Join"]
            return delimiter.join(flatten(item) for item in items)
        if "Fn::Sub" in value:
            return flatten(value["Fn::Sub"])
        if "Fn::GetAtt" in value:
            resource, attribute = value["Fn::GetAtt"]
            return f"<{flatten(resource)}.{flatten(attribute)}>"
        if "Ref" in value:
            return f"<{flatten(value['Ref'])}>"
    raise ValueError(f"cannot flatten {value!r}")


class Security(Construct):
    """One customer-managed key with yearly rotation for tables, buckets, queues, topic and logs."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.key = kms.Key(
            self, "DataKey",
            description="MaineCare Serverless: PHI at rest (DynamoDB, S3, SQS, SNS, CloudWatch Logs)",
            enable_key_rotation=True,
            pending_window=Duration.days(30),
            removal_policy=RemovalPolicy.RETAIN,
        )
        # CloudWatch Logs encrypts log groups with this key, only for log groups of this account.
        self.key.add_to_resource_policy(iam.PolicyStatement(
            principals=[iam.ServicePrincipal(f"logs.{Aws.REGION}.amazonaws.com")],
            actions=["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*",
                     "kms:ReEncrypt*"],
            resources=["*"],
            conditions={"ArnLike": {"kms:EncryptionContext:aws:logs:arn":
                                    f"arn:{Aws.PARTITION}:logs:{Aws.REGION}:{Aws.ACCOUNT_ID}:log-group:*"}},
        ))
        # Services that put messages on our encrypted queues and topic: S3 event notifications,
        # EventBridge target dead-letter queues, CloudWatch alarm actions.
        self.key.add_to_resource_policy(iam.PolicyStatement(
            principals=[iam.ServicePrincipal(name) for name in
                        ("s3.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com")],
            actions=["kms:Decrypt", "kms:GenerateDataKey"],
            resources=["*"],
        ))


class LeastPrivilege:
    """Exact statements for one role, collected into one customer-managed policy."""

    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey, description: str) -> None:
        self._scope = scope
        self._acknowledged: set[str] = set()
        self.policy = iam.ManagedPolicy(scope, construct_id, description=description)
        self.allow(KMS_USE, [key.key_arn])

    def allow(self, actions: Iterable[str], resources: Iterable[str], reason: str | None = None) -> None:
        resources = list(resources)
        self.policy.add_statements(iam.PolicyStatement(actions=sorted(actions), resources=resources))
        for resource in resources:
            flat = flatten(Stack.of(self._scope).resolve(resource))
            if "*" in flat:
                if not reason:
                    raise ValueError(f"wildcard resource {flat} needs a written reason")
                finding = f"AwsSolutions-IAM5[Resource::{flat}]"
                if finding not in self._acknowledged:
                    self._acknowledged.add(finding)
                    acknowledge(self.policy, finding, reason)

    def xray(self) -> None:
        self.allow(XRAY_WRITE, ["*"], XRAY_REASON)

    def write_logs(self, log_group: logs.ILogGroup) -> None:
        self.allow(["logs:CreateLogStream", "logs:PutLogEvents"], [log_group.log_group_arn])

    def tables(self, tables: Mapping[str, dynamodb.ITable], logical_ids: Iterable[str],
               actions: Iterable[str] = TABLE_READ_WRITE, with_indexes: bool = True) -> None:
        """Exact table ARNs, plus each catalogue index by name (Query/Scan on a GSI need it)."""
        for logical_id in logical_ids:
            arn = tables[logical_id].table_arn
            indexes = [f"{arn}/index/{index.name}" for index in CATALOGUE.table(logical_id).indexes
                       if with_indexes]
            self.allow(actions, [arn, *indexes])

    def read_buckets(self, buckets: Mapping[str, s3.IBucket], logical_ids: Iterable[str]) -> None:
        for logical_id in logical_ids:
            bucket = buckets[logical_id]
            self.allow(["s3:ListBucket"], [bucket.bucket_arn])
            self.allow(["s3:GetObject"], [bucket.arn_for_objects("*")], OBJECTS_REASON)

    def write_buckets(self, buckets: Mapping[str, s3.IBucket], logical_ids: Iterable[str]) -> None:
        for logical_id in logical_ids:
            self.allow(["s3:PutObject"], [buckets[logical_id].arn_for_objects("*")], OBJECTS_REASON)

    def role(self, construct_id: str, service: str, description: str) -> iam.Role:
        return iam.Role(self._scope, construct_id, assumed_by=iam.ServicePrincipal(service),
                        description=description, managed_policies=[self.policy])


def default_event_bus_arn(stack: Stack) -> str:
    return stack.format_arn(service="events", resource="event-bus", resource_name="default")
