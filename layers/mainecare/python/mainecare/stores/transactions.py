"""Writes planned by the stores and committed together: one DynamoDB transaction, all or nothing.

A store does not write a multi-item change itself; it returns `Write`s (a pynamodb item to save,
update or delete, with the condition built from the model's attributes and the `role` that a
failed condition stands for), and the service commits the ones that belong together, the audit
entry among them (stores/audit.py). `commit` runs them in one pynamodb TransactWrite; when
DynamoDB cancels it, the cancellation reasons say which items' conditions failed, and
`ConditionFailed.roles` names them, so a store can turn "the status was not PENDING any more" or
"the member's guard is taken" into its own domain outcome.

pynamodb sends a TransactWrite's items grouped (condition checks, deletes, puts, updates), and
the reasons come back in that order, not in the order they were added: `commit` keeps the same
grouping to read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from mainecare.config import settings
from valueobjects import value_object

# The order pynamodb's TransactWrite sends its items in (and DynamoDB answers in).
_SENT_ORDER = {"delete": 0, "save": 1, "update": 2}
CONDITION_FAILED = "ConditionalCheckFailed"


class ConditionFailed(Exception):
    """The transaction was cancelled because the condition of one or more writes failed; nothing
    was written. `roles` names those writes (a write without a role counts as "")."""

    def __init__(self, roles: frozenset[str]):
        super().__init__(", ".join(sorted(roles)) or "condition failed")
        self.roles = roles


@value_object
class Write:
    """One item change planned for a transaction."""

    operation: str  # "save", "update" or "delete"
    item: Model
    condition: Condition | None = None
    actions: tuple[Action, ...] = ()
    role: str = ""

    def add_to(self, transaction: TransactWrite) -> None:
        if self.operation == "save":
            transaction.save(self.item, condition=self.condition)
        elif self.operation == "update":
            transaction.update(self.item, actions=list(self.actions), condition=self.condition)
        else:
            transaction.delete(self.item, condition=self.condition)


def save(item: Model, condition: Condition | None = None, *, role: str = "") -> Write:
    return Write("save", item, condition, role=role)


def update(item: Model, actions: Iterable[Action], condition: Condition | None = None, *, role: str = "") -> Write:
    return Write("update", item, condition, tuple(actions), role)


def delete(item: Model, condition: Condition | None = None, *, role: str = "") -> Write:
    return Write("delete", item, condition, role=role)


@cache
def _connection(region: str, host: str | None) -> Connection:
    return Connection(region=region, host=host)


def connection() -> Connection:
    """The connection a TransactWrite runs on: the region and endpoint (moto or AWS) of settings."""
    current = settings()
    return _connection(current.region, current.endpoint_url)


def commit(writes: Iterable[Write]) -> None:
    """All the writes, or none. A failed condition raises ConditionFailed naming the writes' roles;
    anything else DynamoDB refuses is raised as pynamodb reports it."""
    planned = sorted(writes, key=lambda write: _SENT_ORDER[write.operation])
    try:
        with TransactWrite(connection=connection()) as transaction:
            for write in planned:
                write.add_to(transaction)
    except TransactWriteError as error:
        codes = [reason.code if reason is not None else None for reason in error.cancellation_reasons or ()]
        if CONDITION_FAILED in codes:
            raise ConditionFailed(frozenset(write.role for write, code in zip(planned, codes, strict=True)
                                            if code == CONDITION_FAILED)) from error
        raise
