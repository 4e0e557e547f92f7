"""Use cases: the Health Home portal's secure messages and authorized-user list.

A site's users (messages:send) write to a site their organization has an agreement with
(domain/health_homes/messaging.py); every user of the receiving site who may read messages lists
and reads them, and each gets an e-mail notice that a message is waiting, naming the site only.
Sending commits the message with its audit entry; reading records the reader. Subjects and bodies
never reach a log or a notice.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from mainecare import clock
from mainecare.domain.accounts import ACTIVE, INVITED, Identity
from mainecare.domain.accounts.user_admin import is_admin
from mainecare.domain.errors import NotFound, Refused
from mainecare.domain.health_homes.messaging import have_agreement
from mainecare.observability import logger
from mainecare.services.accounts.permission_grants import user_permissions
from mainecare.services.health_homes.common import visible_site
from mainecare.stores import accounts, audit, mail, practices
from mainecare.stores import messages as message_store
from mainecare.stores.messages import Message
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import commit

READ = "messages:read"


def _health_home_permissions(on) -> set[str]:
    catalogue = policy_value("permission_catalogue", on)["permissions"]
    return {name for name, entry in catalogue.items()
            if entry["audience"] == "partner" and entry["area"].startswith(("Health Home", "Messages"))}


def authorized_users(identity: Identity, site_id: str) -> list[dict]:
    """The site's organization's users who hold a Health Home permission (HIPAA minimum necessary:
    only those), with those permissions; its Admins are the portal administrators who keep the list."""
    site = visible_site(identity, site_id)
    today = clock.today()
    wanted = _health_home_permissions(today)
    listed = []
    for user in accounts.partner_users(site.trading_partner_id):
        held = user_permissions(user, today)
        if user.status in (ACTIVE, INVITED) and (held & wanted or is_admin(held)):
            listed.append({"user_id": user.sub, "email": user.email, "status": user.status,
                           "portal_administrator": is_admin(held), "permissions": sorted(held & wanted)})
    return listed


def send(identity: Identity, site_id: str, to_site_id: str, subject: str, body: str) -> Message:
    sender = visible_site(identity, site_id)
    recipient = practices.get_site(to_site_id)
    if recipient is None:
        raise NotFound("site")
    today = clock.today()
    if not have_agreement(sender, recipient, practices.affiliations(sender.practice_id),
                          practices.affiliations(recipient.practice_id), today):
        raise Refused("NO_AGREEMENT", "Messages go only to sites your organization has an agreement with "
                                      "(the same system, or a shared CCT or BHH affiliation).")
    message = Message(uuid.uuid4().hex, site_id, to_site_id, identity.email, clock.now_text(), subject, body, ())
    commit([*message_store.new_message_writes(message),
            audit.entry(f"MESSAGE#{message.message_id}", "MESSAGE_SENT", identity,
                        {"from_site_id": site_id, "to_site_id": to_site_id})])
    _notify(recipient)
    return message


PROGRAM_SENDER = "MAINECARE"  # messages MaineCare itself sends (authorization decisions)


def send_from_program(recipient, subject: str, body: str) -> Message:
    """A message from MaineCare to a site (no agreement needed): committed with its audit entry."""
    message = Message(uuid.uuid4().hex, PROGRAM_SENDER, recipient.site_id, "system:mainecare", clock.now_text(),
                      subject[:200], body, ())
    commit([*message_store.new_message_writes(message),
            audit.entry(f"MESSAGE#{message.message_id}", "MESSAGE_SENT", "system:mainecare",
                        {"from_site_id": PROGRAM_SENDER, "to_site_id": recipient.site_id})])
    _notify(recipient)
    return message


def _notify(recipient) -> None:
    today = clock.today()
    readers = [u for u in accounts.partner_users(recipient.trading_partner_id)
               if u.status == ACTIVE and READ in user_permissions(u, today)]
    for reader in readers:
        mail.send_notice(reader.email, "A secure message is waiting in the MaineCare Health Home portal",
                         f"A secure message for {recipient.name} ({recipient.site_id}) is waiting in the MaineCare "
                         "Health Home portal. Sign in to read it. This notice carries no health information.")
    logger().info("secure message sent", extra={"to_site_id": recipient.site_id, "notices": len(readers)})


def mailbox(identity: Identity, site_id: str, box: str, *, limit: int, token: str | None):
    visible_site(identity, site_id)
    return message_store.site_messages(site_id, box, limit=limit, token=token)


def read(identity: Identity, site_id: str, message_id: str) -> Message:
    visible_site(identity, site_id)
    message = message_store.get_message(message_id)
    if message is None or site_id not in (message.to_site_id, message.from_site_id):
        raise NotFound("message")
    if message.to_site_id == site_id and identity.email not in message.read_by:
        message_store.mark_read(message_id, identity.email)
        message = replace(message, read_by=(*message.read_by, identity.email))
    return message
