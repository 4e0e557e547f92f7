"""The synthesized template holds every catalogue resource, protected as the architecture says."""

from __future__ import annotations

import json

import pytest
from aws_cdk.assertions import Match

from mainecare.resources import API_READ_BUCKETS, API_TABLES, API_WRITE_BUCKETS, CATALOGUE, COGNITO_ENV

pytestmark = pytest.mark.infra

# Reviewed acknowledgement families; a new kind of finding must be argued for here first.
REVIEWED_ACKNOWLEDGEMENTS = {
    "AwsSolutions-IAM5", "AwsSolutions-IAM4", "AwsSolutions-L1", "AwsSolutions-COG2",
    "HIPAA.Security-LambdaInsideVPC", "HIPAA.Security-LambdaDLQ",
    "HIPAA.Security-S3BucketReplicationEnabled", "HIPAA.Security-S3DefaultEncryptionKMS",
    # cdk-nag knows a dead-letter queue only as another queue's redrive target; a DynamoDB stream
    # event source's on-failure queue (claim_lines_extract) is one too, and is alarmed like them.
    "AwsSolutions-SQS3",
}


# --- cdk-nag and IAM ----------------------------------------------------------------------

def test_cdk_nag_reports_no_unacknowledged_findings(synthesized):
    report = json.loads((synthesized.outdir / "validation-report.json").read_text())
    assert [v["ruleName"] for p in report["pluginReports"] for v in p.get("violations", [])] == []


def test_every_acknowledgement_is_reviewed_and_has_a_reason(synthesized):
    acknowledged = [rule for resource in synthesized.resources.values()
                    for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", [])]
    assert acknowledged, "acknowledgements are written into Metadata.cdk_nag"
    for rule in acknowledged:
        assert len(rule["reason"].strip()) >= 40, rule
        assert rule["id"].split("[")[0] in REVIEWED_ACKNOWLEDGEMENTS, rule


def test_synthesis_leaves_the_process_environment_as_it_found_it(synthesized):
    """Chalice's packaging copies the stage variables (CDK tokens) into os.environ; a test after a
    synth must still address real tables, not '${Token[...]}'."""
    import os

    assert [name for name, value in os.environ.items() if "${Token[" in value] == []


def test_resources_form_no_dependency_cycle(synthesized):
    assert synthesized.dependency_cycle() is None


def test_no_inline_policies_a_rotating_key_and_encrypted_expiring_logs(synthesized, template):
    assert synthesized.of_type("AWS::IAM::Policy") == {}
    assert all("Policies" not in r["Properties"] for r in synthesized.of_type("AWS::IAM::Role").values())
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    for log_group in synthesized.of_type("AWS::Logs::LogGroup").values():
        assert "KmsKeyId" in log_group["Properties"] and log_group["Properties"]["RetentionInDays"] > 0


# --- data ---------------------------------------------------------------------------------

@pytest.mark.parametrize("spec", CATALOGUE.tables, ids=lambda s: s.logical_id)
def test_table(synthesized, spec):
    props = synthesized.props(synthesized.stack.data.tables[spec.logical_id])
    keys = [{"AttributeName": spec.partition_key, "KeyType": "HASH"}]
    if spec.sort_key:
        keys.append({"AttributeName": spec.sort_key, "KeyType": "RANGE"})
    assert props["KeySchema"] == keys
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["SSESpecification"] == {"SSEEnabled": True, "SSEType": "KMS",
                                         "KMSMasterKeyId": synthesized.arn(synthesized.stack.key)}
    assert props["DeletionProtectionEnabled"] is True
    indexes = {i["IndexName"]: i["KeySchema"][0] for i in props.get("GlobalSecondaryIndexes", [])}
    assert indexes == {i.name: {"AttributeName": i.partition_key, "KeyType": "HASH"} for i in spec.indexes}
    projections = {i["IndexName"]: i["Projection"] for i in props.get("GlobalSecondaryIndexes", [])}
    assert projections == {i.name: {"ProjectionType": "ALL"} if i.projection is None else {
        "ProjectionType": "INCLUDE", "NonKeyAttributes": list(i.projection)} for i in spec.indexes}
    if spec.ttl_attribute:
        assert props["TimeToLiveSpecification"] == {"AttributeName": spec.ttl_attribute, "Enabled": True}
    (selection,) = synthesized.of_type("AWS::Backup::BackupSelection").values()
    assert synthesized.arn(synthesized.stack.data.tables[spec.logical_id]) in \
        selection["Properties"]["BackupSelection"]["Resources"]


def _assert_ssl_only(synthesized, bucket):
    statements = [s for p in synthesized.of_type("AWS::S3::BucketPolicy").values()
                  if p["Properties"]["Bucket"] == synthesized.ref(bucket)
                  for s in p["Properties"]["PolicyDocument"]["Statement"]]
    assert any(s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
               for s in statements)


@pytest.mark.parametrize("spec", CATALOGUE.buckets, ids=lambda s: s.logical_id)
def test_bucket(synthesized, spec):
    bucket = synthesized.stack.data.buckets[spec.logical_id]
    props = synthesized.props(bucket)
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
        "ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert all(props["PublicAccessBlockConfiguration"].values())
    assert props["LoggingConfiguration"]["DestinationBucketName"] == synthesized.ref(
        synthesized.stack.data.access_logs)
    assert any("NoncurrentVersionExpiration" in r for r in props["LifecycleConfiguration"]["Rules"])
    _assert_ssl_only(synthesized, bucket)
    notifications = props.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
    if spec.notify_queue:
        queue = synthesized.stack.node.find_child("Queues").queues[spec.notify_queue]
        assert [n["Queue"] for n in notifications] == [synthesized.arn(queue)]
        rules = notifications[0].get("Filter", {}).get("S3Key", {}).get("Rules", [])
        assert rules == ([{"Name": "prefix", "Value": spec.notify_prefix}] if spec.notify_prefix else [])
    else:
        assert notifications == []


def test_access_log_bucket_uses_s3_managed_encryption(synthesized):
    props = synthesized.props(synthesized.stack.data.access_logs)
    assert "AES256" in json.dumps(props["BucketEncryption"])
    assert all(props["PublicAccessBlockConfiguration"].values())
    _assert_ssl_only(synthesized, synthesized.stack.data.access_logs)


# --- queues and functions -----------------------------------------------------------------

@pytest.mark.parametrize("spec", CATALOGUE.queues, ids=lambda s: s.logical_id)
def test_queue_redrives_to_its_dead_letter_queue(synthesized, spec):
    queues = synthesized.stack.node.find_child("Queues")
    queue, dlq = queues.queues[spec.logical_id], queues.dead_letter_queues[spec.logical_id]
    props = synthesized.props(queue)
    assert props["RedrivePolicy"] == {"deadLetterTargetArn": synthesized.arn(dlq),
                                      "maxReceiveCount": spec.max_receive_count}
    assert props["VisibilityTimeout"] == spec.visibility_timeout_seconds
    assert "KmsMasterKeyId" in props and "KmsMasterKeyId" in synthesized.props(dlq)
    (mapping,) = [m["Properties"] for m in synthesized.of_type("AWS::Lambda::EventSourceMapping").values()
                  if m["Properties"]["EventSourceArn"] == synthesized.arn(queue)]
    assert mapping["FunctionName"] == synthesized.ref(synthesized.stack.functions.functions[spec.consumer])
    assert mapping["BatchSize"] == spec.batch_size
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]


def test_every_queue_and_topic_refuses_plain_http(synthesized):
    policies = [*synthesized.of_type("AWS::SQS::QueuePolicy").values(),
                *synthesized.of_type("AWS::SNS::TopicPolicy").values()]
    covered = [q for p in policies if any(s["Effect"] == "Deny" and "aws:SecureTransport" in json.dumps(s)
                                          for s in p["Properties"]["PolicyDocument"]["Statement"])
               for q in p["Properties"].get("Queues", p["Properties"].get("Topics", []))]
    expected = {**synthesized.of_type("AWS::SQS::Queue"), **synthesized.of_type("AWS::SNS::Topic")}
    assert synthesized.same(covered, [{"Ref": k} for k in expected])


@pytest.mark.parametrize("spec", CATALOGUE.functions, ids=lambda s: s.name)
def test_function(synthesized, spec):
    props = synthesized.props(synthesized.stack.functions.functions[spec.name])
    assert props["Runtime"] == "python3.11" and props["Handler"] == spec.handler
    assert (props["Timeout"], props["MemorySize"]) == (spec.timeout_seconds, spec.memory_mb)
    assert props["TracingConfig"] == {"Mode": "Active"}
    assert len(props["Layers"]) == 2
    assert props["ReservedConcurrentExecutions"] >= 1
    variables = props["Environment"]["Variables"]
    data = synthesized.stack.data
    for table in spec.tables:
        assert variables[CATALOGUE.table(table).env_var] == synthesized.ref(data.tables[table])
    for bucket in (*spec.read_buckets, *spec.write_buckets):
        assert variables[CATALOGUE.bucket(bucket).env_var] == synthesized.ref(data.buckets[bucket])
    log_group = synthesized.resources[props["LoggingConfig"]["LogGroup"]["Ref"]]["Properties"]
    assert log_group["RetentionInDays"] > 0 and "KmsKeyId" in log_group
    # A stream consumer may list streams (no resource-level permission exists; it reads no data).
    allowed = [("dynamodb:ListStreams", "*")] if spec.stream_from else []
    assert synthesized.data_wildcards(props["Role"]["Fn::GetAtt"][0]) == allowed


# --- schedules and the opt-out timer ------------------------------------------------------

@pytest.mark.parametrize("spec", CATALOGUE.schedules, ids=lambda s: s.logical_id)
def test_schedule(synthesized, spec):
    props = synthesized.props(synthesized.stack.schedules.rules[spec.logical_id])
    assert props["ScheduleExpression"] == spec.expression
    (target,) = props["Targets"]
    assert target["Arn"] == synthesized.arn(synthesized.stack.functions.functions[spec.function])
    assert "Arn" in target["DeadLetterConfig"] and target["RetryPolicy"]["MaximumRetryAttempts"] >= 1


@pytest.mark.parametrize("spec", CATALOGUE.state_machines, ids=lambda s: s.logical_id)
def test_state_machine_logs_traces_and_touches_only_its_tables(synthesized, spec):
    props = synthesized.props(synthesized.stack.workflows.state_machines[spec.logical_id])
    tables = [synthesized.stack.data.tables[t] for t in spec.tables]
    assert props["LoggingConfiguration"]["Level"] == "ALL"
    assert props["TracingConfiguration"] == {"Enabled": True}
    assert props["StateMachineType"] == "STANDARD"
    functions = synthesized.stack.functions.functions
    item_bucket = synthesized.stack.data.buckets[spec.reads_items_from] if spec.reads_items_from else None
    assert props["DefinitionSubstitutions"] == {
        **{f"{t}TableName": synthesized.ref(table) for t, table in zip(spec.tables, tables, strict=True)},
        **{f"{f}FunctionArn": synthesized.arn(functions[f]) for f in spec.invokes},
        **({f"{spec.reads_items_from}BucketName": synthesized.ref(item_bucket)} if item_bucket else {})}
    documents = synthesized.policy_documents(props["RoleArn"]["Fn::GetAtt"][0])
    reads = [s for doc in documents for s in doc["Statement"]
             if any(a.startswith("s3:") for a in synthesized.listify(s["Action"]))]
    # Only the Distributed Map's ItemReader reads S3: list and get, in its one bucket.
    assert {a for s in reads for a in synthesized.listify(s["Action"])} <= {"s3:GetObject", "s3:ListBucket"}
    assert bool(reads) == bool(item_bucket)
    data = [s for doc in documents for s in doc["Statement"]
            if any(a.startswith("dynamodb:") for a in synthesized.listify(s["Action"]))]
    assert bool(data) == bool(spec.tables), "the role may write its tables, and only a machine with tables"
    invokes = [s for doc in documents for s in doc["Statement"] if "lambda:InvokeFunction" in
               synthesized.listify(s["Action"])]
    assert [r for s in invokes for r in synthesized.listify(s["Resource"])] == \
        [synthesized.arn(functions[f]) for f in spec.invokes]
    item_writes = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
    for statement in data:
        assert set(synthesized.listify(statement["Action"])) <= item_writes
        resources = synthesized.listify(statement["Resource"])
        assert all(r in [synthesized.arn(t) for t in tables] for r in resources)


def test_the_payment_run_is_a_distributed_map_over_sites_started_by_its_function(synthesized):
    """Issue 9: shard by site and run the shards with Step Functions Distributed Map."""
    from infra.workflows import DEFINITIONS

    definition = json.loads((DEFINITIONS / "payment_run.asl.json").read_text())
    pay = definition["States"]["PaySites"]
    assert pay["Type"] == "Map" and pay["ItemProcessor"]["ProcessorConfig"]["Mode"] == "DISTRIBUTED"
    assert pay["ItemsPath"] == "$.sites"
    worker = pay["ItemProcessor"]["States"]["PaySite"]
    assert worker["Parameters"]["Payload"]["action"] == "pay_site"
    function = synthesized.props(synthesized.stack.functions.functions["monthly_payments"])
    assert function["ReservedConcurrentExecutions"] > pay["MaxConcurrency"]  # the map is never throttled
    env = function["Environment"]["Variables"]
    assert "PaymentRun" in json.dumps(env["PAYMENT_RUN_STATE_MACHINE"])
    machine = synthesized.props(synthesized.stack.workflows.state_machines["PaymentRun"])
    assert machine["StateMachineName"] == "MaineCare-PaymentRun"


def test_opt_out_timer_definition_matches_the_catalogue():
    from infra.workflows import DEFINITIONS

    panels = CATALOGUE.table("Panels")
    text = (DEFINITIONS / "opt_out_timer.asl.json").read_text()
    assert "EXPRESS" not in text and "ItemBatcher" not in text  # moto's parser refuses them
    definition = json.loads(text)
    wait = definition["States"][definition["StartAt"]]
    assert wait["Type"] == "Wait" and wait["TimestampPath"] == "$.deadline"
    task = definition["States"][wait["Next"]]
    assert task["Resource"] == "arn:aws:states:::dynamodb:updateItem"
    assert task["Parameters"]["TableName"] == "${PanelsTableName}"
    assert set(task["Parameters"]["Key"]) == {panels.partition_key, panels.sort_key}
    (catch,) = task["Catch"]
    assert catch["ErrorEquals"] == ["DynamoDB.ConditionalCheckFailedException"]
    assert definition["States"][catch["Next"]]["Type"] == "Succeed"


# --- API: Cognito, the Chalice (SAM) functions, their role and stage ----------------------

def test_user_pool_signs_in_with_email_only_by_invitation(template):
    template.has_resource_properties("AWS::Cognito::UserPool", {
        "UsernameAttributes": ["email"],
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
        "MfaConfiguration": "OPTIONAL",
        "UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
        "Policies": {"PasswordPolicy": Match.object_like({
            "RequireLowercase": True, "RequireUppercase": True, "RequireNumbers": True,
            "RequireSymbols": True})},
    })
    template.has_resource_properties("AWS::Cognito::UserPoolClient", {
        "GenerateSecret": False,
        "ExplicitAuthFlows": Match.array_with(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]),
    })


def _api_functions(synthesized) -> dict:
    functions = synthesized.of_type("AWS::Serverless::Function")
    assert functions and set(functions) == set(synthesized.stack.api.function_ids)
    return functions


def test_api_functions_trace_use_the_layers_and_get_their_settings(synthesized):
    layers = synthesized.stack.node.find_child("Layers")
    expected = {*COGNITO_ENV.values(), *(CATALOGUE.table(t).env_var for t in API_TABLES),
                *(CATALOGUE.bucket(b).env_var for b in (*API_READ_BUCKETS, *API_WRITE_BUCKETS))}
    for function in _api_functions(synthesized).values():
        props = function["Properties"]
        assert props["Tracing"] == "Active" and props["Runtime"].startswith("python3.")
        assert synthesized.same(props["Layers"], [synthesized.ref(x) for x in layers.all])
        assert expected <= set(props["Environment"]["Variables"])
        log_group = synthesized.resources[props["LoggingConfig"]["LogGroup"]["Ref"]]["Properties"]
        assert "KmsKeyId" in log_group and log_group["RetentionInDays"] > 0


def test_api_role_is_least_privilege(synthesized):
    role_id = synthesized.logical_id(synthesized.stack.api.role)
    for function in _api_functions(synthesized).values():
        assert function["Properties"]["Role"] == {"Fn::GetAtt": [role_id, "Arn"]}
    assert synthesized.policy_documents(role_id) and synthesized.data_wildcards(role_id) == []
    granted = json.dumps(synthesized.policy_documents(role_id))
    for spec in CATALOGUE.tables:
        table_id = synthesized.logical_id(synthesized.stack.data.tables[spec.logical_id])
        assert (table_id in granted) == (spec.logical_id in API_TABLES), spec.logical_id
    role = synthesized.resources[role_id]["Properties"]
    assert all(isinstance(a, dict) for a in role["ManagedPolicyArns"]), "no AWS-managed policies"


def test_api_stage_traces_and_logs_access_without_bodies(synthesized):
    (api,) = synthesized.of_type("AWS::Serverless::Api").values()
    props = api["Properties"]
    assert props["TracingEnabled"] is True
    assert "DestinationArn" in props["AccessLogSetting"] and "$context" in props["AccessLogSetting"]["Format"]
    assert props["MethodSettings"][0]["DataTraceEnabled"] is False
    assert props["Name"] == synthesized.stack.api.api_name
    (account_id,) = synthesized.of_type("AWS::ApiGateway::Account")
    assert account_id in synthesized.listify(api.get("DependsOn", []))


# --- observability ------------------------------------------------------------------------

def _alarms(synthesized, metric: str) -> list[dict]:
    return [a["Properties"] for a in synthesized.of_type("AWS::CloudWatch::Alarm").values()
            if a["Properties"].get("MetricName") == metric]


@pytest.mark.parametrize("metric", ["Errors", "Throttles"])
def test_every_function_has_error_and_throttle_alarms(synthesized, metric):
    expected = [synthesized.ref(f) for f in synthesized.stack.functions.functions.values()]
    expected += [{"Ref": logical_id} for logical_id in synthesized.stack.api.function_ids]
    assert synthesized.same([a["Dimensions"][0]["Value"] for a in _alarms(synthesized, metric)], expected)


def test_every_dead_letter_queue_alarms_on_any_message(synthesized):
    dlqs = [*synthesized.stack.node.find_child("Queues").dead_letter_queues.values(),
            *synthesized.stack.functions.async_dead_letter_queues.values()]
    alarms = _alarms(synthesized, "ApproximateNumberOfMessagesVisible")
    assert synthesized.same([a["Dimensions"][0]["Value"] for a in alarms],
                 [{"Fn::GetAtt": [synthesized.logical_id(q), "QueueName"]} for q in dlqs])
    assert all(a["Threshold"] == 0 and a["ComparisonOperator"] == "GreaterThanThreshold" for a in alarms)


def test_api_5xx_and_p99_alarms_notify_an_encrypted_topic_and_one_dashboard_exists(synthesized):
    (errors,), (latency,) = _alarms(synthesized, "5XXError"), _alarms(synthesized, "Latency")
    assert latency["ExtendedStatistic"] == "p99"
    for alarm in (errors, latency):
        assert {"Name": "ApiName", "Value": synthesized.stack.api.api_name} in alarm["Dimensions"]
    ((topic_id, topic),) = synthesized.of_type("AWS::SNS::Topic").items()
    assert "KmsMasterKeyId" in topic["Properties"]
    for alarm in synthesized.of_type("AWS::CloudWatch::Alarm").values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic_id}]
    assert len(synthesized.of_type("AWS::CloudWatch::Dashboard")) == 1


def test_a_failing_837_file_alarms_and_claims_metrics_are_on_the_dashboard(synthesized):
    (failed,) = _alarms(synthesized, "EdiFileFailed")
    assert failed["Namespace"] == "MaineCare" and failed["Threshold"] == 1
    assert failed["Dimensions"] == [{"Name": "service", "Value": "edi_ingest"}]
    (dashboard,) = synthesized.of_type("AWS::CloudWatch::Dashboard").values()
    body = json.dumps(dashboard["Properties"]["DashboardBody"])
    for metric in ("ClaimsReceived", "ClaimsAccepted", "ClaimsRejected", "LinesDenied"):
        assert metric in body


def test_health_home_events_that_were_not_sent_alarm(synthesized):
    import json as _json
    from pathlib import Path

    (not_sent,) = _alarms(synthesized, "HealthHomeEventNotSent")
    config = _json.loads((Path(__file__).resolve().parents[2] / "functions" / "api" / ".chalice" / "config.json")
                         .read_text())
    service = config["stages"]["dev"]["environment_variables"]["POWERTOOLS_SERVICE_NAME"]
    # The alarm watches the dimension the API's EMF line actually carries.
    assert not_sent["Namespace"] == "MaineCare" and not_sent["Threshold"] == 1
    assert not_sent["Dimensions"] == [{"Name": "service", "Value": service}]


def test_pended_claims_alarm_on_both_intakes_and_their_release_is_on_the_dashboard(synthesized):
    def watches(alarm: dict) -> set[tuple[str, str]]:
        return {(m["MetricStat"]["Metric"]["MetricName"], m["MetricStat"]["Metric"]["Dimensions"][0]["Value"])
                for m in alarm.get("Metrics", []) if "MetricStat" in m}

    pended = [a["Properties"] for a in synthesized.of_type("AWS::CloudWatch::Alarm").values()
              if any(name == "PendedClaims" for name, _ in watches(a["Properties"]))]
    (alarm,) = pended
    assert watches(alarm) == {("PendedClaims", "mainecare-api"), ("PendedClaims", "edi_ingest")}
    assert alarm["Threshold"] == 1 and alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    (dashboard,) = synthesized.of_type("AWS::CloudWatch::Dashboard").values()
    assert "PendedClaimsReleased" in json.dumps(dashboard["Properties"]["DashboardBody"])

