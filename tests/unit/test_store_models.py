"""Each store's pynamodb model has the key schema and indexes resources.py declares for its table."""

from __future__ import annotations

import pytest

from mainecare.resources import CATALOGUE


def _models():
    from mainecare.stores import account_records, audit, edi_files, members, panel_records, practices, reference_records

    return {"Accounts": account_records.records, "Panels": panel_records.records,
            "Reference": reference_records.records, "Practices": practices._items, "Members": members._items,
            "Audit": audit._records, "Claims": edi_files._files}


@pytest.mark.parametrize("logical_id", ["Accounts", "Panels", "Reference", "Practices", "Members", "Audit", "Claims"])
def test_the_model_matches_the_catalogue(logical_id):
    from mainecare.config import settings

    model, table = _models()[logical_id](), CATALOGUE.table(logical_id)
    assert model.Meta.table_name == settings().table(logical_id)
    assert (model._hash_keyname, model._range_keyname) == (table.partition_key, table.sort_key)
    declared = {index.name: (index.partition_key, index.sort_key) for index in table.indexes}
    for name, index in model._indexes.items():
        keys = {a.attr_name: a for a in index.Meta.attributes.values()}
        hash_key = next(n for n, a in keys.items() if a.is_hash_key)
        range_key = next((n for n, a in keys.items() if a.is_range_key), None)
        assert declared.get(name) == (hash_key, range_key), f"{logical_id}.{name}"


def test_every_catalogue_table_has_a_model_but_idempotency():
    assert {t.logical_id for t in CATALOGUE.tables} - set(_models()) == {"Idempotency"}
