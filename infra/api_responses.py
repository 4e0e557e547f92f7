"""What API Gateway and AWS WAF answer themselves, before the request reaches the Chalice app.

Their default bodies are `{"message": ...}` and some echo the request: for a path that does not
exist, API Gateway reads a Bearer token as a malformed signature and quotes the Authorization
header back. Every answer here is the project's envelope `{"error": {"code", "message"}}` with
fixed text (no `$context` or request values), and the security headers the app sends too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Cache-Control": "no-store",
}


def envelope(code: str, message: str) -> str:
    return json.dumps({"error": {"code": code, "message": message}})


@dataclass(frozen=True)
class GatewayAnswer:
    status: str | None  # None keeps the status of the more specific type (DEFAULT_4XX, DEFAULT_5XX)
    code: str
    message: str


NO_ROUTE = GatewayAnswer("404", "NOT_FOUND", "No route matches this method and path.")
GATEWAY_ANSWERS = {
    # A REST API answers an unknown path, or an unknown method on a known path (it has no 405),
    # with MISSING_AUTHENTICATION_TOKEN; our routes need no API Gateway authorizer, so it only
    # ever means "no such route".
    "MISSING_AUTHENTICATION_TOKEN": NO_ROUTE,
    "RESOURCE_NOT_FOUND": NO_ROUTE,
    "REQUEST_TOO_LARGE": GatewayAnswer("413", "REQUEST_TOO_LARGE", "The request body is larger than the API accepts."),
    "UNSUPPORTED_MEDIA_TYPE": GatewayAnswer("415", "UNSUPPORTED_MEDIA_TYPE",
                                            "Send the request body as application/json."),
    "ACCESS_DENIED": GatewayAnswer("403", "ACCESS_DENIED", "This request is not allowed."),
    "THROTTLED": GatewayAnswer("429", "THROTTLED", "Too many requests to the API; retry after a short wait."),
    "WAF_FILTERED": GatewayAnswer("403", "REQUEST_BLOCKED", "The API's firewall refused this request."),
    "DEFAULT_4XX": GatewayAnswer(None, "REQUEST_REFUSED", "The API gateway refused this request."),
    "DEFAULT_5XX": GatewayAnswer(None, "GATEWAY_ERROR", "The API could not answer this request; try again later."),
}


def gateway_responses() -> dict:
    """The `x-amazon-apigateway-gateway-responses` extension of the API's OpenAPI definition.

    In the definition (not separate AWS::ApiGateway::GatewayResponse resources) they are part of
    what SAM hashes into the deployment, so a change reaches the stage with the next deployment.
    """
    parameters = {f"gatewayresponse.header.{name}": f"'{value}'" for name, value in SECURITY_HEADERS.items()}
    answers = {}
    for response_type, answer in GATEWAY_ANSWERS.items():
        answers[response_type] = {
            "responseParameters": parameters,
            "responseTemplates": {"application/json": envelope(answer.code, answer.message)},
        }
        if answer.status:
            answers[response_type]["statusCode"] = answer.status
    return answers
