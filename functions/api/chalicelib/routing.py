"""Declares a route once: path, permission, request and response contracts.

The same declaration drives the request handling (authenticate, authorize, parse, respond with the
error envelope) and the OpenAPI document, so the published contract cannot drift from the code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from chalice import Response
from pydantic import BaseModel, ValidationError

from chalicelib.deferred import Deferred, loaded
from chalicelib.error_map import api_error
from chalicelib.errors import ApiError, error_response, json_response, not_found
from chalicelib.json_body import read_json
from mainecare.domain.errors import DomainError, NotAllowed
from mainecare.observability import logger
from mainecare.services.accounts.audit_trail import record_read
from mainecare.services.accounts.authenticate import identify


@dataclass(frozen=True)
class RouteSpec:
    path: str
    method: str
    summary: str
    tag: str
    permission: str | None
    request_contract: type[BaseModel] | Deferred | None  # deferred: loaded at the route's first call
    response_contract: type[BaseModel] | Deferred
    errors: tuple[int, ...] = field(default=())
    status: int = 200
    also: tuple[str, ...] = ()  # other permissions that grant the route too
    content_types: tuple[str, ...] = ("application/json",)
    query: tuple[str, ...] = ()  # the query parameters the view reads; any other answers 400
    headers: tuple[str, ...] = ()  # request headers beyond Authorization the view reads
    audit_read: bool = False  # answers member data: each answered read is audited

    @property
    def request_model(self) -> type[BaseModel] | None:
        return loaded(self.request_contract)

    @property
    def response_model(self) -> type[BaseModel]:
        return loaded(self.response_contract)


ROUTES: list[RouteSpec] = []


UNKNOWN_FIELD = "(unknown field)"
# Path parameters are ids: anything else names nothing we hold (and a 2 KB key would fail in DynamoDB).
PATH_PARAMETER = re.compile(r"[A-Za-z0-9_.:\-]{1,128}")
MAX_QUERY_VALUE = 128
MAX_PAGE_TOKEN = 2048  # next_token carries a page's last key (opaque, checked by the store)


def _field(error: dict) -> str:
    loc = [str(p) for p in error["loc"]]
    if error["type"] == "extra_forbidden":  # the last element is the caller's key: a submitted value
        loc = [*loc[:-1], UNKNOWN_FIELD]
    return ".".join(loc) or "(body)"


def _validation_details(error: ValidationError) -> list[dict]:
    # Echo where and why, never the submitted value: request bodies can hold PHI.
    return [{"field": _field(e), "problem": e["msg"]}
            for e in error.errors(include_input=False, include_url=False, include_context=False)]


def parse_body(raw: bytes | None, model: type[BaseModel]) -> BaseModel:
    data = read_json(raw)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiError(400, "VALIDATION_ERROR", "The request body does not match the contract.",
                       _validation_details(error)) from None


def _check_path_and_query(uri_params: dict, query: dict | None, declared: tuple[str, ...]) -> None:
    if any(not PATH_PARAMETER.fullmatch(value or "") for value in uri_params.values()):
        raise not_found()
    if set(query or {}) - set(declared):  # a misspelt filter (?stauts=) must not quietly answer the unfiltered list
        # The names sent are not repeated: a query string can carry anything, PHI included.
        accepted = ", ".join(declared) if declared else "no query parameters"
        raise ApiError(400, "UNKNOWN_QUERY_PARAMETER", f"A query parameter this route does not read was sent; "
                       f"it accepts {accepted}.")
    if any(len(name) > MAX_QUERY_VALUE or len(value) > (MAX_PAGE_TOKEN if name == "next_token" else MAX_QUERY_VALUE)
           for name, value in (query or {}).items()):
        raise ApiError(400, "INVALID_QUERY", f"Query parameter names and values are at most {MAX_QUERY_VALUE} "
                       "characters.")


def _authorize(headers, permission: str, also: tuple[str, ...] = ()):
    identity = identify(headers.get("authorization"))  # refusals are domain errors, mapped below
    if not any(identity.may(p) for p in (permission, *also)):
        needed = " or ".join((permission, *also))
        raise NotAllowed("FORBIDDEN", f"This needs the {needed} permission.")
    return identity


def api_route(blueprint, path: str, method: str, *, summary: str, tag: str, permission: str | None,
              response_model: type[BaseModel] | Deferred, request_model: type[BaseModel] | Deferred | None = None,
              status: int = 200, also: tuple[str, ...] = (), extra_errors: tuple[int, ...] = (),
              content_types: tuple[str, ...] = ("application/json",), query: tuple[str, ...] = (),
              headers: tuple[str, ...] = (), audit_read: bool = False):
    """Register a view that receives `identity` (when a permission is named) and `body`.

    A view may return a pydantic model (serialised with `status`) or a ready chalice Response
    (files such as PDFs and CSVs; declare their media types in `content_types`).
    """
    errors = tuple(sorted({500, *extra_errors} | ({400, 413} if request_model else set()) | ({400} if query else set())
                          | ({401, 403} if permission else set()) | ({404} if "{" in path else set())))
    spec = RouteSpec(path, method, summary, tag, permission, request_model, response_model, errors,
                     status, also, content_types, query, headers, audit_read)
    ROUTES.append(spec)

    def decorate(view):
        @functools.wraps(view)
        def endpoint(**uri_params):
            request = blueprint.current_request
            try:
                kwargs = dict(uri_params)
                if permission is not None:
                    kwargs["identity"] = _authorize(request.headers, permission, also)
                _check_path_and_query(uri_params, request.query_params, query)
                if request_model is not None:
                    kwargs["body"] = parse_body(request.raw_body, spec.request_model)
                result = view(**kwargs)
                if audit_read:
                    record_read(kwargs["identity"], path, uri_params, request.query_params)
                if isinstance(result, Response):
                    return result
                return json_response(result.model_dump(mode="json"), status)
            except ApiError as error:
                return error_response(error)
            except DomainError as error:
                return error_response(api_error(error))
            except Exception:
                logger().exception("unhandled error", extra={"route": path, "method": method})
                return error_response(ApiError(500, "INTERNAL_ERROR",
                                               "Something went wrong on our side; it has been logged."))

        blueprint.route(path, methods=[method], content_types=["application/json"])(endpoint)
        return endpoint

    return decorate
