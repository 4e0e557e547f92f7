"""The quarterly auto-assignment's own items in the Panels table.

  pk AUTOASSIGN#<quarter>  sk BATCH#<nn>          a run of that quarter (its batch number)
  pk AUTOASSIGN#<quarter>  sk MEMBER#<member id>  the member got a letter this quarter (batch, site)
The member marker is written in the same transaction as the pending request it stands for, on the
condition that it is new, so a re-run of the quarter (or a retried worker) never writes a member's
request twice, even after the member opted out of the first one.
"""

from __future__ import annotations

from pynamodb.exceptions import PutError

from mainecare.stores.panel_records import records
from mainecare.stores.records import get_or_none
from mainecare.stores.transactions import Write, save

QUARTER_MARKER = "AUTO_ASSIGN_QUARTER_MARKER"  # the role of the marker write in a transaction
MAX_BATCHES = 99


def _pk(quarter: str) -> str:
    return f"AUTOASSIGN#{quarter}"


def new_batch(quarter: str, run_date: str) -> str:
    """Claim the quarter's next batch number: "2027Q1-01", then "-02" for a re-run."""
    items = records()
    for number in range(1, MAX_BATCHES + 1):
        batch = f"{quarter}-{number:02d}"
        try:
            items(_pk(quarter), f"BATCH#{number:02d}", kind="AUTO_ASSIGN_BATCH", batch=batch,
                  letter_date=run_date).save(items.pk.does_not_exist())
            return batch
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
    raise RuntimeError(f"{quarter} already has {MAX_BATCHES} auto-assignment batches")


def assigned_this_quarter(quarter: str, member_id: str) -> bool:
    return get_or_none(records(), _pk(quarter), f"MEMBER#{member_id}", consistent_read=True) is not None


def quarter_marker(quarter: str, member_id: str, batch: str, site_id: str) -> Write:
    items = records()
    return save(items(_pk(quarter), f"MEMBER#{member_id}", kind="AUTO_ASSIGN_MARKER", member_id=member_id,
                      batch=batch, site_id=site_id), items.pk.does_not_exist(), role=QUARTER_MARKER)
