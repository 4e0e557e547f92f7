"""The authorization matrix, built from the route table itself: every route x a user with and
without its permission x its own and another trading partner.

- A route without a permission must be on the public list: a new route that forgets its
  permission fails here.
- Without the route's permission a caller gets 403, whatever else they hold.
- A caller of another trading partner holding every partner permission, sent at DOWNEAST's ids
  (path) or naming DOWNEAST (?trading_partner=), never gets a 2xx for DOWNEAST's things and never
  sees DOWNEAST's ids in an answer. Writes need a body the route accepts, so WRITE_BODIES must
  name one for every partner write route with a path id (a new one fails the test until it has).
"""

from __future__ import annotations

import json

import pytest

import chalicelib.blueprints  # noqa: F401 (declaring the routes fills ROUTES)
from chalicelib.routing import ROUTES
from local.cognito import add_user
from mainecare.domain.accounts import UserAccount
from mainecare.stores import accounts
from mainecare.stores.policy import policy_value
from tests.integration.test_health_home_api import SITE, TODAY, hh  # noqa: F401 (the fixture)

PUBLIC = {("GET", "/v1/health"), ("GET", "/v1/openapi.json"), ("GET", "/docs"), ("GET", "/docs/{asset}")}
CATALOGUE = policy_value("permission_catalogue", TODAY)["permissions"]
PARTNER_PERMISSIONS = frozenset(p for p, e in CATALOGUE.items() if e["audience"] == "partner")
EVERYTHING = frozenset(CATALOGUE)
WRITE_BODIES = {
    ("PUT", "/v1/sites/{site_id}/attestations/{month}"): {"members": [{"member_id": "DEMO-0001",
                                                                      "activity": "DASHBOARD_SCAN"}]},
    ("POST", "/v1/community-care-teams/{cct_id}/panel"): {"member_id": "DEMO-0001", "month": "2026-01",
                                                         "service_delivered": True},
    ("POST", "/v1/sites/{site_id}/member-requests"): {"member_id": "DEMO-0003"},
    ("POST", "/v1/sites/{site_id}/stage-b-additions"): {"member_id": "DEMO-0004"},
    ("POST", "/v1/sites/{site_id}/panel/{member_id}/termination"): {"reason": "NOT_SERVED",
                                                                   "effective_date": "2026-02-01"},
    ("POST", "/v1/providers/{npi}/maintenance-cases"): {"type": "ADD_LICENSE", "license": {
        "license_number": "X1", "expires": "2029-01-31"}},
    ("POST", "/v1/trading-partners/{trading_partner_id}/users"): {"email": "matrix.new@katahdin.example",
                                                                  "permissions": ["claims:read"]},
    ("POST", "/v1/trading-partners/{trading_partner_id}/users/{user_id}/permissions"): {"revoke": ["claims:read"]},
    ("POST", "/v1/sites/{site_id}/messages"): {"to_site_id": "KATAHDIN-MILLINOCKET", "subject": "s", "body": "b"},
    ("POST", "/v1/authorizations/{authorization_id}/cancel"): {},
    ("POST", "/v1/authorizations/{authorization_id}/extend"): {"ends": "2026-12-31", "more_units": 1},
    ("POST", "/v1/authorizations/{authorization_id}/attachments"): {"content_type": "application/pdf", "size": 10},
    ("POST", "/v1/trading-partners/{trading_partner_id}/users/{user_id}/deactivate"): {},
    ("POST", "/v1/trading-partners/{trading_partner_id}/users/{user_id}/reactivate"): {},
}


def _partner_route(spec) -> bool:
    """Routes a partner's user can be granted (staff routes see every partner by design)."""
    return spec.permission is not None and all(CATALOGUE[p]["audience"] == "partner" for p in (spec.permission,))


def test_every_route_needs_a_permission_or_is_public():
    unprotected = {(s.method, s.path) for s in ROUTES if s.permission is None}
    assert unprotected == PUBLIC, f"routes without a permission: {sorted(unprotected - PUBLIC)}"


def test_every_partner_write_with_a_path_id_has_a_body_here():
    writes = {(s.method, s.path) for s in ROUTES if s.method != "GET" and "{" in s.path and _partner_route(s)}
    assert writes <= set(WRITE_BODIES), f"add a body to WRITE_BODIES for {sorted(writes - set(WRITE_BODIES))}"


@pytest.fixture
def matrix(hh):  # noqa: F811
    """DOWNEAST's things (ids a path can name) and two callers: one of DOWNEAST, one of KATAHDIN."""
    aws = hh.aws
    cognito = aws.session.client("cognito-idp")
    subs = {email: add_user(cognito, aws.pool_id, email) for email in ("matrix@downeast.example",
                                                                       "matrix@katahdin.example")}
    pending = hh.request("DEMO-0001")
    from datetime import date

    from mainecare.domain.accounts import Identity
    from mainecare.services.authorizations import requests as authorizations

    requested = authorizations.submit(Identity("admin@downeast.example", "DOWNEAST"), "REFERRAL", "DEMO-0001",
                                      "1234567893", "1234567893", [{"code_set": "HCPCS", "code": "E0470", "units": 1}],
                                      date(2026, 1, 1), date(2026, 1, 31), [])
    ids = {"trading_partner_id": "DOWNEAST", "site_id": SITE, "member_id": "DEMO-0001", "month": "2026-01",
           "report": "member-panel", "request_id": pending["request_id"], "cct_id": "CCT-COASTAL",
           "npi": "1234567893", "case_id": "NOCASE", "file_id": "20260101-000000000-00000000",
           "claim_id": "NOCLAIM", "message_id": "NOMESSAGE", "authorization_id": requested.authorization_id,
           "asset": "swagger-ui.css",
           "user_id": aws.sub("biller@downeast.example")}
    return aws, hh, subs, ids


def _as(aws, email: str, sub: str, partner: str, permissions) -> dict:
    accounts.put_user(UserAccount(sub, email, partner, (), "ACTIVE", granted=tuple(sorted(permissions)),
                                  last_sign_in=TODAY.isoformat()))
    return aws.auth(email)


def _call(api, spec, ids: dict, headers: dict, query: str = ""):
    path = spec.path
    for name, value in ids.items():
        path = path.replace("{" + name + "}", value)
    send = getattr(api.http, spec.method.lower())
    body = WRITE_BODIES.get((spec.method, spec.path), {})
    if spec.method == "GET":
        return send(path + query, headers=headers)
    return send(path + query, headers=headers, body=json.dumps(body))


def test_without_its_permission_every_route_answers_403(matrix):
    aws, hh, subs, ids = matrix  # noqa: F811
    for spec in (s for s in ROUTES if s.permission is not None):
        lacking = EVERYTHING - {spec.permission, *spec.also}
        headers = _as(aws, "matrix@downeast.example", subs["matrix@downeast.example"], "DOWNEAST", lacking)
        response = _call(hh.api, spec, ids, headers)
        assert response.status_code == 403, (spec.method, spec.path, response.status_code, response.body[:200])


def test_another_partner_holding_everything_reaches_nothing_of_downeast(matrix):
    aws, hh, subs, ids = matrix  # noqa: F811
    headers = _as(aws, "matrix@katahdin.example", subs["matrix@katahdin.example"], "KATAHDIN", PARTNER_PERMISSIONS)
    checked = 0
    for spec in (s for s in ROUTES if _partner_route(s)):
        query = "?trading_partner=DOWNEAST" if "trading_partner" in spec.query else ""
        if "{" not in spec.path and not query:
            continue  # a route of no one's id answers the caller's own partner (tested with each route)
        if spec.path == "/v1/trading-partners/{trading_partner_id}/users/{user_id}/reactivate":
            continue  # DOWNEAST's biller is active; its deactivate row above already tried it
        response = _call(hh.api, spec, ids, headers, query)
        text = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
        if "{" in spec.path:
            assert response.status_code in (400, 403, 404), (spec.method, spec.path, response.status_code, text[:300])
        assert "DOWNEAST" not in text and ids["request_id"] not in text, (spec.method, spec.path, text[:300])
        checked += 1
    assert checked >= 25
    assert accounts.get_user(ids["user_id"]).status == "ACTIVE"  # the other partner's deactivation did nothing
