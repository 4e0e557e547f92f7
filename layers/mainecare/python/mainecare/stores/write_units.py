"""Write units an item costs, counted the way DynamoDB bills them, for the benches and tests.

DynamoDB's documented sizing (Developer Guide, "Item sizes and formats"): an attribute's name in
UTF-8 bytes plus its value: a string's UTF-8 bytes, a binary's bytes, a number about one byte per
two significant digits plus one, 1 byte for a boolean or null, 3 bytes plus each element (and 1
byte per element) for a list or map. A put costs one write unit per started KB of the item; each
global secondary index that lists the item costs one more per started KB of its entry (the index's
keys, the table's keys and the projected attributes); a transactional write costs twice.
"""

from __future__ import annotations

from math import ceil

from mainecare.resources import Table

KB = 1024


def attribute_size(name: str, value: dict) -> int:
    return len(name.encode()) + _value_size(value)


def _value_size(value: dict) -> int:
    (kind, content), = value.items()
    if kind == "S":
        return len(content.encode())
    if kind == "B":
        return len(content)
    if kind == "N":
        digits = content.lstrip("-").replace(".", "").strip("0") or "0"
        return ceil(len(digits) / 2) + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(_value_size(v) + 1 for v in content)
    if kind == "M":
        return 3 + sum(attribute_size(k, v) + 1 for k, v in content.items())
    if kind in ("SS", "NS", "BS"):
        return sum(_value_size({kind[0]: v}) for v in content)
    raise ValueError(f"unknown attribute type {kind}")


def item_size(item: dict) -> int:
    """Bytes of a typed item ({"name": {"S": "..."}}), as DynamoDB sizes it."""
    return sum(attribute_size(name, value) for name, value in item.items())


def put_units(item: dict, table: Table, *, transactional: bool = False) -> dict[str, int]:
    """Write units of putting the item: {"table": n, "<index>": n, ...} for the indexes it is in."""
    units = {"table": ceil(item_size(item) / KB)}
    table_keys = {table.partition_key, table.sort_key} - {None}
    for index in table.indexes:
        if index.partition_key not in item or (index.sort_key and index.sort_key not in item):
            continue  # a sparse index: the item is not listed
        kept = table_keys | {index.partition_key, index.sort_key} - {None}
        kept |= set(item) if index.projection is None else set(index.projection)
        units[index.name] = ceil(item_size({k: v for k, v in item.items() if k in kept}) / KB)
    return {name: count * (2 if transactional else 1) for name, count in units.items()}


def write_units_per_claim(batch: list, actor: str, *, transactional: bool = False) -> float:
    """What storing these claims costs a claim, in write units as DynamoDB bills them (items and
    index entries): as an 837 batch (its file's one audit entry, 2 units a file, left out), or
    (transactional=True) one API transaction each, with its own audit entry."""
    from mainecare.resources import CATALOGUE
    from mainecare.stores import audit
    from mainecare.stores.claims import receipt_items

    claims_table, audit_table = CATALOGUE.table("Claims"), CATALOGUE.table("Audit")

    def units(item, table) -> int:
        return sum(put_units(item.serialize(), table, transactional=transactional).values())

    total = sum(units(item, claims_table) for claim, rows in batch for item in receipt_items(claim, rows))
    if transactional:
        total += sum(units(audit.entry(f"CLAIM#{claim.claim_id}", f"RECEIVED_{claim.status}", actor,
                                       {"channel": claim.channel, "source": claim.source}).item, audit_table)
                     for claim, _ in batch)
    return total / len(batch)
