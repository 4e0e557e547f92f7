"""The API stage is throttled, behind an AWS WAF web ACL, and API Gateway's own answers use the
error envelope with the security headers (chalice.cdk's SAM resources escape cdk-nag's API rules)."""

from __future__ import annotations

import json
import re

import pytest

from infra.api_limits import (
    MAX_REQUEST_BODY_BYTES,
    PER_IP_LIMIT,
    PER_IP_WINDOW_SECONDS,
    STAGE_BURST_LIMIT,
    STAGE_RATE_LIMIT,
)

pytestmark = pytest.mark.infra

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
# response type -> (status, error code); None keeps the status of the specific response type
EXPECTED_GATEWAY_ANSWERS = {
    "MISSING_AUTHENTICATION_TOKEN": ("404", "NOT_FOUND"),  # what a REST API answers for unknown routes
    "RESOURCE_NOT_FOUND": ("404", "NOT_FOUND"),
    "REQUEST_TOO_LARGE": ("413", "REQUEST_TOO_LARGE"),
    "UNSUPPORTED_MEDIA_TYPE": ("415", "UNSUPPORTED_MEDIA_TYPE"),
    "ACCESS_DENIED": ("403", "ACCESS_DENIED"),
    "THROTTLED": ("429", "THROTTLED"),
    "WAF_FILTERED": ("403", "REQUEST_BLOCKED"),
    "DEFAULT_4XX": (None, "REQUEST_REFUSED"),
    "DEFAULT_5XX": (None, "GATEWAY_ERROR"),
}


def _api(synthesized) -> tuple[str, dict]:
    ((logical_id, api),) = synthesized.of_type("AWS::Serverless::Api").items()
    return logical_id, api["Properties"]


def _web_acl(synthesized) -> tuple[str, dict]:
    ((logical_id, acl),) = synthesized.of_type("AWS::WAFv2::WebACL").items()
    return logical_id, acl["Properties"]


def _rules(synthesized) -> dict[str, dict]:
    return {rule["Name"]: rule for rule in _web_acl(synthesized)[1]["Rules"]}


def _assert_envelope(text: str) -> str:
    """The body is the error envelope with fixed text: nothing from the request or $context."""
    assert "$" not in text and "Authorization" not in text
    body = json.loads(text)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert re.fullmatch(r"[A-Z_]+", body["error"]["code"]) and body["error"]["message"]
    return body["error"]["code"]


def test_stage_throttles_every_method_at_the_configured_rate_and_burst(synthesized):
    _, api = _api(synthesized)
    (settings,) = api["MethodSettings"]
    assert (settings["ResourcePath"], settings["HttpMethod"]) == ("/*", "*")
    assert settings["ThrottlingRateLimit"] == STAGE_RATE_LIMIT
    assert settings["ThrottlingBurstLimit"] == STAGE_BURST_LIMIT


def test_regional_web_acl_runs_both_managed_groups_and_a_per_ip_rate_rule(synthesized):
    _, acl = _web_acl(synthesized)
    assert acl["Scope"] == "REGIONAL" and acl["DefaultAction"] == {"Allow": {}}
    rules = _rules(synthesized)
    for group in ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"):
        statement = rules[group]["Statement"]["ManagedRuleGroupStatement"]
        assert (statement["VendorName"], statement["Name"]) == ("AWS", group)
        assert rules[group]["OverrideAction"] == {"None": {}}  # the group's own Block actions apply
    rate = rules["RateLimitPerIp"]
    assert rate["Statement"]["RateBasedStatement"] == {
        "AggregateKeyType": "IP", "Limit": PER_IP_LIMIT, "EvaluationWindowSec": PER_IP_WINDOW_SECONDS}
    assert rate["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    assert rate["Priority"] == min(r["Priority"] for r in rules.values()), "floods are cut before inspection"
    assert len({r["Priority"] for r in rules.values()}) == len(rules)


def test_only_the_8kb_body_rule_of_the_common_set_is_counted_and_our_cap_blocks_larger_bodies(synthesized):
    rules = _rules(synthesized)
    common = rules["AWSManagedRulesCommonRuleSet"]["Statement"]["ManagedRuleGroupStatement"]
    assert common["RuleActionOverrides"] == [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]
    assert "RuleActionOverrides" not in rules["AWSManagedRulesKnownBadInputsRuleSet"]["Statement"][
        "ManagedRuleGroupStatement"]
    body = rules["RequestBodyTooLarge"]
    regex = body["Statement"]["RegexMatchStatement"]
    assert regex["FieldToMatch"] == {"SingleHeader": {"Name": "content-length"}}
    pattern = re.compile(regex["RegexString"])
    assert pattern.match(str(MAX_REQUEST_BODY_BYTES + 1)) and not pattern.match(str(MAX_REQUEST_BODY_BYTES))
    assert body["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 413


def test_waf_custom_answers_are_envelopes_with_the_security_headers(synthesized):
    _, acl = _web_acl(synthesized)
    bodies = acl["CustomResponseBodies"]
    blocking = [r for r in _rules(synthesized).values() if "CustomResponse" in r.get("Action", {}).get("Block", {})]
    assert len(blocking) == 2
    for rule in blocking:
        response = rule["Action"]["Block"]["CustomResponse"]
        body = bodies[response["CustomResponseBodyKey"]]
        assert body["ContentType"] == "APPLICATION_JSON"
        _assert_envelope(body["Content"])
        headers = {h["Name"]: h["Value"] for h in response["ResponseHeaders"]}
        assert SECURITY_HEADERS.items() <= headers.items() and "Strict-Transport-Security" in headers


def test_web_acl_is_associated_with_the_sam_stage(synthesized):
    api_id, api = _api(synthesized)
    acl_id, _ = _web_acl(synthesized)
    (association,) = [a["Properties"] for a in synthesized.of_type("AWS::WAFv2::WebACLAssociation").values()]
    assert association["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    # `<api>.Stage` is SAM's name for the stage it generates: the association waits for it.
    assert association["ResourceArn"] == {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/"
                                                     f"${{{api_id}}}/stages/${{{api_id}.Stage}}"}
    assert api["StageName"] == synthesized.stack.api.stage_name


def test_waf_logs_blocked_requests_to_an_encrypted_group_without_tokens_paths_or_queries(synthesized):
    acl_id, _ = _web_acl(synthesized)
    (logging,) = [c["Properties"] for c in synthesized.of_type("AWS::WAFv2::LoggingConfiguration").values()]
    assert logging["ResourceArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    assert {"SingleHeader": {"Name": "authorization"}} in logging["RedactedFields"]
    assert {"UriPath": {}} in logging["RedactedFields"] and {"QueryString": {}} in logging["RedactedFields"]
    assert logging["LoggingFilter"]["DefaultBehavior"] == "DROP"
    (destination,) = logging["LogDestinationConfigs"]
    (group_ref,) = [part for part in destination["Fn::Join"][1] if isinstance(part, dict) and "Ref" in part
                    and not part["Ref"].startswith("AWS::")]
    group = synthesized.resources[group_ref["Ref"]]["Properties"]
    assert group["LogGroupName"].startswith("aws-waf-logs-") and "KmsKeyId" in group


@pytest.mark.parametrize("response_type", sorted(EXPECTED_GATEWAY_ANSWERS))
def test_gateway_response_is_the_error_envelope_with_security_headers(synthesized, response_type):
    _, api = _api(synthesized)
    answers = api["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]
    status, code = EXPECTED_GATEWAY_ANSWERS[response_type]
    answer = answers[response_type]
    assert answer.get("statusCode") == status
    assert _assert_envelope(answer["responseTemplates"]["application/json"]) == code
    parameters = answer["responseParameters"]
    for name, value in SECURITY_HEADERS.items():
        assert parameters[f"gatewayresponse.header.{name}"] == f"'{value}'"
    assert parameters["gatewayresponse.header.Strict-Transport-Security"].startswith("'max-age=")
