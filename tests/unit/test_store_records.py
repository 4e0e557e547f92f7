"""The stores' one copy of the day conversions and of "an item, or None" (stores/records.py)."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.stores.records import day, get_or_none, iso


@pytest.mark.parametrize(("text", "expected"), [("2026-02-28", date(2026, 2, 28)), (None, None), ("", None)])
def test_a_stored_day_reads_as_a_date_and_absent_as_none(text, expected):
    assert day(text) == expected


def test_a_date_is_stored_as_its_iso_day_and_none_stays_absent():
    assert iso(date(2026, 1, 5)) == "2026-01-05"
    assert iso(None) is None
    assert day(iso(date(2024, 2, 29))) == date(2024, 2, 29)


class _Items:
    """Stands in for a pynamodb model: `get` finds one key and raises DoesNotExist for the rest."""

    class DoesNotExist(Exception):
        pass

    asked: list = []

    @classmethod
    def get(cls, hash_key, range_key=None, **options):
        cls.asked.append((hash_key, range_key, options))
        if (hash_key, range_key) != ("MEMBER#1", "PROFILE"):
            raise cls.DoesNotExist()
        return "the item"


def test_get_or_none_returns_the_item_or_none_and_passes_the_read_options():
    assert get_or_none(_Items, "MEMBER#1", "PROFILE", consistent_read=True) == "the item"
    assert get_or_none(_Items, "MEMBER#2", "PROFILE") is None
    assert _Items.asked[0] == ("MEMBER#1", "PROFILE", {"consistent_read": True})


def test_get_or_none_lets_other_errors_through():
    class Broken(_Items):
        @classmethod
        def get(cls, hash_key, range_key=None, **options):
            raise RuntimeError("throttled")

    with pytest.raises(RuntimeError):
        get_or_none(Broken, "MEMBER#1", "PROFILE")
