"""Admin (R7) users administer their partner's users through the API, on moto's Cognito:
invite -> accept -> sign in -> permissions in effect; grants without escalation; deactivation
effective on the next request; the last Admin kept; every change audited."""

from __future__ import annotations

import json

import pytest

ADMIN, BILLER, VIEWER = "admin@downeast.example", "biller@downeast.example", "viewer@downeast.example"
PINETREE_ADMIN, STAFF = "admin@pinetree.example", "staff@mainecare.example"
USERS = "/v1/trading-partners/DOWNEAST/users"


def _call(api, aws, method: str, path: str, email: str, body: dict | None = None):
    send = getattr(api.http, method.lower())
    if method == "GET":
        response = send(path, headers=aws.auth(email))
    else:
        response = send(path, headers=aws.auth(email), body=json.dumps(body or {}))
    return response.status_code, json.loads(response.body)


def _user_id(api, aws, email: str) -> str:
    _, listed = _call(api, aws, "GET", USERS, ADMIN)
    return next(u["user_id"] for u in listed["users"] if u["email"] == email)


def test_an_admin_lists_the_partners_users_and_nobody_else_does(aws, api):
    status, listed = _call(api, aws, "GET", USERS, ADMIN)
    assert status == 200
    assert {u["email"] for u in listed["users"]} == {ADMIN, BILLER, VIEWER}
    admin = next(u for u in listed["users"] if u["email"] == ADMIN)
    assert admin["admin"] is True and admin["status"] == "ACTIVE" and admin["last_sign_in"]  # this very call
    assert _call(api, aws, "GET", USERS, BILLER)[0] == 403
    status, body = _call(api, aws, "GET", USERS, PINETREE_ADMIN)
    assert status == 404 and body["error"]["code"] == "NOT_FOUND"


def test_invite_accept_sign_in_and_the_permissions_are_in_effect(aws, api):
    status, invited = _call(api, aws, "POST", USERS, ADMIN, {"email": "New.Biller@Downeast.example",
                                                             "template": "Biller"})
    assert status == 201 and invited["status"] == "INVITED" and invited["email"] == "new.biller@downeast.example"
    assert "claims:submit" in invited["permissions"]
    cognito = aws.session.client("cognito-idp")
    cognito.admin_set_user_password(UserPoolId=aws.pool_id, Username="new.biller@downeast.example",
                                    Password="Accepted-Passw0rd!", Permanent=True)  # the user accepts
    token = cognito.admin_initiate_auth(
        UserPoolId=aws.pool_id, ClientId=aws.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "new.biller@downeast.example", "PASSWORD": "Accepted-Passw0rd!"},
    )["AuthenticationResult"]["IdToken"]
    me = api.http.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and set(json.loads(me.body)["permissions"]) == set(invited["permissions"])
    _, listed = _call(api, aws, "GET", USERS, ADMIN)
    assert next(u for u in listed["users"] if u["email"] == "new.biller@downeast.example")["status"] == "ACTIVE"
    status, body = _call(api, aws, "POST", USERS, ADMIN, {"email": "NEW.BILLER@downeast.example",
                                                          "permissions": ["claims:read"]})
    assert status == 409 and body["error"]["code"] == "EMAIL_TAKEN"  # usernames are unique whatever the case


@pytest.mark.parametrize(("permissions", "status", "code"), [
    (["claims:read_all"], 403, "PERMISSION_NOT_GRANTABLE"),  # staff only
    (["claims:fly"], 400, "PERMISSION_UNKNOWN"),
    ([], 400, "PERMISSIONS_MISSING"),
])
def test_nobody_grants_what_they_do_not_hold(aws, api, permissions, status, code):
    answer, body = _call(api, aws, "POST", USERS, ADMIN, {"email": "x@downeast.example", "permissions": permissions})
    assert (answer, body["error"]["code"]) == (status, code)


def test_a_user_who_may_invite_grants_only_what_they_hold(aws, api):
    biller = _user_id(api, aws, BILLER)
    _call(api, aws, "POST", f"{USERS}/{biller}/permissions", ADMIN, {"grant": ["users:invite"]})
    status, body = _call(api, aws, "POST", USERS, BILLER, {"email": "y@downeast.example",
                                                           "permissions": ["panel:read"]})
    assert status == 403 and body["error"]["code"] == "PERMISSION_NOT_HELD"
    assert _call(api, aws, "POST", USERS, BILLER, {"email": "y@downeast.example",
                                                  "permissions": ["claims:read"]})[0] == 201


def test_a_revoke_and_a_deactivation_take_effect_on_the_next_request(aws, api):
    biller = _user_id(api, aws, BILLER)
    status, changed = _call(api, aws, "POST", f"{USERS}/{biller}/permissions", ADMIN, {"revoke": ["claims:read"]})
    assert status == 200 and "claims:read" not in changed["permissions"]
    assert api.http.get("/v1/claims", headers=aws.auth(BILLER)).status_code == 403
    status, deactivated = _call(api, aws, "POST", f"{USERS}/{biller}/deactivate", ADMIN, {})
    assert status == 200 and deactivated["status"] == "INACTIVE"
    assert _call(api, aws, "POST", f"{USERS}/{biller}/reactivate", ADMIN, {})[1]["status"] == "ACTIVE"
    assert api.http.get("/v1/me", headers=aws.auth(BILLER)).status_code == 200
    audit = aws.session.client("dynamodb").scan(TableName=_table("Audit"))["Items"]
    actions = {i["action"]["S"] for i in audit if i["pk"]["S"] == f"USER#{biller}"}
    assert {"USER_PERMISSIONS_CHANGED", "USER_DEACTIVATED", "USER_REACTIVATED"} <= actions


def test_a_token_issued_before_deactivation_is_refused(aws, api):
    headers = aws.auth(VIEWER)  # signed in before
    viewer = _user_id(api, aws, VIEWER)
    _call(api, aws, "POST", f"{USERS}/{viewer}/deactivate", ADMIN, {})
    response = api.http.get("/v1/me", headers=headers)
    assert response.status_code == 403 and json.loads(response.body)["error"]["code"] == "ACCOUNT_NOT_ACTIVE"


def test_the_last_active_admin_is_kept(aws, api):
    admin = _user_id(api, aws, ADMIN)
    status, body = _call(api, aws, "POST", f"{USERS}/{admin}/permissions", ADMIN, {"revoke": ["users:manage"]})
    assert status == 409 and body["error"]["code"] == "LAST_ADMIN"
    assert _call(api, aws, "POST", f"{USERS}/{admin}/deactivate", ADMIN, {})[1]["error"]["code"] == "SELF_DEACTIVATION"
    biller = _user_id(api, aws, BILLER)
    grant = ["users:manage", "users:read"]
    assert _call(api, aws, "POST", f"{USERS}/{biller}/permissions", ADMIN, {"grant": grant})[1]["admin"] is True
    assert _call(api, aws, "POST", f"{USERS}/{admin}/permissions", BILLER, {"revoke": ["users:manage"]})[0] == 200
    status, body = _call(api, aws, "POST", f"{USERS}/{biller}/deactivate", ADMIN, {})
    assert status == 403  # the former Admin no longer holds users:manage


def test_another_partners_user_answers_404(aws, api):
    biller = _user_id(api, aws, BILLER)
    status, _ = _call(api, aws, "POST", f"/v1/trading-partners/PINETREE/users/{biller}/deactivate", PINETREE_ADMIN, {})
    assert status == 404
    status, _ = _call(api, aws, "POST", f"{USERS}/{biller}/deactivate", PINETREE_ADMIN, {})
    assert status == 404


def test_staff_see_admin_coverage(aws, api):
    status, body = _call(api, aws, "GET", "/v1/admin/trading-partners/coverage", STAFF)
    assert status == 200
    by_partner = {p["trading_partner_id"]: p for p in body["partners"]}
    assert by_partner["DOWNEAST"]["active_admins"] == 1 and by_partner["DOWNEAST"]["level"] == "WARNING"
    assert "MAINECARE" not in by_partner and "MEMBERS" not in by_partner
    assert _call(api, aws, "GET", "/v1/admin/trading-partners/coverage", ADMIN)[0] == 403


def test_the_catalogue_lists_about_forty_permissions_and_the_templates(aws, api):
    status, body = _call(api, aws, "GET", "/v1/permission-catalogue", VIEWER)
    assert status == 200 and len(body["permissions"]) >= 40
    assert {"Admin", "Biller", "Viewer"} <= set(body["role_templates"])


def _table(logical_id: str) -> str:
    from mainecare.config import settings

    return settings().table(logical_id)


def test_staff_query_the_audit_trail_by_user_and_by_member_a_page_at_a_time(aws, api):
    biller = _user_id(api, aws, BILLER)
    _call(api, aws, "POST", f"{USERS}/{biller}/deactivate", ADMIN, {})
    _call(api, aws, "POST", f"{USERS}/{biller}/reactivate", ADMIN, {})
    status, page = _call(api, aws, "GET", f"/v1/admin/audit?user={ADMIN.upper()}&limit=1", STAFF)
    assert status == 200 and [e["action"] for e in page["entries"]] == ["USER_DEACTIVATED"] and page["next_token"]
    status, rest = _call(api, aws, "GET", f"/v1/admin/audit?user={ADMIN}&next_token={page['next_token']}", STAFF)
    assert [e["action"] for e in rest["entries"]] == ["USER_REACTIVATED"]
    assert rest["entries"][0]["entity"] == f"USER#{biller}" and rest["entries"][0]["actor_partner"] == "DOWNEAST"
    assert _call(api, aws, "GET", "/v1/admin/audit?member=DEMO-0001", STAFF)[0] == 200
    assert _call(api, aws, "GET", "/v1/admin/audit", STAFF)[1]["error"]["code"] == "AUDIT_QUERY_INVALID"
    assert _call(api, aws, "GET", f"/v1/admin/audit?user={ADMIN}", ADMIN)[0] == 403
    status, forged = _call(api, aws, "GET", f"/v1/admin/audit?user={BILLER}&next_token={page['next_token']}", STAFF)
    assert status == 400 and forged["error"]["code"] == "NEXT_TOKEN_INVALID"  # cut from another user's list
