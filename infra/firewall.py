"""The AWS WAF web ACL in front of the API stage, its logs, and its association with the stage.

chalice.cdk emits the API as a SAM AWS::Serverless::Api, which cdk-nag's API Gateway rules (WAF,
request validation) never see, so the protection is built here and asserted in
tests/infrastructure/test_api_protection.py. Rules, cheapest first:
1. a rate-based rule per source IP (429 with the error envelope),
2. a cap on the request body through its Content-Length (413), see infra/api_limits.py,
3. AWS's known-bad-inputs rule group (Log4j, Java deserialisation, localhost Host headers...),
4. AWS's common rule set (the OWASP-style core rules), with SizeRestrictions_BODY counted only:
   its 8 KB limit would refuse legitimate claims, and rule 2 bounds bodies instead.
"""

from __future__ import annotations

from aws_cdk import ArnFormat, Fn, RemovalPolicy, Stack
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra.api_limits import MAX_REQUEST_BODY_BYTES, PER_IP_LIMIT, PER_IP_WINDOW_SECONDS, decimal_above
from infra.api_responses import SECURITY_HEADERS, envelope

MANAGED_RULE_GROUPS = ("AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet")
COUNTED_MANAGED_RULES = {"AWSManagedRulesCommonRuleSet": ("SizeRestrictions_BODY",)}
RATE_RULE = "RateLimitPerIp"
BODY_RULE = "RequestBodyTooLarge"
# Bodies WAF answers itself; the other blocks get API Gateway's WAF_FILTERED answer (api_responses).
CUSTOM_BODIES = {
    "RateLimited": envelope("RATE_LIMITED", "Too many requests from this address; retry in a minute."),
    "RequestTooLarge": envelope("REQUEST_TOO_LARGE",
                                f"The request body is larger than the API accepts ({MAX_REQUEST_BODY_BYTES} bytes)."),
}


def _metrics(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    # No sampled requests: WAF keeps them unredacted (Authorization header, member ids in paths)
    # for anyone with console access; the redacted logs below show what was blocked instead.
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=False)


def _block(status: int, body_key: str,
           extra_headers: dict[str, str] | None = None) -> wafv2.CfnWebACL.RuleActionProperty:
    headers = {**SECURITY_HEADERS, **(extra_headers or {})}
    return wafv2.CfnWebACL.RuleActionProperty(block=wafv2.CfnWebACL.BlockActionProperty(
        custom_response=wafv2.CfnWebACL.CustomResponseProperty(
            response_code=status, custom_response_body_key=body_key,
            response_headers=[wafv2.CfnWebACL.CustomHTTPHeaderProperty(name=n, value=v) for n, v in headers.items()],
        )))


def _rate_rule(priority: int) -> wafv2.CfnWebACL.RuleProperty:
    return wafv2.CfnWebACL.RuleProperty(
        name=RATE_RULE, priority=priority, visibility_config=_metrics(RATE_RULE),
        action=_block(429, "RateLimited", {"Retry-After": str(PER_IP_WINDOW_SECONDS)}),
        statement=wafv2.CfnWebACL.StatementProperty(rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
            limit=PER_IP_LIMIT, evaluation_window_sec=PER_IP_WINDOW_SECONDS, aggregate_key_type="IP")))


def _body_rule(priority: int) -> wafv2.CfnWebACL.RuleProperty:
    return wafv2.CfnWebACL.RuleProperty(
        name=BODY_RULE, priority=priority, visibility_config=_metrics(BODY_RULE),
        action=_block(413, "RequestTooLarge"),
        statement=wafv2.CfnWebACL.StatementProperty(regex_match_statement=wafv2.CfnWebACL.RegexMatchStatementProperty(
            regex_string=decimal_above(MAX_REQUEST_BODY_BYTES),
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(
                single_header={"Name": "content-length"}),  # header names match case-insensitively
            text_transformations=[wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")])))


def _managed_rule(name: str, priority: int) -> wafv2.CfnWebACL.RuleProperty:
    overrides = [wafv2.CfnWebACL.RuleActionOverrideProperty(
        name=rule, action_to_use=wafv2.CfnWebACL.RuleActionProperty(count={}))
        for rule in COUNTED_MANAGED_RULES.get(name, ())]
    return wafv2.CfnWebACL.RuleProperty(
        name=name, priority=priority, visibility_config=_metrics(name),
        override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
        statement=wafv2.CfnWebACL.StatementProperty(managed_rule_group_statement=(
            wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                vendor_name="AWS", name=name, rule_action_overrides=overrides or None))))


class Firewall(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, key: kms.IKey, rest_api_logical_id: str) -> None:
        super().__init__(scope, construct_id)
        stack = Stack.of(self)
        rules = [_rate_rule(0), _body_rule(1)]
        rules += [_managed_rule(name, priority) for priority, name in enumerate(MANAGED_RULE_GROUPS, start=2)]
        self.web_acl = wafv2.CfnWebACL(
            self, "WebAcl", name=f"{stack.stack_name}-api", scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_metrics(f"{stack.stack_name}-api"),
            custom_response_bodies={key_: wafv2.CfnWebACL.CustomResponseBodyProperty(
                content_type="APPLICATION_JSON", content=body) for key_, body in CUSTOM_BODIES.items()},
            rules=rules)
        # SAM names the stage it generates `<api>.Stage`; referring to it makes the association
        # wait for the stage, which does not exist before the SAM transform runs.
        self.stage_arn = Fn.sub("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/"
                                f"${{{rest_api_logical_id}}}/stages/${{{rest_api_logical_id}.Stage}}")
        wafv2.CfnWebACLAssociation(self, "StageAssociation", resource_arn=self.stage_arn,
                                   web_acl_arn=self.web_acl.attr_arn)
        self._logging(key)

    def _logging(self, key: kms.IKey) -> None:
        """Blocked and counted requests only, with the token, path and query string redacted
        (paths and queries carry member ids). A body rule's match details can quote a fragment of
        the body, so the group is encrypted with the data key and kept like the access logs.
        WAF only writes to log groups named aws-waf-logs-*."""
        stack = Stack.of(self)
        self.log_group = logs.LogGroup(self, "Logs", log_group_name=f"aws-waf-logs-{stack.stack_name}-api",
                                       retention=logs.RetentionDays.SIX_YEARS, encryption_key=key,
                                       removal_policy=RemovalPolicy.RETAIN)
        destination = stack.format_arn(service="logs", resource="log-group",
                                       resource_name=self.log_group.log_group_name,
                                       arn_format=ArnFormat.COLON_RESOURCE_NAME)
        wafv2.CfnLoggingConfiguration(
            self, "Logging", resource_arn=self.web_acl.attr_arn, log_destination_configs=[destination],
            redacted_fields=[wafv2.CfnLoggingConfiguration.FieldToMatchProperty(
                single_header={"Name": "authorization"}),
                wafv2.CfnLoggingConfiguration.FieldToMatchProperty(uri_path={}),
                wafv2.CfnLoggingConfiguration.FieldToMatchProperty(query_string={})],
            logging_filter={
                "DefaultBehavior": "DROP",
                "Filters": [{"Behavior": "KEEP", "Requirement": "MEETS_ANY", "Conditions": [
                    {"ActionCondition": {"Action": "BLOCK"}}, {"ActionCondition": {"Action": "COUNT"}}]}],
            })
