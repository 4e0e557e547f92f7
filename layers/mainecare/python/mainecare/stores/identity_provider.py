"""The user pool (Cognito; moto's locally): invitations and sign-in switches. Usernames are the
e-mail; Cognito sends the invitation (a temporary password) and the user sets their own at first
sign-in. Disabling a user stops new sign-ins; the API refuses an inactive account's existing
tokens from the next request on (services/accounts/authenticate.py)."""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores.aws import client


class AlreadyInPool(Exception):
    pass


def invite(email: str) -> str:
    """Create the user and send the invitation; the new user's sub (the account key)."""
    cognito = client("cognito-idp")
    try:
        created = cognito.admin_create_user(
            UserPoolId=settings().cognito_user_pool_id, Username=email, DesiredDeliveryMediums=["EMAIL"],
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}])
    except cognito.exceptions.UsernameExistsException as error:
        raise AlreadyInPool(email) from error
    return next(a["Value"] for a in created["User"]["Attributes"] if a["Name"] == "sub")


def withdraw_invitation(email: str) -> None:
    """Undo an invitation whose account could not be written (the e-mail was taken meanwhile)."""
    client("cognito-idp").admin_delete_user(UserPoolId=settings().cognito_user_pool_id, Username=email)


def set_enabled(email: str, enabled: bool) -> None:
    cognito = client("cognito-idp")
    call = cognito.admin_enable_user if enabled else cognito.admin_disable_user
    call(UserPoolId=settings().cognito_user_pool_id, Username=email)
