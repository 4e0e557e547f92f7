"""Demo user pool in moto's cognito-idp: e-mail usernames, the same checks as production."""

from __future__ import annotations

POOL_NAME = "mainecare-users"
CLIENT_NAME = "mainecare-api"
# Local only: moto holds no real secrets, and the stack's data lives only for the run.
DEMO_PASSWORD = "Demo-Passw0rd!"


def create_pool(cognito) -> tuple[str, str]:
    pool_id = cognito.create_user_pool(
        PoolName=POOL_NAME,
        UsernameAttributes=["email"],
        AutoVerifiedAttributes=["email"],
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": True,
                                     "RequireLowercase": True, "RequireNumbers": True,
                                     "RequireSymbols": True}},
    )["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName=CLIENT_NAME, GenerateSecret=False,
        # Real Cognito puts every readable attribute in the ID token; moto only those listed here.
        ReadAttributes=["email", "email_verified"],
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH",
                           "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def add_user(cognito, pool_id: str, email: str, password: str = DEMO_PASSWORD) -> str:
    """Create a signed-up user with a verified e-mail; returns the user's `sub`, the account key."""
    created = cognito.admin_create_user(
        UserPoolId=pool_id, Username=email, MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
    )["User"]
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=email, Password=password, Permanent=True)
    return user_sub(created["Attributes"])


def sub_of(cognito, pool_id: str, email: str) -> str:
    return user_sub(cognito.admin_get_user(UserPoolId=pool_id, Username=email)["UserAttributes"])


def user_sub(attributes: list[dict]) -> str:
    return next(a["Value"] for a in attributes if a["Name"] == "sub")


def id_token(cognito, pool_id: str, client_id: str, email: str, password: str = DEMO_PASSWORD) -> str:
    result = cognito.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": password},
    )
    return result["AuthenticationResult"]["IdToken"]


def cognito_environment(pool_id: str, client_id: str, region: str, jwks_url: str) -> dict[str, str]:
    return {
        "COGNITO_USER_POOL_ID": pool_id,
        "COGNITO_APP_CLIENT_ID": client_id,
        # moto signs tokens with the AWS-style issuer but serves the JWKS itself: two settings.
        "COGNITO_ISSUER": f"https://cognito-idp.{region}.amazonaws.com/{pool_id}",
        "COGNITO_JWKS_URL": jwks_url,
    }
