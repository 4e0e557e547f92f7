"""DynamoDB tables and S3 buckets from the catalogue, their backups, and S3 -> SQS notifications."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Aws, Duration, RemovalPolicy
from aws_cdk import aws_backup as backup
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.security import acknowledge
from mainecare.resources import CATALOGUE, Bucket, Table

NONCURRENT_VERSION_DAYS = 90  # an overwritten or deleted 837 / ack / crosswalk stays restorable
ACCESS_LOG_DAYS = 2192  # six years, the HIPAA documentation retention period


def _attribute(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


class Data(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 queues: Mapping[str, sqs.Queue]) -> None:
        super().__init__(scope, construct_id)
        self.tables = {spec.logical_id: self._table(spec, key) for spec in CATALOGUE.tables}
        self.access_logs = self._access_log_bucket()
        self.buckets = {spec.logical_id: self._bucket(spec, key, queues) for spec in CATALOGUE.buckets}
        self._backups(key)

    def _table(self, spec: Table, key: kms.IKey) -> dynamodb.Table:
        table = dynamodb.Table(
            self, spec.logical_id,
            partition_key=_attribute(spec.partition_key),
            sort_key=_attribute(spec.sort_key) if spec.sort_key else None,
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True),
            encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED,
            encryption_key=key,
            deletion_protection=True,
            time_to_live_attribute=spec.ttl_attribute,
            stream=dynamodb.StreamViewType(spec.stream) if spec.stream else None,
            removal_policy=RemovalPolicy.RETAIN,
        )
        for index in spec.indexes:
            table.add_global_secondary_index(
                index_name=index.name,
                partition_key=_attribute(index.partition_key),
                sort_key=_attribute(index.sort_key) if index.sort_key else None,
                projection_type=dynamodb.ProjectionType.ALL if index.projection is None
                else dynamodb.ProjectionType.INCLUDE,
                non_key_attributes=list(index.projection) if index.projection else None,
            )
        return table

    def _access_log_bucket(self) -> s3.Bucket:
        bucket = s3.Bucket(
            self, "AccessLogs",
            # S3 server access logging delivers only to buckets with SSE-S3 default encryption.
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            lifecycle_rules=[s3.LifecycleRule(
                expiration=Duration.days(ACCESS_LOG_DAYS),
                noncurrent_version_expiration=Duration.days(NONCURRENT_VERSION_DAYS),
                transitions=[s3.Transition(storage_class=s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
                                           transition_after=Duration.days(90))],
            )],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(bucket, "HIPAA.Security-S3DefaultEncryptionKMS", "S3 server access log delivery "
                    "supports only SSE-S3 on the target bucket; the logs hold request metadata, not PHI.")
        acknowledge(bucket, "HIPAA.Security-S3BucketReplicationEnabled", "Access logs are audit copies "
                    "kept six years in-region; a second-region copy is part of the DR stack, not built yet.")
        return bucket

    def _bucket(self, spec: Bucket, key: kms.IKey, queues: Mapping[str, sqs.Queue]) -> s3.Bucket:
        # A fixed name lets the queue policy name the bucket before the bucket exists (S3 checks
        # the policy when the notification is created), so no notification custom resource.
        name = f"{spec.local_name}-{Aws.ACCOUNT_ID}-{Aws.REGION}"
        bucket = s3.Bucket(
            self, spec.logical_id,
            bucket_name=name,
            encryption=s3.BucketEncryption.KMS,
            encryption_key=key,
            bucket_key_enabled=True,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix=f"{spec.logical_id}/",
            lifecycle_rules=[s3.LifecycleRule(
                noncurrent_version_expiration=Duration.days(NONCURRENT_VERSION_DAYS),
                abort_incomplete_multipart_upload_after=Duration.days(7),
            )],
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(bucket, "HIPAA.Security-S3BucketReplicationEnabled", (
            "Cross-region replication needs a second-region bucket and key that the DR stack will "
            "own. Meanwhile objects are versioned with 90-day noncurrent retention: partners can "
            "re-send 837s, acks are regenerated from the claims tables (in AWS Backup), and "
            "crosswalks are re-downloadable CMS files."))
        if spec.notify_queue:
            self._notify(bucket, name, spec, queues[spec.notify_queue])
        return bucket

    def _notify(self, bucket: s3.Bucket, name: str, spec: Bucket, queue: sqs.Queue) -> None:
        queue.add_to_resource_policy(iam.PolicyStatement(
            principals=[iam.ServicePrincipal("s3.amazonaws.com")],
            actions=["sqs:SendMessage"],
            resources=[queue.queue_arn],
            conditions={"ArnEquals": {"aws:SourceArn": f"arn:{Aws.PARTITION}:s3:::{name}"},
                        "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
        ))
        key_filter = None
        if spec.notify_prefix:
            key_filter = s3.CfnBucket.NotificationFilterProperty(
                s3_key=s3.CfnBucket.S3KeyFilterProperty(rules=[
                    s3.CfnBucket.FilterRuleProperty(name="prefix", value=spec.notify_prefix)]))
        cfn_bucket: s3.CfnBucket = bucket.node.default_child
        cfn_bucket.notification_configuration = s3.CfnBucket.NotificationConfigurationProperty(
            queue_configurations=[s3.CfnBucket.QueueConfigurationProperty(
                event="s3:ObjectCreated:*", queue=queue.queue_arn, filter=key_filter)])
        cfn_bucket.add_resource_dependency(queue.node.find_child("Policy").node.default_child)

    def _backups(self, key: kms.IKey) -> None:
        vault = backup.BackupVault(self, "BackupVault", encryption_key=key,
                                   removal_policy=RemovalPolicy.RETAIN)
        plan = backup.BackupPlan(self, "BackupPlan", backup_vault=vault)
        plan.add_rule(backup.BackupPlanRule.daily())  # kept 35 days
        plan.add_rule(backup.BackupPlanRule(
            rule_name="Monthly", delete_after=Duration.days(ACCESS_LOG_DAYS),
            schedule_expression=events.Schedule.cron(day="1", hour="5", minute="0")))
        selection = plan.add_selection("Tables", resources=[
            backup.BackupResource.from_dynamo_db_table(table) for table in self.tables.values()])
        managed = "arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
        acknowledge(selection.node.find_child("Role"), f"AwsSolutions-IAM4[Policy::{managed}]", (
            "AWS Backup's service role policy is maintained by AWS as backup features change; this "
            "role can only be assumed by backup.amazonaws.com and the selection limits it to the "
            "tables of mainecare.resources."))
