"""The inbound file registry: each 837 is processed once, whatever S3 or SQS does.

Two natural keys guard it, claimed together in one transaction: the content hash (the same bytes
uploaded again) and the sender + ISA13 interchange control number (the same interchange
re-sent, even re-wrapped). Both are scoped to the trading partner whose prefix received the file:
another partner's upload (a copy of the bytes, or a guessed sender + ISA13) claims keys of its own,
so it can neither block a partner's real file nor learn from a TA1 that the file was seen. The S3
object version that claimed them is recorded, so an SQS redelivery of that same object resumes
or skips quietly, while a new upload of a known file gets a TA1 duplicate notice.
"""

from __future__ import annotations

from pynamodb.attributes import MapAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model

from mainecare import clock
from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model
from mainecare.stores.transactions import ConditionFailed, Write, commit, save, update
from valueobjects import value_object

PROCESSING, DONE = "PROCESSING", "DONE"


@value_object
class FileClaim:
    outcome: str  # "NEW", "RESUME" (same object, unfinished), "ALREADY_DONE" (same object), "DUPLICATE"
    first_key: str = ""


def _build() -> type[Model]:
    # The registry's items live in the Claims table (whose claim items stores/claims.py writes):
    # this model names only the attributes of a file's two key items.
    class EdiFileRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # EDI_FILE
        status = UnicodeAttribute()  # PROCESSING, DONE
        object_ref = UnicodeAttribute()  # the S3 object version that claimed the keys
        received_at = UnicodeAttribute()
        trading_partner_id = UnicodeAttribute()
        summary = MapAttribute(null=True)  # counts, once DONE

    return EdiFileRecord


def _files() -> type[Model]:
    return bound_model("Claims", _build)


def _keys(trading_partner_id: str, content_hash: str, sender_id: str, isa13: str) -> list[tuple[str, str]]:
    return [(f"FILE#{trading_partner_id}#{content_hash}", "FILE"),
            (f"ISA#{trading_partner_id}#{sender_id.strip()}#{isa13.strip()}", "ISA")]


def claim_file(content_hash: str, sender_id: str, isa13: str, object_ref: str, trading_partner_id: str) -> FileClaim:
    files, keys = _files(), _keys(trading_partner_id, content_hash, sender_id, isa13)
    now = clock.now().isoformat(timespec="seconds")
    try:
        commit([save(files(pk, sk, status=PROCESSING, object_ref=object_ref, received_at=now,
                           trading_partner_id=trading_partner_id, kind="EDI_FILE"), files.pk.does_not_exist())
                for pk, sk in keys])
        return FileClaim("NEW")
    except ConditionFailed:
        pass
    except TransactWriteError as error:  # cancelled for another reason (a concurrent claim): look, as above
        if error.cause_response_code != "TransactionCanceledException":
            raise
    for pk, sk in keys:
        item = get_or_none(files, pk, sk, consistent_read=True)
        if item and item.object_ref == object_ref:
            return FileClaim("ALREADY_DONE" if item.status == DONE else "RESUME")
    first = next((item for pk, sk in keys if (item := get_or_none(files, pk, sk))), None)
    return FileClaim("DUPLICATE", first.object_ref if first else "")


def finish_file(content_hash: str, sender_id: str, isa13: str, summary: dict, trading_partner_id: str,
                audit_entry: Write) -> None:
    """Mark the file done, with its audit entry (the one record of its claims' receipt) in the same
    transaction."""
    files = _files()
    commit([audit_entry, *(update(files(pk, sk), [files.status.set(DONE), files.summary.set(summary)])
                           for pk, sk in _keys(trading_partner_id, content_hash, sender_id, isa13))])
