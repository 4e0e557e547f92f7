"""The payment ledger and payment runs, in the Panels table.

- `PAY#<site>#<month>` / `<member>#<component>#<sequence>`: one ledger line (amount, run, reason).
  Lines are only ever added: a change after payment is a new line with the difference.
- `PAYRUN#<month>` / `<run id>`: a run's report (counts, totals, flags, remittance keys).
- `PAYRUN#<month>` / `LOCK`: held while a run for the month writes, so two runs never number
  the same key's lines at once.
"""

from __future__ import annotations

import json
from decimal import Decimal

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError
from pynamodb.models import Model

from mainecare.domain.errors import Conflict
from mainecare.domain.health_homes.payments import LedgerLine
from mainecare.stores.records import get_or_none
from mainecare.stores.tables import KeyedItem, bound_model

LOCK = "LOCK"


def _build() -> type[Model]:
    class PaymentRecord(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute()  # PAYMENT_LINE, PAYMENT_RUN, PAYMENT_LOCK
        site_id = UnicodeAttribute(null=True)
        member_id = UnicodeAttribute(null=True)
        month = UnicodeAttribute(null=True)
        component = UnicodeAttribute(null=True)
        sequence = NumberAttribute(null=True)
        amount = UnicodeAttribute(null=True)  # a decimal as text: money is never a float
        run_id = UnicodeAttribute(null=True)
        reason = UnicodeAttribute(null=True)
        report = UnicodeAttribute(null=True)
        held_until = UnicodeAttribute(null=True)

    return PaymentRecord


def _items() -> type[Model]:
    return bound_model("Panels", _build)


def ledger(site_id: str, month: str) -> list[LedgerLine]:
    return [LedgerLine(i.site_id, i.member_id, i.month, i.component, int(i.sequence), Decimal(i.amount), i.run_id,
                       i.reason)
            for i in _items().query(f"PAY#{site_id}#{month}", consistent_read=True)]


def add_lines(lines: list[LedgerLine]) -> None:
    """New lines only (each key's sequence is one past the ledger's); a batch, retried as a whole
    by a re-run, which then finds them and adds nothing."""
    items = _items()
    with items.batch_write() as batch:
        for line in lines:
            batch.save(items(f"PAY#{line.site_id}#{line.month}",
                             f"{line.member_id}#{line.component}#{line.sequence:04d}", kind="PAYMENT_LINE",
                             site_id=line.site_id, member_id=line.member_id, month=line.month,
                             component=line.component, sequence=line.sequence, amount=str(line.amount),
                             run_id=line.run_id, reason=line.reason))


def take_lock(month: str, run_id: str, now: str, held_until: str) -> None:
    items = _items()
    try:
        items(f"PAYRUN#{month}", LOCK, kind="PAYMENT_LOCK", run_id=run_id, held_until=held_until).save(
            items.pk.does_not_exist() | (items.held_until < now))
    except PutError as error:
        raise Conflict("PAYMENT_RUN_IN_PROGRESS", f"A payment run for {month} is in progress.") from error


def release_lock(month: str, run_id: str) -> None:
    items = _items()
    lock = get_or_none(items, f"PAYRUN#{month}", LOCK, consistent_read=True)
    if lock is not None and lock.run_id == run_id:
        lock.delete()


def put_run(month: str, run_id: str, report: dict) -> None:
    _items()(f"PAYRUN#{month}", run_id, kind="PAYMENT_RUN", month=month, run_id=run_id,
             report=json.dumps(report, sort_keys=True, default=str)).save()


def runs(month: str) -> list[dict]:
    items = _items()
    return [json.loads(i.report) for i in items.query(f"PAYRUN#{month}", consistent_read=True) if i.report]
