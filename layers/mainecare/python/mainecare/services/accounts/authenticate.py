"""Turns a bearer token into a verified Identity, or a specific reason it cannot.

The same code runs under `chalice local`, the in-process test client and Lambda, so there is no
trusted-header shortcut anywhere: the signature is checked against the user pool's JWKS, then
issuer, audience (our app client), expiry and token use. We accept Cognito ID tokens because
they carry the user's attributes. The account is found by `sub`, the Cognito user's immutable id:
an e-mail can change hands, a sub never does. The e-mail must be verified (`email_verified`):
it is who the audit trail names, and an unverified address is only a claim.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import jwt

from mainecare import clock
from mainecare.config import settings
from mainecare.domain.accounts import ACTIVE, INVITED, Identity
from mainecare.domain.errors import NotAllowed, Unauthenticated
from mainecare.services.accounts.permission_grants import user_permissions
from mainecare.stores import accounts

CLOCK_SKEW_SECONDS = 30


class AuthenticationError(Unauthenticated):
    """No valid credentials: a missing, expired or forged token."""


class AccessDenied(NotAllowed, AuthenticationError):
    """The caller is who they say, but may not do this (a disabled user, an unverified e-mail)."""

    kind = NotAllowed.kind


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    # PyJWKClient caches the key set and refetches when it meets an unknown key id (rotation).
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600)


def verify_token(token: str) -> dict:
    current = settings()
    if not current.cognito_jwks_url or not current.cognito_app_client_id:
        raise AuthenticationError("AUTH_NOT_CONFIGURED", "The API has no user pool configured.")
    try:
        signing_key = _jwks_client(current.cognito_jwks_url).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=current.cognito_app_client_id,
            issuer=current.cognito_issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud", "token_use"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise AuthenticationError("TOKEN_EXPIRED", "The token has expired; sign in again.") from error
    except jwt.InvalidAudienceError as error:
        raise AuthenticationError("TOKEN_INVALID", "The token was issued for another client.") from error
    except jwt.InvalidIssuerError as error:
        raise AuthenticationError("TOKEN_INVALID", "The token was issued by another user pool.") from error
    except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
        raise AuthenticationError("TOKEN_INVALID", "The token could not be verified.") from error
    if claims.get("token_use") != "id":
        raise AuthenticationError("TOKEN_INVALID", "Send the ID token, not the access token.")
    if not claims.get("sub"):
        raise AuthenticationError("TOKEN_INVALID", "The token carries no user id (sub).")
    if not claims.get("email"):
        raise AuthenticationError("TOKEN_INVALID", "The token carries no e-mail address.")
    # Cognito writes a JSON true; some identity providers pass the string "true" through.
    if claims.get("email_verified") not in (True, "true"):
        raise AuthenticationError("EMAIL_NOT_VERIFIED", "Verify your e-mail address, then sign in again.")
    return claims


def bearer_token(authorization_header: str | None) -> str:
    if not authorization_header:
        raise AuthenticationError("UNAUTHENTICATED", "Send an Authorization: Bearer <ID token> header.")
    scheme, _, token = authorization_header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("UNAUTHENTICATED", "The Authorization header must be 'Bearer <ID token>'.")
    return token.strip()


def identify(authorization_header: str | None, today: date | None = None) -> Identity:
    claims = verify_token(bearer_token(authorization_header))
    email = claims["email"].strip().lower()
    user = accounts.get_user(claims["sub"])
    if user is None or user.status not in (ACTIVE, INVITED):  # INACTIVE: refused from the next request on
        raise AccessDenied("ACCOUNT_NOT_ACTIVE", "No active MaineCare account for this user.")
    if user.email != email:  # changed (and verified) in Cognito since we last saw it
        accounts.record_email(user.sub, email)
    on = today or clock.today()
    if user.last_sign_in != on.isoformat() or user.status == INVITED:  # one write per user per day
        accounts.record_sign_in(user.sub, on.isoformat(), activate=user.status == INVITED)
    return Identity(email, user.trading_partner_id, user_permissions(user, on),
                    member_id=user.member_id, sub=user.sub)
