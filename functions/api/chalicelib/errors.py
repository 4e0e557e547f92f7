"""API errors and the one JSON envelope every error answer uses."""

from __future__ import annotations

import json

from chalice import Response

JSON_HEADERS = {"Content-Type": "application/json", "Cache-Control": "no-store"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: list[dict] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def not_found(what: str = "resource") -> ApiError:
    # The same answer for "does not exist" and "belongs to someone else": nothing leaks.
    return ApiError(404, "NOT_FOUND", f"No such {what}.")


def json_response(body, status: int = 200, headers: dict | None = None) -> Response:
    return Response(body=json.dumps(body, separators=(",", ":")), status_code=status,
                    headers={**JSON_HEADERS, **(headers or {})})


def error_response(error: ApiError) -> Response:
    body = {"code": error.code, "message": error.message}
    if error.details:
        body["details"] = error.details
    extra = {"WWW-Authenticate": 'Bearer realm="mainecare"'} if error.status == 401 else None
    return json_response({"error": body}, error.status, extra)
