"""The Chalice API (functions/api) on API Gateway, and the Cognito user pool it trusts.

chalice.cdk packages the app into a SAM template and includes it (CfnInclude). cdk-nag does not
inspect AWS::Serverless::* resources, so this module applies the same rules by hand and
tests/infrastructure checks them: our own least-privilege role (`manage_iam_role: false`), X-Ray,
a KMS-encrypted log group per function, stage tracing, access and error logging.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from aws_cdk import ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_stepfunctions as sfn
from chalice.cdk import Chalice
from constructs import Construct

from infra import REPO
from infra.api_limits import STAGE_BURST_LIMIT, STAGE_RATE_LIMIT
from infra.api_responses import gateway_responses
from infra.firewall import Firewall
from infra.layer import Layers
from infra.security import LeastPrivilege, acknowledge, default_event_bus_arn
from mainecare.config import DEFAULT_MAIL_FROM
from mainecare.resources import (
    API_READ_BUCKETS,
    API_TABLES,
    API_WRITE_BUCKETS,
    CATALOGUE,
    COGNITO_ENV,
    USER_POOL_ACTIONS,
)

SOURCE_DIR = REPO / "functions" / "api"
API_STAGE = "api"
ACCESS_LOG_FORMAT = json.dumps({
    "requestId": "$context.requestId", "time": "$context.requestTime", "ip": "$context.identity.sourceIp",
    "method": "$context.httpMethod", "resource": "$context.resourcePath",  # template, never IDs
    "status": "$context.status", "latencyMs": "$context.responseLatency",
    "authorizerError": "$context.authorizer.error", "integrationError": "$context.integrationErrorMessage",
})


@contextlib.contextmanager
def _packaging():
    """Run chalice.cdk in a scratch cwd (it writes chalice.out/ there, not into the repository),
    with `import app` meaning functions/api/app.py even if the CDK app was imported as `app`.

    Chalice's loader copies the stage's environment variables into os.environ; they are CDK tokens
    ("${Token[...]}"), so the process's environment is put back afterwards: otherwise any later
    code in the same process (a test after a synth) would address tables named by a token."""
    previous_cwd, other_app = os.getcwd(), sys.modules.get("app")
    previous_environment = dict(os.environ)
    if other_app is not None and Path(getattr(other_app, "__file__", "")).resolve() != SOURCE_DIR / "app.py":
        del sys.modules["app"]
    else:
        other_app = None
    with tempfile.TemporaryDirectory(prefix="chalice-") as work:
        os.chdir(work)
        sys.path.insert(0, str(SOURCE_DIR))  # ahead of the repository root, which has app.py too
        try:
            yield
        finally:
            os.chdir(previous_cwd)
            os.environ.clear()
            os.environ.update(previous_environment)
            sys.path.remove(str(SOURCE_DIR))  # the first occurrence: ours
            if other_app is not None:
                sys.modules["app"] = other_app


def _chalice_stage(stage: str) -> dict:
    """chalice.cdk names its stage after the construct path, so copy the app's own stage block."""
    config = json.loads((SOURCE_DIR / ".chalice" / "config.json").read_text())
    block = dict(config.get("stages", {}).get(stage, {}))
    block.pop("lambda_functions", None)  # ignored by chalice.cdk anyway
    return block


class Api(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey,
                 tables: Mapping[str, dynamodb.ITable], buckets: Mapping[str, s3.IBucket],
                 state_machines: Mapping[str, sfn.IStateMachine], layers: Layers) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        self._users()
        issuer = f"https://cognito-idp.{stack.region}.amazonaws.com/{self.user_pool.user_pool_id}"
        access = LeastPrivilege(self, "Policy", key=key, description="Least privilege for the API")
        access.xray()
        access.tables(tables, API_TABLES)
        access.read_buckets(buckets, API_READ_BUCKETS)
        access.write_buckets(buckets, API_WRITE_BUCKETS)
        access.allow(["states:StartExecution"], [m.state_machine_arn for m in state_machines.values()])
        # An early opt-in or an opt-out stops that member's timer: executions of our machines only.
        access.allow(["states:StopExecution", "states:DescribeExecution"],
                     [stack.format_arn(service="states", resource="execution",
                                       resource_name=f"{m.state_machine_name}:*",
                                       arn_format=ArnFormat.COLON_RESOURCE_NAME)
                      for m in state_machines.values()],
                     "Execution ARNs end in the execution name (the request id), unknown until the request "
                     "exists; the wildcard covers executions of the opt-out timer state machine only.")
        # Admin (R7) users invite, deactivate and reactivate their partner's users (the pool's users only).
        access.allow(list(USER_POOL_ACTIONS), [self.user_pool.user_pool_arn])
        # E-mail notices (secure messages waiting) go out from the notices identity only.
        mail_from = self.node.try_get_context("mail_from") or DEFAULT_MAIL_FROM
        access.allow(["ses:SendEmail"], [stack.format_arn(service="ses", resource="identity",
                                                          resource_name=mail_from.split("@", 1)[1]),
                                         stack.format_arn(service="ses", resource="identity", resource_name=mail_from)])
        # Every Health Home state change is announced on the account's default event bus.
        access.allow(["events:PutEvents"], [default_event_bus_arn(stack)])
        self.role = access.role("Role", "lambda.amazonaws.com", "Execution role of the Chalice API")

        stage = _chalice_stage(self.node.try_get_context("chalice_stage") or "dev")
        environment = {
            **stage.pop("environment_variables", {}),
            COGNITO_ENV["user_pool_id"]: self.user_pool.user_pool_id,
            "MAIL_FROM": mail_from,
            COGNITO_ENV["app_client_id"]: self.client.user_pool_client_id,
            COGNITO_ENV["issuer"]: issuer,
            COGNITO_ENV["jwks_url"]: f"{issuer}/.well-known/jwks.json",
            **{CATALOGUE.table(t).env_var: tables[t].table_name for t in API_TABLES},
            **{CATALOGUE.bucket(b).env_var: buckets[b].bucket_name
               for b in (*API_READ_BUCKETS, *API_WRITE_BUCKETS)},
            **{spec.env_var: state_machines[spec.logical_id].state_machine_arn
               for spec in CATALOGUE.state_machines},
        }
        with _packaging():
            self.chalice = Chalice(self, "Chalice", source_dir=str(SOURCE_DIR), stage_config={
                **stage,
                "api_gateway_stage": API_STAGE,
                "xray": True,
                "manage_iam_role": False,
                "iam_role_arn": self.role.role_arn,
                "layers": [layer.layer_version_arn for layer in layers.all],
                "environment_variables": environment,
            })
        self.function_ids = _logical_ids(self.chalice, "AWS::Serverless::Function")
        for logical_id in self.function_ids:
            function = self.chalice.get_resource(logical_id)
            log_group = logs.LogGroup(self, f"{logical_id}Logs", retention=logs.RetentionDays.ONE_YEAR,
                                      encryption_key=key, removal_policy=RemovalPolicy.RETAIN)
            access.write_logs(log_group)
            function.add_property_override("LoggingConfig", {"LogGroup": log_group.log_group_name})
            function.add_resource_dependency(access.policy.node.default_child)
        self.function_refs = {i: self.chalice.get_resource(i).ref for i in self.function_ids}
        self.api_name = f"{stack.stack_name}-api"
        self.stage_name = API_STAGE
        self._stage_logging(key)
        self._stage_protection(key)
        CfnOutput(self, "UserPoolId", value=self.user_pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=self.client.user_pool_client_id)

    def _users(self) -> None:
        self.user_pool = cognito.UserPool(
            self, "UserPool",
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            self_sign_up_enabled=False,
            password_policy=cognito.PasswordPolicy(
                min_length=12, require_lowercase=True, require_uppercase=True, require_digits=True,
                require_symbols=True, temp_password_validity=Duration.days(3)),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            feature_plan=cognito.FeaturePlan.PLUS,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        acknowledge(self.user_pool, "AwsSolutions-COG2", (
            "MFA is OPTIONAL so provider and Health Home staff enrol TOTP at first sign-in while "
            "trading-partner batch accounts that submit 837s with USER_PASSWORD_AUTH keep working. "
            "Threat protection is in full-function mode and demands MFA on risky sign-ins."))
        self.client = self.user_pool.add_client(
            "ApiClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_password=True, user_srp=True),
            prevent_user_existence_errors=True,
            enable_token_revocation=True,
            access_token_validity=Duration.hours(1),
            id_token_validity=Duration.hours(1),
            refresh_token_validity=Duration.hours(12),
        )

    def _stage_logging(self, key: kms.IKey) -> None:
        rest_api = self.chalice.get_resource("RestAPI")
        access_logs = logs.LogGroup(self, "AccessLogs", retention=logs.RetentionDays.SIX_YEARS,
                                    encryption_key=key, removal_policy=RemovalPolicy.RETAIN)
        stack = Stack.of(self)
        destination = (f"arn:{stack.partition}:logs:{stack.region}:{stack.account}:log-group:"
                       f"{access_logs.log_group_name}")
        rest_api.add_property_override("Name", self.api_name)
        rest_api.add_property_override("TracingEnabled", True)
        rest_api.add_property_override("AccessLogSetting", {"DestinationArn": destination,
                                                            "Format": ACCESS_LOG_FORMAT})
        rest_api.add_property_override("MethodSettings", [{
            "ResourcePath": "/*", "HttpMethod": "*", "MetricsEnabled": True,
            "LoggingLevel": "ERROR", "DataTraceEnabled": False,  # never log bodies: they hold PHI
            # Why these numbers: infra/api_limits.py.
            "ThrottlingRateLimit": STAGE_RATE_LIMIT, "ThrottlingBurstLimit": STAGE_BURST_LIMIT,
        }])
        # API Gateway writes stage logs with the account's CloudWatch role (one per region).
        cloudwatch_role = iam.Role(
            self, "ApiGatewayCloudWatchRole",
            assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
            managed_policies=[iam.ManagedPolicy.from_aws_managed_policy_name(
                "service-role/AmazonAPIGatewayPushToCloudWatchLogs")],
        )
        acknowledge(cloudwatch_role, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
                    "service-role/AmazonAPIGatewayPushToCloudWatchLogs]", (
                        "API Gateway has one CloudWatch role per account and region, used for every "
                        "REST API's execution and access logs; AWS maintains this policy for that "
                        "role, and only apigateway.amazonaws.com can assume it."))
        account = apigateway.CfnAccount(self, "ApiGatewayAccount",
                                        cloud_watch_role_arn=cloudwatch_role.role_arn)
        rest_api.add_resource_dependency(account)

    def _stage_protection(self, key: kms.IKey) -> None:
        """Gateway answers in the error envelope, and the WAF web ACL on the stage."""
        rest_api = self.chalice.get_resource("RestAPI")
        rest_api.add_property_override("DefinitionBody.x-amazon-apigateway-gateway-responses", gateway_responses())
        self.firewall = Firewall(self, "Firewall", key=key, rest_api_logical_id=Stack.of(self).resolve(
            rest_api.logical_id))


def _logical_ids(chalice: Chalice, resource_type: str) -> list[str]:
    """Logical ids of the included SAM template's resources of one type (APIHandler, authorizers)."""
    found = []
    for child in chalice.sam_template.node.children:
        try:
            resource = chalice.get_resource(child.node.id)
        except Exception:  # noqa: BLE001 - parameters, conditions and outputs are children too
            continue
        if resource.cfn_resource_type == resource_type:
            found.append(child.node.id)
    return sorted(found)
