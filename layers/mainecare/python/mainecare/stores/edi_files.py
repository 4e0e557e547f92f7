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

from dataclasses import dataclass

from botocore.exceptions import ClientError

from mainecare import clock
from mainecare.config import settings
from mainecare.stores.aws import client

PROCESSING, DONE = "PROCESSING", "DONE"


@dataclass(frozen=True)
class FileClaim:
    outcome: str  # "NEW", "RESUME" (same object, unfinished), "ALREADY_DONE" (same object), "DUPLICATE"
    first_key: str = ""


def _keys(trading_partner_id: str, content_hash: str, sender_id: str, isa13: str) -> list[dict]:
    return [{"pk": {"S": f"FILE#{trading_partner_id}#{content_hash}"}, "sk": {"S": "FILE"}},
            {"pk": {"S": f"ISA#{trading_partner_id}#{sender_id.strip()}#{isa13.strip()}"}, "sk": {"S": "ISA"}}]


def claim_file(content_hash: str, sender_id: str, isa13: str, object_ref: str, trading_partner_id: str) -> FileClaim:
    table = settings().table("Claims")
    now = clock.now().isoformat(timespec="seconds")
    attributes = {"status": {"S": PROCESSING}, "object_ref": {"S": object_ref}, "received_at": {"S": now},
                  "trading_partner_id": {"S": trading_partner_id}, "kind": {"S": "EDI_FILE"}}
    try:
        client("dynamodb").transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {**key, **attributes},
                     "ConditionExpression": "attribute_not_exists(pk)"}}
            for key in _keys(trading_partner_id, content_hash, sender_id, isa13)])
        return FileClaim("NEW")
    except ClientError as error:
        if error.response["Error"]["Code"] != "TransactionCanceledException":
            raise
    for key in _keys(trading_partner_id, content_hash, sender_id, isa13):
        item = client("dynamodb").get_item(TableName=table, Key=key, ConsistentRead=True).get("Item")
        if item and item["object_ref"]["S"] == object_ref:
            return FileClaim("ALREADY_DONE" if item["status"]["S"] == DONE else "RESUME")
    first = next((item for key in _keys(trading_partner_id, content_hash, sender_id, isa13)
                  if (item := client("dynamodb").get_item(TableName=table, Key=key).get("Item"))), None)
    return FileClaim("DUPLICATE", first["object_ref"]["S"] if first else "")


def finish_file(content_hash: str, sender_id: str, isa13: str, summary: dict, trading_partner_id: str) -> None:
    table = settings().table("Claims")
    client("dynamodb").transact_write_items(TransactItems=[
        {"Update": {"TableName": table, "Key": key, "UpdateExpression": "SET #s = :done, summary = :summary",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":done": {"S": DONE}, ":summary": {"M": {
                        k: {"N": str(v)} for k, v in summary.items()}}}}}
        for key in _keys(trading_partner_id, content_hash, sender_id, isa13)])
