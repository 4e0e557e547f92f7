"""Creates every resource the CDK app defines, from the same catalogue, in moto.

Used by the local stack (moto server) and by the integration tests (moto in process), so both
run against the tables, keys, buckets, queues and state machines that production has.
"""

from __future__ import annotations

import json
from pathlib import Path

from mainecare.resources import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
STATE_MACHINES = ROOT / "infra" / "statemachines"


def _create_table(dynamodb, table) -> None:
    keys = [(table.partition_key, "HASH")] + ([(table.sort_key, "RANGE")] if table.sort_key else [])
    attributes = {name for name, _ in keys}
    indexes = []
    for index in table.indexes:
        index_keys = [(index.partition_key, "HASH")] + ([(index.sort_key, "RANGE")] if index.sort_key else [])
        attributes.update(name for name, _ in index_keys)
        projection = {"ProjectionType": "ALL"} if index.projection is None else {
            "ProjectionType": "INCLUDE", "NonKeyAttributes": list(index.projection)}
        indexes.append({"IndexName": index.name, "Projection": projection,
                        "KeySchema": [{"AttributeName": n, "KeyType": t} for n, t in index_keys]})
    params = {
        "TableName": table.local_name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": n, "KeyType": t} for n, t in keys],
        "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in sorted(attributes)],
    }
    if indexes:
        params["GlobalSecondaryIndexes"] = indexes
    if table.stream:
        params["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": table.stream}
    dynamodb.create_table(**params)
    if table.ttl_attribute:
        dynamodb.update_time_to_live(TableName=table.local_name, TimeToLiveSpecification={
            "Enabled": True, "AttributeName": table.ttl_attribute})


def _create_queue(sqs, queue) -> str:
    dlq_url = sqs.create_queue(QueueName=f"{queue.local_name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=queue.local_name, Attributes={
        "VisibilityTimeout": str(queue.visibility_timeout_seconds),
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn,
                                     "maxReceiveCount": str(queue.max_receive_count)}),
    })["QueueUrl"]
    return url


def _create_bucket(s3, sqs, bucket, region: str) -> None:
    params = {"Bucket": bucket.local_name}
    if region != "us-east-1":
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    s3.create_bucket(**params)
    s3.put_bucket_versioning(Bucket=bucket.local_name, VersioningConfiguration={"Status": "Enabled"})
    if bucket.notify_queue:
        queue = CATALOGUE.queue(bucket.notify_queue)
        url = sqs.get_queue_url(QueueName=queue.local_name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        rule = {"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]}
        if bucket.notify_prefix:
            rule["Filter"] = {"Key": {"FilterRules": [{"Name": "prefix", "Value": bucket.notify_prefix}]}}
        s3.put_bucket_notification_configuration(
            Bucket=bucket.local_name, NotificationConfiguration={"QueueConfigurations": [rule]})


def state_machine_definition(machine) -> str:
    text = (STATE_MACHINES / machine.definition_file).read_text()
    for logical_id in machine.tables:
        text = text.replace(f"${{{logical_id}TableName}}", CATALOGUE.table(logical_id).local_name)
    return text


def provision(session, account_id: str = "123456789012") -> dict:
    """Create everything in the moto behind `session`; return the physical names by logical id."""
    from local.moto_dynamodb import (
        fast_item_requests,
        fast_item_responses,
        fast_item_sizes,
        fast_projections,
        fast_queries,
    )
    from local.moto_stepfunctions import stop_after_start

    fast_item_responses()  # every moto this project starts (stack, tests, benches) answers items quickly
    fast_item_requests()
    fast_queries()
    fast_projections()
    fast_item_sizes()
    stop_after_start()
    region = session.region_name
    dynamodb, s3, sqs = session.client("dynamodb"), session.client("s3"), session.client("sqs")
    for table in CATALOGUE.tables:
        _create_table(dynamodb, table)
    queue_urls = {q.logical_id: _create_queue(sqs, q) for q in CATALOGUE.queues}
    for bucket in CATALOGUE.buckets:
        _create_bucket(s3, sqs, bucket, region)
    sfn, iam = session.client("stepfunctions"), session.client("iam")
    role_arn = iam.create_role(RoleName="mainecare-local-sfn", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"Service": "states.amazonaws.com"}}]}))["Role"]["Arn"]
    machines = {}
    for machine in CATALOGUE.state_machines:
        if machine.distributed:  # moto runs neither a Distributed Map nor Lambda: its job runs in process
            continue
        machines[machine.logical_id] = sfn.create_state_machine(
            name=machine.local_name, definition=state_machine_definition(machine), roleArn=role_arn,
        )["stateMachineArn"]
    # SES sends only from a verified identity, as in AWS (the notices' sender: settings().mail_from).
    from mainecare.config import DEFAULT_MAIL_FROM

    session.client("ses").verify_email_identity(EmailAddress=DEFAULT_MAIL_FROM)
    events = session.client("events")
    for schedule in CATALOGUE.schedules:
        events.put_rule(Name=schedule.logical_id, ScheduleExpression=schedule.expression,
                        Description=schedule.description, State="ENABLED")
    return {"queue_urls": queue_urls, "state_machines": machines}


def environment(state_machines: dict[str, str]) -> dict[str, str]:
    """Environment variables a function needs to find the local resources (as CDK sets them)."""
    env = {t.env_var: t.local_name for t in CATALOGUE.tables}
    env.update({b.env_var: b.local_name for b in CATALOGUE.buckets})
    env.update({q.env_var: q.local_name for q in CATALOGUE.queues})
    env.update({m.env_var: state_machines.get(m.logical_id, "") for m in CATALOGUE.state_machines})
    return env
