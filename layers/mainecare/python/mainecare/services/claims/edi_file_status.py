"""Use cases: a partner's 837 files by receipt, with their status, counts and answer links.

A partner sees its own files only: another partner's file id answers exactly like an unknown one.
Program staff with claims:read_all name the partner (?trading_partner=). Links to the answers are
presigned for LINK_SECONDS, so a leaked listing stops opening them soon after.
"""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Invalid, NotFound
from mainecare.domain.permissions import CLAIMS_READ_ALL
from mainecare.stores import edi_receipts, outbound
from mainecare.stores.edi_receipts import Receipt
from valueobjects import value_object

LINK_SECONDS = 900
STATUSES = edi_receipts.STATUSES


@value_object
class Answer:
    name: str
    kind: str  # 999, 277ca, ta1, rejections.json, rejections.csv
    url: str


def _partner(identity: Identity, trading_partner_id: str | None) -> str:
    if trading_partner_id and identity.may(CLAIMS_READ_ALL):
        return trading_partner_id
    if not identity.trading_partner_id:
        raise Invalid("TRADING_PARTNER_MISSING", "Name the trading partner: ?trading_partner=.")
    return identity.trading_partner_id


def files_page(identity: Identity, received_from: str | None, received_to: str | None, status: str | None,
               trading_partner_id: str | None, *, limit: int, token: str | None
               ) -> tuple[list[Receipt], str | None]:
    return edi_receipts.list_receipts(_partner(identity, trading_partner_id), received_from, received_to, status,
                                      limit=limit, token=token)


def file_receipt(identity: Identity, file_id: str, trading_partner_id: str | None = None) -> Receipt:
    found = edi_receipts.get_receipt(_partner(identity, trading_partner_id), file_id)
    if found is None:
        raise NotFound("837 file", "FILE_NOT_FOUND")
    return found


def answers(receipt: Receipt) -> list[Answer]:
    base = receipt.file_name.rsplit("/", 1)[-1]
    return [Answer(name=name, kind=name.rsplit("/", 1)[-1].removeprefix(f"{base}."),
                   url=outbound.download_link(receipt.answer_key(name), LINK_SECONDS))
            for name in receipt.answers]
