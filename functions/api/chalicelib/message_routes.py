"""The Health Home portal's secure messages between sites with an agreement, and the list of a
site's authorized portal users."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib.deferred import deferred, deferred_module
from chalicelib.query import one_of, page_params, params
from chalicelib.routing import api_route
from mainecare.domain.permissions import MESSAGES_READ, MESSAGES_SEND, PANEL_READ

(AuthorizedUser, AuthorizedUsers, MessageCreate, MessageList, MessageOut, MessageSummary) = deferred(
    "mainecare.models.messages", "AuthorizedUser", "AuthorizedUsers", "MessageCreate", "MessageList", "MessageOut",
    "MessageSummary")
messages = deferred_module("mainecare.services.health_homes.messages")

message_routes = Blueprint(__name__)
TAG = "Health Homes"


def _out(message) -> MessageOut:
    return MessageOut(**{k: v for k, v in message.__dict__.items() if k != "read_by"}, read_by=list(message.read_by))


@api_route(message_routes, "/v1/sites/{site_id}/messages", "POST", tag=TAG, permission=MESSAGES_SEND,
           request_model=MessageCreate, response_model=MessageOut, status=201, extra_errors=(422,),
           summary="Send a secure message to a site your organization has an agreement with (same system, or a "
                   "shared CCT or BHH affiliation; else 422 NO_AGREEMENT). The receiving site's users get an "
                   "e-mail notice without health information")
def send_message(identity, body, site_id):
    return _out(messages.send(identity, site_id, body.to_site_id, body.subject, body.body))


@api_route(message_routes, "/v1/sites/{site_id}/messages", "GET", tag=TAG, permission=MESSAGES_READ,
           audit_read=True,
           response_model=MessageList, query=("box", "limit", "next_token"),
           summary="The site's messages, newest first (?box=INBOX, the default, or SENT), subjects only, paged")
def list_messages(identity, site_id):
    box = one_of(params(message_routes), "box", frozenset({"INBOX", "SENT"})) or "INBOX"
    limit, token = page_params(message_routes)
    found, next_token = messages.mailbox(identity, site_id, box, limit=limit, token=token)
    listed = [MessageSummary(**{k: v for k, v in m.__dict__.items() if k not in ("body", "read_by")}) for m in found]
    return MessageList(site_id=site_id, box=box, messages=listed, count=len(listed), next_token=next_token)


@api_route(message_routes, "/v1/sites/{site_id}/messages/{message_id}", "GET", tag=TAG, permission=MESSAGES_READ,
           audit_read=True,
           response_model=MessageOut, summary="Read one message (recorded as read by you)")
def read_message(identity, site_id, message_id):
    return _out(messages.read(identity, site_id, message_id))


@api_route(message_routes, "/v1/sites/{site_id}/authorized-users", "GET", tag=TAG, permission=PANEL_READ,
           response_model=AuthorizedUsers,
           summary="The organization's authorized Health Home portal users and their Health Home permissions only "
                   "(minimum necessary); its Admins are the portal administrators who keep the list")
def authorized_users(identity, site_id):
    found = [AuthorizedUser(**u) for u in messages.authorized_users(identity, site_id)]
    return AuthorizedUsers(site_id=site_id, users=found, count=len(found))
