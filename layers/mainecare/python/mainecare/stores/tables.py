"""pynamodb models bound to the tables settings name, built at first use and never at import.

A store describes its item class in a function; `bound_model` builds it once per table name,
region and endpoint (so moto and real AWS, or two test set-ups, each get their own class).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from mainecare.config import settings


class KeyedItem(Model):
    """The key of every catalogue table but Idempotency (resources.py): pk and sk, both strings.
    A store's model subclasses it (with a Meta of its own, which bound_model fills in)."""

    class Meta:
        pass

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class IndexedItem(KeyedItem):
    """A KeyedItem of a table with the generic gsi1; items the index does not list leave its keys out."""

    class Meta:
        pass

    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)


def bound_model(logical_id: str, build: Callable[[], type[Model]]) -> type[Model]:
    current = settings()
    return _bind(build, current.table(logical_id), current.region, current.endpoint_url)


@cache
def _bind(build: Callable[[], type[Model]], table_name: str, region: str, host: str | None) -> type[Model]:
    model = build()
    model.Meta.table_name = table_name
    model.Meta.region = region
    model.Meta.host = host
    return model


def gsi1() -> GlobalSecondaryIndex:
    """The catalogue's generic gsi1 (gsi1pk / gsi1sk, all attributes projected)."""

    class Gsi1(GlobalSecondaryIndex):
        class Meta:
            index_name = "gsi1"
            projection = AllProjection()

        gsi1pk = UnicodeAttribute(hash_key=True)
        gsi1sk = UnicodeAttribute(range_key=True)

    return Gsi1()
