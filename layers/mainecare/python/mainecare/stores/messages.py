"""Secure messages, in the Panels table (Health Home data, encrypted at rest with the project's KMS
key like every table): one item in the receiving site's inbox and one in the sender's sent list,
written together with the audit entry. Bodies are never logged.

  pk SITE#<site>#INBOX   sk <at>#<message id>
  pk SITE#<site>#SENT    sk <at>#<message id>
  pk MESSAGE#<id>        sk PROFILE            the message, with who read it
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.models import Model

from mainecare.stores import page_tokens
from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model
from mainecare.stores.transactions import Write, save
from valueobjects import value_object


def _build() -> type[Model]:
    class MessageRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # MESSAGE, INBOX, SENT
        message_id = UnicodeAttribute()
        from_site_id = UnicodeAttribute()
        to_site_id = UnicodeAttribute()
        sender = UnicodeAttribute()
        sent_at = UnicodeAttribute()
        subject = UnicodeAttribute()
        body = UnicodeAttribute(null=True)  # on the MESSAGE item only
        read_by = ListAttribute(of=UnicodeAttribute, null=True)

    return MessageRecord


def _model() -> type[Model]:
    return bound_model("Panels", _build)


@value_object
class Message:
    message_id: str
    from_site_id: str
    to_site_id: str
    sender: str
    sent_at: str
    subject: str
    body: str | None
    read_by: tuple[str, ...]


def _message(item) -> Message:
    return Message(item.message_id, item.from_site_id, item.to_site_id, item.sender, item.sent_at, item.subject,
                   item.body, tuple(item.read_by or ()))


def new_message_writes(message: Message) -> list[Write]:
    model = _model()
    common = {"message_id": message.message_id, "from_site_id": message.from_site_id,
              "to_site_id": message.to_site_id, "sender": message.sender, "sent_at": message.sent_at,
              "subject": message.subject}
    sort = f"{message.sent_at}#{message.message_id}"
    return [save(model(f"MESSAGE#{message.message_id}", "PROFILE", kind="MESSAGE", body=message.body, **common),
                 model.pk.does_not_exist()),
            save(model(f"SITE#{message.to_site_id}#INBOX", sort, kind="INBOX", **common)),
            save(model(f"SITE#{message.from_site_id}#SENT", sort, kind="SENT", **common))]


def get_message(message_id: str) -> Message | None:
    item = get_or_none(_model(), f"MESSAGE#{message_id}", "PROFILE")
    return _message(item) if item is not None and item.kind == "MESSAGE" else None


def mark_read(message_id: str, user: str) -> None:
    """Add the reader once (a second read changes nothing)."""
    model = _model()
    try:
        model(f"MESSAGE#{message_id}", "PROFILE").update(
            actions=[model.read_by.set((model.read_by | []).append([user]))],
            condition=~model.read_by.contains(user))
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def site_messages(site_id: str, box: str, *, limit: int, token: str | None) -> tuple[list[Message], str | None]:
    """A site's INBOX or SENT list, newest first, a page at a time (subjects, no bodies)."""
    model = _model()
    partition = f"SITE#{site_id}#{box}"
    found = model.query(partition, scan_index_forward=False, limit=limit,
                        last_evaluated_key=page_tokens.start_key(token, {"pk", "sk"}, "pk", partition)
                        if token else None)
    return [_message(item) for item in found], page_tokens.cut(found.last_evaluated_key)
