"""Every answer leaves through here: the security headers on all of them (JSON, PDF, CSV, success
and error), and Chalice's own error answers rewritten into the project's error envelope.

Chalice answers some requests before a view runs (a method the path does not take, a Content-Type
the route does not accept, a binary answer without a matching Accept) with its own
{"Code", "Message"} body, and its 415 message repeats the caller's Content-Type header. Those
become {"error": {"code", "message"}} with fixed messages. Registered as the app's HTTP
middleware (app.py), so it sees every answer the app gives; the local gateway (local/gateway.py)
uses the same headers for the paths the app never sees.
"""

from __future__ import annotations

from chalice import Response

from chalicelib.errors import ApiError, error_response

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Cache-Control": "no-store",
}

# Chalice's error code -> (status, our code, a message that repeats nothing the caller sent).
_CHALICE_ERRORS = {
    "MethodNotAllowedError": (405, "METHOD_NOT_ALLOWED", "This path does not take that method."),
    "UnsupportedMediaType": (415, "UNSUPPORTED_MEDIA_TYPE", "Send request bodies as application/json."),
    "BadRequest": (400, "ACCEPT_REQUIRED", "This answer is a file: send an Accept header naming its media type "
                                          "(e.g. Accept: application/pdf)."),
    "InternalServerError": (500, "INTERNAL_ERROR", "Something went wrong on our side; it has been logged."),
}
_BY_STATUS = {400: "BAD_REQUEST", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT",
              422: "UNPROCESSABLE", 429: "TOO_MANY_REQUESTS"}
_KEPT_HEADERS = ("Allow",)


def secure(response: Response) -> Response:
    cache_control = response.headers.get("Cache-Control", "")
    response.headers.update(SECURITY_HEADERS)
    if cache_control.startswith("public"):  # the /docs assets only: static, the same for everyone
        response.headers["Cache-Control"] = cache_control
    return response


def _is_chalice_error(response: Response) -> bool:
    return isinstance(response.body, dict) and set(response.body) == {"Code", "Message"}


def _envelope(response: Response) -> Response:
    status, code, message = _CHALICE_ERRORS.get(
        response.body["Code"],
        (response.status_code, _BY_STATUS.get(response.status_code, "REQUEST_REFUSED"), "The request was refused."))
    answer = error_response(ApiError(status, code, message))
    answer.headers.update({k: v for k, v in response.headers.items() if k in _KEPT_HEADERS})
    return answer


def guard_answers(request, get_response) -> Response:
    """Chalice HTTP middleware."""
    response = get_response(request)
    if _is_chalice_error(response):
        response = _envelope(response)
    return secure(response)
