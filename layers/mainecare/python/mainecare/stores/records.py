"""The few conversions every store repeats: an item or None, and days kept as ISO text.

Items keep dates as YYYY-MM-DD strings (they sort and compare as text, and the opt-out timer's
state machine writes them that way); the domain works with `date`. These are the one copy of
the conversion both ways, and of "read one item, None when there is none".
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from pynamodb.models import Model

M = TypeVar("M", bound=Model)


def day(text: str | None) -> date | None:
    """A stored ISO day as a date; None for an absent (or empty) attribute."""
    return date.fromisoformat(text) if text else None


def iso(value: date | None) -> str | None:
    """A date as the stored ISO day; None stays None (pynamodb then leaves the attribute out)."""
    return value.isoformat() if value else None


def get_or_none(model: type[M], hash_key: str, range_key: str | None = None, **options) -> M | None:
    """One GetItem; None when the item is not there (options: consistent_read, attributes_to_get)."""
    try:
        return model.get(hash_key, range_key, **options)
    except model.DoesNotExist:
        return None
