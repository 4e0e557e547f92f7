"""The local stand-in for API Gateway, for the local server and the test client alike.

Chalice's LocalGateway answers a path no route matches with 403 and, when the request carries an
Authorization header, a body that repeats that header: the caller's whole token. Deployed, API
Gateway's gateway responses are set to the project's envelope in the CDK app; here the answers are
the same: 404 NOT_FOUND for an unknown path, 405 METHOD_NOT_ALLOWED for a method the path does not
take (OPTIONS included: the API has no CORS), each with the error envelope and the security headers,
repeating nothing that was sent. The local server also refuses a body larger than the API reads
before reading it.
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from chalice.local import (
    ChaliceRequestHandler,
    LocalDevServer,
    LocalGateway,
    LocalGatewayException,
    RouteMatcher,
)
from chalice.test import Client, TestHTTPClient

from local.handlers import load_module
from local.metrics_tap import record_api_answer

load_module("api")  # puts chalicelib on the path
from chalicelib.answer_guard import secure  # noqa: E402
from chalicelib.errors import ApiError, error_response  # noqa: E402
from chalicelib.json_body import MAX_BODY_BYTES  # noqa: E402


class _EnvelopeAnswer(LocalGatewayException):
    """A gateway answer in the project's envelope (Chalice's test client and server read CODE)."""

    def __init__(self, error: ApiError, headers: dict | None = None):
        response = secure(error_response(error))
        response.headers.update(headers or {})
        super().__init__(dict(response.headers), response.body.encode())
        self.CODE = error.status


def not_found() -> _EnvelopeAnswer:
    return _EnvelopeAnswer(ApiError(404, "NOT_FOUND", "No such path."))


def method_not_allowed(allowed: list[str]) -> _EnvelopeAnswer:
    return _EnvelopeAnswer(ApiError(405, "METHOD_NOT_ALLOWED", "This path does not take that method."),
                           {"Allow": ", ".join(sorted(allowed))})


class ProjectGateway(LocalGateway):
    def __init__(self, app_object, config):
        super().__init__(app_object, config)
        self._routes = RouteMatcher(list(app_object.routes))

    def handle_request(self, method, path, headers, body):
        started, status = time.monotonic(), 500
        try:
            try:
                route = self._routes.match_route(path).route
            except ValueError:
                status = 404
                raise not_found() from None
            methods = self._app_object.routes[route]
            if method == "OPTIONS" and method not in methods:
                status = 405
                raise method_not_allowed(list(methods))
            answer = super().handle_request(method, path, headers, body)
            status = answer.get("statusCode", 200)
            return answer
        finally:  # what API Gateway would publish for this answer
            record_api_answer(status, time.monotonic() - started)


class ProjectTestClient(Client):
    """chalice.test.Client whose HTTP requests pass through ProjectGateway."""

    @property
    def http(self) -> TestHTTPClient:
        if self._http_client is None:
            client = TestHTTPClient(self._app, self._chalice_config)
            client._local_gateway = ProjectGateway(self._app, self._chalice_config)
            self._http_client = client
        return self._http_client


class ProjectRequestHandler(ChaliceRequestHandler):
    def __init__(self, request, client_address, server, app_object, config):
        self.local_gateway = ProjectGateway(app_object, config)
        BaseHTTPRequestHandler.__init__(self, request, client_address, server)

    def _generic_handle(self) -> None:
        length = self.headers.get("content-length", "0").strip()
        if not length.isdigit():
            self.close_connection = True
            self._send_error_response(_EnvelopeAnswer(ApiError(400, "INVALID_CONTENT_LENGTH",
                                                               "Content-Length must be a number of bytes.")))
        elif int(length) > MAX_BODY_BYTES:
            self.close_connection = True  # the body is never read, so the connection cannot be reused
            self._send_error_response(_EnvelopeAnswer(ApiError(
                413, "BODY_TOO_LARGE", f"The body is larger than {MAX_BODY_BYTES // 1024} KB.")))
        else:
            super()._generic_handle()

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle


def local_server(app, config, host: str, port: int) -> LocalDevServer:
    return LocalDevServer(app, config, host, port, handler_cls=ProjectRequestHandler)
