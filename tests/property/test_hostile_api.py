"""Property tests: hostile input to every route of the real app (on moto) gets a clear 4xx.

Generated bodies (huge numbers as JSON numbers and as strings, deep nesting, bad UTF-8, lone
surrogates, long strings, wrong types, unknown keys with PHI-looking names and values) are posted to
every route that takes a body, and hostile query strings are sent to every route. Each answer must be
a 4xx in the error envelope with the security headers, must not contain any submitted value (every
generated string carries MARKER), and nothing may be stored.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from chalicelib.routing import ROUTES
from local.demo import USERS
from local.handlers import load_module

load_module("api")  # registers every route in ROUTES
MARKER = "QZXPHI"
BODY_ROUTES = [r for r in ROUTES if r.request_model is not None]
assert BODY_ROUTES, "the app registered no routes"
SECURITY = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
QUERY_NAMES = ("date", "from", "to", "month", "status", "quarter", "format", "member", "trading_partner")
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _field_names(model: type[BaseModel]) -> set[str]:
    """Every field name of a request model and the models inside it: bodies that reach the validators."""
    schema = model.model_json_schema()
    return set(schema.get("properties", {})).union(*(d.get("properties", {}) for d in schema.get("$defs", {}).values()))


FIELD_NAMES = sorted(set().union(*(_field_names(r.request_model) for r in BODY_ROUTES)))

marked_text = st.builds(lambda a, b: f"{a}{MARKER}{b}", st.text(max_size=12), st.text(max_size=12))
long_text = st.integers(min_value=300, max_value=5000).map(lambda n: (MARKER * (n // len(MARKER) + 1))[:n])
number_text = st.sampled_from(["1e999999999", "-1e999999999", "9" * 5000, "1E+400", "NaN", "-Infinity",
                               "-40", "0x1F", "1_000", "12345678901234567", "2026024"])
scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                   st.floats(allow_nan=False, allow_infinity=False), marked_text, long_text, number_text)
json_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.sampled_from(FIELD_NAMES) | marked_text, inner, max_size=4),
                          max_leaves=16)
phi_key = st.sampled_from(["patientName", "DOE_JANE", "ssn", "dateOfBirth_", "member"]).map(lambda k: f"{k}{MARKER}")


@st.composite
def hostile_object(draw) -> bytes:
    """Known field names with wrong or oversized values, and always one unknown PHI-looking key."""
    body = draw(st.dictionaries(st.sampled_from(FIELD_NAMES), json_value, max_size=8))
    body[draw(phi_key)] = draw(st.sampled_from(["DOE, JANE", "1970-01-01", "123-45-6789"])) + MARKER
    return json.dumps(body).encode()


def _nested(depth: int, opener: bytes) -> bytes:
    inner = f'"{MARKER}"'.encode()
    if opener == b"[":
        return b"[" * depth + inner + b"]" * depth
    return b'{"a":' * depth + inner + b"}" * depth


def _with_literal(literal: str) -> bytes:
    return f'{{"serviceUnitCount": {literal}, "{MARKER}": 1}}'.encode()


def _bad_utf8(garbage: bytes) -> bytes:
    return f'{{"{MARKER}": "'.encode() + garbage + b'"}'


hostile_body = st.one_of(
    hostile_object(),
    st.builds(_nested, st.integers(min_value=33, max_value=1500), st.sampled_from([b"[", b"{"])),
    st.builds(_with_literal, st.sampled_from(["1e999999999", "-1e999999999", "1" * 5000, "NaN", "Infinity",
                                              "1.5e-400", "7" * 33])),
    st.builds(_bad_utf8, st.binary(min_size=1, max_size=24).filter(lambda b: not _decodes(b))),
    st.just(f'{{"{MARKER}": "\\ud800"}}'.encode()),
    st.just(b""),
)
query_value = st.one_of(marked_text, long_text, number_text,
                        st.sampled_from(["2026-13-45", "20260204", "2026-W06-3", "99999-01-01", "2026Q9",
                                         "0001-01-01", "0000-01", "9999-12-31", "9999-12"]))
hostile_query = st.dictionaries(st.sampled_from(QUERY_NAMES) | phi_key, query_value, min_size=1, max_size=4)


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _path(spec) -> str:
    return re.sub(r"\{[^}]+\}", "X1", spec.path)


def _stored_items(aws) -> dict[str, int]:
    dynamodb = aws.session.client("dynamodb")
    return {name: dynamodb.scan(TableName=name, Select="COUNT")["Count"]
            for name in dynamodb.list_tables()["TableNames"]}


def _assert_clear_refusal(response, spec, *, must_refuse: bool) -> None:
    where = f"{spec.method} {spec.path}"
    text = response.body.decode("utf-8", "replace") if isinstance(response.body, bytes) else str(response.body)
    assert response.status_code < 500, f"{where}: {response.status_code} {text[:300]}"
    assert MARKER not in text, f"{where} echoed a submitted value: {text[:300]}"
    assert all(response.headers.get(k) == v for k, v in SECURITY.items()), where
    if must_refuse or response.status_code >= 400:
        assert 400 <= response.status_code < 500, f"{where}: {response.status_code}"
        error = json.loads(text)["error"]
        assert isinstance(error["code"], str) and isinstance(error["message"], str), where


@pytest.fixture
def callers(loaded):
    """Authorization headers of a demo user holding each route's permission, so input parsing is reached."""
    from mainecare.services.accounts.authenticate import identify

    headers = {}
    for user in USERS:
        header = f"Bearer {loaded.token(user.email)}"
        headers[header] = identify(header)
    chosen = {}
    for spec in ROUTES:
        wanted = (spec.permission, *spec.also)
        chosen[spec] = next((h for h, who in headers.items() if spec.permission is None
                             or any(who.may(p) for p in wanted)), None)
    missing = [f"{s.method} {s.path}" for s, h in chosen.items() if h is None]
    assert not missing, f"no demo user may call {missing}"
    return loaded, chosen


def _group(spec) -> str:
    """Route groups: each gets SETTINGS' examples; the small tags share one."""
    return spec.tag if spec.tag in ("Claims", "Health Homes", "Members", "Accounts", "Authorizations") else "other"


def _run_group(group: list, payloads, send) -> set:
    reached = set()

    # Enough examples that every route of the group is drawn (a group grows with its routes).
    @settings(SETTINGS, max_examples=max(60, 4 * len(group)))
    @given(spec=st.sampled_from(group), payload=payloads)
    def one(spec, payload):
        reached.add(spec)
        send(spec, payload)

    one()
    return reached


def _every_group(routes, payloads, send) -> None:
    """Each example sends one payload to one route of a group; every route of every group is reached."""
    for name in sorted({_group(r) for r in routes}):
        group = [r for r in routes if _group(r) == name]
        missed = set(group) - _run_group(group, payloads, send)
        assert not missed, f"group {name}: never reached {[(r.method, r.path) for r in missed]}"


def test_hostile_bodies_to_every_route_that_takes_one(callers, api):
    aws, chosen = callers
    before = _stored_items(aws)

    def post(spec, body: bytes):
        response = api.http.request(spec.method, _path(spec), body=body, headers={
            "Authorization": chosen[spec], "Content-Type": "application/json"})
        _assert_clear_refusal(response, spec, must_refuse=True)

    _every_group(BODY_ROUTES, hostile_body, post)
    assert _stored_items(aws) == before


def test_hostile_query_strings_to_every_route(callers, api):
    from urllib.parse import urlencode

    aws, chosen = callers
    before = _stored_items(aws)

    def get(spec, query: dict):
        response = api.http.get(f"{_path(spec)}?{urlencode(query)}", headers={"Authorization": chosen[spec]})
        _assert_clear_refusal(response, spec, must_refuse=False)

    _every_group([r for r in ROUTES if r.method == "GET"], hostile_query, get)
    after = _stored_items(aws)
    audit = next(name for name in after if name.endswith("-audit"))
    assert {**after, audit: 0} == {**before, audit: 0}  # lookups are audited; nothing else is written
    audited = aws.session.client("dynamodb").scan(TableName=audit)["Items"]
    assert MARKER not in json.dumps(audited)
