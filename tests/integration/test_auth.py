"""Authentication and authorization through the real Chalice routes, with real moto tokens."""

from __future__ import annotations

import base64
import json

import pytest

BODY = json.dumps({"ndc": "00703-5145-01"})


def _error(response) -> dict:
    return json.loads(response.body)["error"]


def test_no_token_is_401_with_the_error_envelope(aws, api):
    response = api.http.post("/v1/ndc/validate", headers={"Content-Type": "application/json"}, body=BODY)
    assert response.status_code == 401
    assert _error(response)["code"] == "UNAUTHENTICATED"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_non_bearer_scheme_is_401(aws, api):
    response = api.http.post("/v1/ndc/validate", body=BODY,
                             headers={"Authorization": "Basic abc", "Content-Type": "application/json"})
    assert response.status_code == 401
    assert _error(response)["code"] == "UNAUTHENTICATED"


def test_tampered_token_is_401(aws, api):
    header, payload, signature = aws.token("admin@downeast.example").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["email"] = "staff@mainecare.example"  # try to become program staff
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    response = api.http.post("/v1/ndc/validate", body=BODY, headers={
        "Authorization": f"Bearer {header}.{forged}.{signature}", "Content-Type": "application/json"})
    assert response.status_code == 401
    assert _error(response)["code"] == "TOKEN_INVALID"


def test_token_for_another_app_client_is_401(aws, api):
    other_client = aws.session.client("cognito-idp").create_user_pool_client(
        UserPoolId=aws.pool_id, ClientName="someone-else", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    from local.cognito import id_token

    token = id_token(aws.session.client("cognito-idp"), aws.pool_id, other_client, "admin@downeast.example")
    response = api.http.post("/v1/ndc/validate", body=BODY, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert response.status_code == 401
    assert "another client" in _error(response)["message"]


def _call(api, token):
    return api.http.post("/v1/ndc/validate", body=BODY, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})


def test_a_well_signed_token_passes_so_the_cases_below_fail_for_their_own_reason(aws, api):
    assert _call(api, aws.forge()).status_code == 200


@pytest.mark.parametrize("overrides, code", [
    ({"exp": 1_000_000_000, "iat": 999_990_000}, "TOKEN_EXPIRED"),
    ({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"}, "TOKEN_INVALID"),
    ({"token_use": "access"}, "TOKEN_INVALID"),
    ({"email": None}, "TOKEN_INVALID"),
    ({"exp": None}, "TOKEN_INVALID"),
])
def test_expired_foreign_or_incomplete_tokens_are_401(aws, api, overrides, code):
    response = _call(api, aws.forge(**overrides))
    assert response.status_code == 401
    assert _error(response)["code"] == code


def test_access_token_is_refused(aws, api):
    result = aws.session.client("cognito-idp").admin_initiate_auth(
        UserPoolId=aws.pool_id, ClientId=aws.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "admin@downeast.example", "PASSWORD": "Demo-Passw0rd!"})
    access = result["AuthenticationResult"]["AccessToken"]
    response = api.http.post("/v1/ndc/validate", body=BODY, headers={
        "Authorization": f"Bearer {access}", "Content-Type": "application/json"})
    assert response.status_code == 401


def test_signed_in_user_without_account_is_403(aws, api):
    from local.cognito import add_user

    add_user(aws.session.client("cognito-idp"), aws.pool_id, "stranger@nowhere.example")
    response = api.http.get("/v1/me", headers=aws.auth("stranger@nowhere.example"))
    assert response.status_code == 403
    assert _error(response)["code"] == "ACCOUNT_NOT_ACTIVE"


def test_missing_permission_is_403(aws, api):
    response = api.http.post("/v1/ndc/validate", body=BODY, headers=aws.auth("viewer@downeast.example"))
    assert response.status_code == 403
    assert _error(response) == {"code": "FORBIDDEN", "message": "This needs the ndc:validate permission."}


def test_a_viewer_reads_claims_but_submits_nothing_as_the_readme_says(aws, api):
    viewer = aws.auth("viewer@downeast.example")
    assert api.http.get("/v1/claims", headers=viewer).status_code == 200
    assert api.http.get("/v1/me", headers=viewer).status_code == 200
    assert api.http.post("/v1/claims", body="{}", headers=viewer).status_code == 403


def test_me_reports_partner_and_permissions_from_the_accounts_table(aws, api):
    response = api.http.get("/v1/me", headers=aws.auth("biller@downeast.example"))
    assert response.status_code == 200
    assert json.loads(response.body) == {"email": "biller@downeast.example", "trading_partner_id": "DOWNEAST",
                                         "permissions": ["account:read", "claims:read", "claims:submit",
                                                         "eligibility:read", "files:download",
                                                         "files:rejection_report", "files:upload",
                                                         "ndc:combination_request", "ndc:validate"]}


@pytest.mark.parametrize("partner", ["PINETREE", "NOSUCHPARTNER"])
def test_another_partners_data_and_a_missing_one_answer_the_same_404(aws, api, partner):
    response = api.http.get(f"/v1/trading-partners/{partner}", headers=aws.auth("admin@downeast.example"))
    assert response.status_code == 404
    assert _error(response) == {"code": "NOT_FOUND", "message": "No such trading partner."}


def test_own_trading_partner_is_visible(aws, api):
    response = api.http.get("/v1/trading-partners/PINETREE", headers=aws.auth("admin@pinetree.example"))
    assert response.status_code == 200
    assert json.loads(response.body)["name"] == "Pine Tree Billing Services"


@pytest.mark.parametrize("verified", [False, "false", None])
def test_a_token_without_a_verified_email_is_401(aws, api, verified):
    response = _call(api, aws.forge(email_verified=verified))
    assert response.status_code == 401
    assert _error(response)["code"] == "EMAIL_NOT_VERIFIED"


def test_a_real_token_of_a_user_whose_email_is_not_verified_is_401(aws, api):
    cognito = aws.session.client("cognito-idp")
    cognito.admin_update_user_attributes(UserPoolId=aws.pool_id, Username="biller@downeast.example",
                                         UserAttributes=[{"Name": "email_verified", "Value": "false"}])
    response = api.http.get("/v1/me", headers=aws.auth("biller@downeast.example"))
    assert response.status_code == 401
    assert _error(response)["code"] == "EMAIL_NOT_VERIFIED"


def test_a_token_without_a_sub_is_401(aws, api):
    response = _call(api, aws.forge(sub=None))
    assert response.status_code == 401
    assert _error(response)["code"] == "TOKEN_INVALID"


def test_the_account_is_found_by_sub_not_by_the_email_in_the_token(aws, api):
    # A validly signed token naming admin@downeast's e-mail but another user's sub is that other user.
    stranger = aws.forge(sub="00000000-0000-0000-0000-000000000000")
    assert _call(api, stranger).status_code == 403
    as_viewer = aws.forge(sub=aws.sub("viewer@downeast.example"))
    assert _call(api, as_viewer).status_code == 403  # the Viewer's permissions, not the Admin's


def _change_email(aws, old: str, new: str) -> None:
    aws.session.client("cognito-idp").admin_update_user_attributes(
        UserPoolId=aws.pool_id, Username=old,
        UserAttributes=[{"Name": "email", "Value": new}, {"Name": "email_verified", "Value": "true"}])


def test_a_user_whose_email_changed_keeps_their_account(aws, api):
    from mainecare.stores import accounts

    sub = aws.sub("biller@downeast.example")
    _change_email(aws, "biller@downeast.example", "billing.lead@downeast.example")
    response = api.http.get("/v1/me", headers=aws.auth("billing.lead@downeast.example"))
    assert response.status_code == 200
    me = json.loads(response.body)
    assert me["email"] == "billing.lead@downeast.example" and me["trading_partner_id"] == "DOWNEAST"
    assert "claims:submit" in me["permissions"]
    assert accounts.get_user(sub).email == "billing.lead@downeast.example"  # the attribute follows


def test_someone_who_takes_over_an_old_email_does_not_inherit_the_account(aws, api):
    from local.cognito import add_user

    _change_email(aws, "admin@downeast.example", "former.admin@downeast.example")
    add_user(aws.session.client("cognito-idp"), aws.pool_id, "admin@downeast.example")  # a new person
    response = api.http.get("/v1/me", headers=aws.auth("admin@downeast.example"))
    assert response.status_code == 403
    assert _error(response)["code"] == "ACCOUNT_NOT_ACTIVE"
    assert api.http.get("/v1/me", headers=aws.auth("former.admin@downeast.example")).status_code == 200
