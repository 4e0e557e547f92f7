"""A trading partner's users, administered by its Admin (R7) users; the permission catalogue; staff's
view of Admin coverage."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.paging import page_of
from chalicelib.routing import api_route
from mainecare import clock
from mainecare.domain.permissions import ACCOUNT_READ, ADMIN_COVERAGE, USERS_INVITE, USERS_MANAGE, USERS_READ

is_admin = deferred("mainecare.domain.accounts.user_admin", "is_admin")
(AdminCoverage, AdminCoverageResponse, CataloguePermission, InviteUserRequest, PartnerUser, PartnerUserList,
 PermissionCatalogueResponse, PermissionChangeRequest) = deferred(
    "mainecare.models.accounts", "AdminCoverage", "AdminCoverageResponse", "CataloguePermission", "InviteUserRequest",
    "PartnerUser", "PartnerUserList", "PermissionCatalogueResponse", "PermissionChangeRequest")
admin_coverage = deferred_module("mainecare.services.accounts.admin_coverage")
user_admin = deferred_module("mainecare.services.accounts.user_admin")
user_permissions = deferred("mainecare.services.accounts.permission_grants", "user_permissions")

users = Blueprint(__name__)
TAG = "Accounts"
USERS = "/v1/trading-partners/{trading_partner_id}/users"


def _user(user, permissions=None) -> PartnerUser:
    if permissions is None:
        permissions = user_permissions(user, clock.today())
    return PartnerUser(user_id=user.sub, email=user.email, status=user.status, admin=is_admin(permissions),
                       permissions=sorted(permissions), last_sign_in=user.last_sign_in or None,
                       invited_at=user.invited_at or None, flagged_inactive_at=user.flagged_inactive_at or None)


@api_route(users, "/v1/permission-catalogue", "GET", tag=TAG, permission=ACCOUNT_READ,
           response_model=PermissionCatalogueResponse,
           summary="Every permission by area with what it allows and who may hold it, and the role templates "
                   "an Admin (R7) starts from")
def permission_catalogue(identity):
    found = user_admin.catalogue()
    return PermissionCatalogueResponse(
        areas=found["areas"], role_templates=found["role_templates"],
        permissions=[CataloguePermission(name=name, **entry) for name, entry in found["permissions"].items()])


@api_route(users, USERS, "GET", tag=TAG, permission=USERS_READ, response_model=PartnerUserList,
           query=("limit", "next_token"),
           summary="The partner's users (migrated ones included) with status, permissions and last sign-in, "
                   "by e-mail; another partner's answers 404")
def list_users(identity, trading_partner_id):
    found, next_token = page_of(users, user_admin.users(identity, trading_partner_id), lambda pair: pair[0].sub,
                                f"users#{trading_partner_id}")
    listed = [_user(user, permissions) for user, permissions in found]
    return PartnerUserList(trading_partner_id=trading_partner_id, users=listed, count=len(listed),
                           next_token=next_token)


@api_route(users, USERS, "POST", tag=TAG, permission=USERS_INVITE, request_model=InviteUserRequest,
           response_model=PartnerUser, status=201, extra_errors=(409,),
           summary="Invite a user by e-mail (Cognito sends the invitation) with permissions the Admin holds, "
                   "or a role template; 403 PERMISSION_NOT_HELD for any other, 409 EMAIL_TAKEN")
def invite_user(identity, body, trading_partner_id):
    invited = user_admin.invite(identity, trading_partner_id, body.email.lower(), body.permissions, body.template)
    return _user(invited)


@api_route(users, USERS + "/{user_id}/permissions", "POST", tag=TAG, permission=USERS_MANAGE,
           request_model=PermissionChangeRequest, response_model=PartnerUser, extra_errors=(409,),
           summary="Grant and revoke permissions (only ones the Admin holds); the last active Admin keeps "
                   "users:manage (409 LAST_ADMIN)")
def change_permissions(identity, body, trading_partner_id, user_id):
    return _user(user_admin.change_permissions(identity, trading_partner_id, user_id, body.grant, body.revoke))


@api_route(users, USERS + "/{user_id}/deactivate", "POST", tag=TAG, permission=USERS_MANAGE,
           response_model=PartnerUser, extra_errors=(409,),
           summary="Deactivate a user: refused from their next request, no new sign-ins; never the last active "
                   "Admin (409 LAST_ADMIN) nor oneself")
def deactivate(identity, trading_partner_id, user_id):
    return _user(user_admin.set_active(identity, trading_partner_id, user_id, False))


@api_route(users, USERS + "/{user_id}/reactivate", "POST", tag=TAG, permission=USERS_MANAGE,
           response_model=PartnerUser, extra_errors=(409,), summary="Reactivate a deactivated user")
def reactivate(identity, trading_partner_id, user_id):
    return _user(user_admin.set_active(identity, trading_partner_id, user_id, True))


@api_route(users, "/v1/admin/trading-partners/coverage", "GET", tag=TAG, permission=ADMIN_COVERAGE,
           response_model=AdminCoverageResponse,
           summary="Program staff: Admin (R7) coverage per trading partner (no active Admin is an error, fewer "
                   "than two a warning, one per 25 users recommended)")
def coverage(identity):
    found = [AdminCoverage(name=partner.name, kind=partner.kind, **c.__dict__)
             for partner, c in admin_coverage.partner_coverage()]
    return AdminCoverageResponse(partners=found, count=len(found))
