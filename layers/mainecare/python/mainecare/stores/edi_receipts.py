"""The receipt of each uploaded 837: its file id, status, counts and the names of its answers.

One item per upload in the trading partner's partition (`EDIFILES#<partner>`), sorted by file id;
file ids begin with the Maine date and time (to the millisecond) the file was first seen
(`20261204-101502042-3f9a0c1b`),
so a partner's files list in the order they arrived and a date range is a key range. A second,
tiny item maps the S3 object version to its file id, written in the same transaction, so an SQS
redelivery of the same object finds the same receipt and a new upload of the same name gets a new
one: answers stored under the file id are never overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from pynamodb.attributes import ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare import clock
from mainecare.stores import page_tokens
from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model
from mainecare.stores.transactions import ConditionFailed, commit, save
from valueobjects import value_object

RECEIVED, VALIDATING, EDITING, ANSWERED, REFUSED = "RECEIVED", "VALIDATING", "EDITING", "ANSWERED", "REFUSED"
STATUSES = frozenset({RECEIVED, VALIDATING, EDITING, ANSWERED, REFUSED})
COUNTS = ("claims_expected", "claims_edited", "claims_received", "claims_accepted", "claims_rejected",
          "claims_pended")


def _build() -> type[Model]:
    # Items of the Claims table (beside the claims and the duplicate-file registry of edi_files.py).
    class EdiReceiptRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # EDI_RECEIPT, or EDI_OBJECT for the object -> file id pointer
        file_id = UnicodeAttribute()
        trading_partner_id = UnicodeAttribute(null=True)
        file_name = UnicodeAttribute(null=True)
        object_version = UnicodeAttribute(null=True)
        received_at = UnicodeAttribute(null=True)
        updated_at = UnicodeAttribute(null=True)
        status = UnicodeAttribute(null=True)
        interchange_control_number = UnicodeAttribute(null=True)
        refusal = MapAttribute(null=True)  # {"code": TA105 or ours, "reason": text}
        counts = MapAttribute(null=True)
        answers = ListAttribute(of=UnicodeAttribute, null=True)  # answer names, e.g. claims.txt.999
        answers_prefix = UnicodeAttribute(null=True)  # where they are in the outbound bucket

    return EdiReceiptRecord


def _model() -> type[Model]:
    return bound_model("Claims", _build)


@value_object
class Receipt:
    file_id: str
    trading_partner_id: str
    file_name: str
    object_version: str
    received_at: str
    updated_at: str
    status: str
    interchange_control_number: str | None
    refusal: dict | None
    counts: dict
    answers: tuple[str, ...]
    answers_prefix: str

    def answer_key(self, name: str) -> str:
        return f"{self.answers_prefix}{name}"


def _partition(trading_partner_id: str) -> str:
    return f"EDIFILES#{trading_partner_id}"


def _object_pointer(bucket: str, key: str, version_id: str | None) -> str:
    digest = hashlib.sha256(f"{bucket}/{key}@{version_id or ''}".encode()).hexdigest()
    return f"EDIOBJECT#{digest}"


def file_id_for_object(bucket: str, key: str, version_id: str | None) -> str | None:
    """The file id an S3 object version was given, None until its processing began."""
    pointer = get_or_none(_model(), _object_pointer(bucket, key, version_id), "RECEIPT", consistent_read=True)
    return pointer.file_id if pointer else None


def open_receipt(bucket: str, key: str, version_id: str | None, trading_partner_id: str, file_name: str) -> Receipt:
    """The receipt of this object version: created at its first sight (RECEIVED), the same one on a
    redelivery. Two deliveries racing: the transaction lets one create it, the other reads it."""
    model = _model()
    pointer_key = _object_pointer(bucket, key, version_id)
    existing = file_id_for_object(bucket, key, version_id)
    if existing is None:
        now = clock.local_now()
        file_id = f"{now:%Y%m%d-%H%M%S}{now.microsecond // 1000:03d}-{pointer_key.split('#')[1][:8]}"
        stamp = now.isoformat(timespec="seconds")
        receipt = model(_partition(trading_partner_id), file_id, kind="EDI_RECEIPT", file_id=file_id,
                        trading_partner_id=trading_partner_id, file_name=file_name,
                        object_version=version_id or "", received_at=stamp, updated_at=stamp, status=RECEIVED,
                        counts={name: 0 for name in COUNTS}, answers=[],
                        answers_prefix=f"{trading_partner_id}/{file_id}/")
        try:
            commit([save(model(pointer_key, "RECEIPT", kind="EDI_OBJECT", file_id=file_id), model.pk.does_not_exist()),
                    save(receipt, model.pk.does_not_exist())])
        except ConditionFailed:
            existing = file_id_for_object(bucket, key, version_id)
        else:
            return _receipt(receipt)
    found = get_receipt(trading_partner_id, existing, consistent=True)
    if found is None:  # the pointer names a receipt of another partition: the key's prefix is the partner
        raise LookupError("receipt pointer without its receipt")
    return found


def advance(receipt: Receipt, status: str, *, counts: dict | None = None, answers: list[str] | None = None,
            refusal: dict | None = None, interchange_control_number: str | None = None) -> Receipt:
    """Move a receipt on and answer it as now stored: counts given are merged into the receipt's,
    answers given replace its list (both only grow). Keep the answer for the next call."""
    model = _model()
    item = model(_partition(receipt.trading_partner_id), receipt.file_id)
    stamp = clock.local_now().isoformat(timespec="seconds")
    merged = {**receipt.counts, **(counts or {})}
    actions = [model.status.set(status), model.updated_at.set(stamp)]
    if counts is not None:
        actions.append(model.counts.set(merged))
    if answers is not None:
        actions.append(model.answers.set(answers))
    if refusal is not None:
        actions.append(model.refusal.set(refusal))
    if interchange_control_number:
        actions.append(model.interchange_control_number.set(interchange_control_number))
    item.update(actions=actions)
    return replace(receipt, status=status, updated_at=stamp, counts=merged,
                   answers=tuple(answers) if answers is not None else receipt.answers,
                   refusal=refusal if refusal is not None else receipt.refusal,
                   interchange_control_number=interchange_control_number or receipt.interchange_control_number)


def get_receipt(trading_partner_id: str, file_id: str, consistent: bool = False) -> Receipt | None:
    item = get_or_none(_model(), _partition(trading_partner_id), file_id, consistent_read=consistent)
    return _receipt(item) if item is not None and item.kind == "EDI_RECEIPT" else None


def list_receipts(trading_partner_id: str, start: str | None, end: str | None, status: str | None, *,
                  limit: int, token: str | None) -> tuple[list[Receipt], str | None]:
    """A page of the partner's receipts, newest first; `start`/`end` are Maine dates (YYYY-MM-DD)."""
    model = _model()
    partition = _partition(trading_partner_id)
    low = (start or "0000-00-00").replace("-", "")
    high = (end or "9999-12-31").replace("-", "") + "~"
    results = model.query(partition, model.sk.between(low, high), scan_index_forward=False, limit=limit,
                          filter_condition=(model.status == status) if status else None,
                          last_evaluated_key=page_tokens.start_key(token, {"pk", "sk"}, "pk", partition)
                          if token else None)
    found = [_receipt(item) for item in results]
    return found, page_tokens.cut(results.last_evaluated_key)


def _receipt(item) -> Receipt:
    return Receipt(file_id=item.file_id, trading_partner_id=item.trading_partner_id, file_name=item.file_name,
                   object_version=item.object_version or "", received_at=item.received_at,
                   updated_at=item.updated_at or item.received_at, status=item.status,
                   interchange_control_number=item.interchange_control_number,
                   refusal=_plain(item.refusal) or None,
                   counts={name: int(_plain(item.counts).get(name, 0)) for name in COUNTS},
                   answers=tuple(item.answers or ()), answers_prefix=item.answers_prefix)


def _plain(value) -> dict:
    """A raw MapAttribute as read back (or as set before saving) as a plain dict."""
    if value is None:
        return {}
    return dict(value.as_dict()) if hasattr(value, "as_dict") else dict(value)
