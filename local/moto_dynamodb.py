"""moto's DynamoDB is not safe under concurrent requests; the local stack serializes them.

moto's TransactWriteItems deep-copies each table to roll back on failure while other request
threads write to the same table, and fails with "dictionary changed size during iteration"
(a 500 that botocore retries, and that bench/load.py saw reach the API after three retries).
Real DynamoDB isolates transactions; one lock around moto's DynamoDB actions gives the local
stack the same answers. It serializes only DynamoDB, which moto answers from memory.
"""

from __future__ import annotations

import base64
import copy
import functools
import json
import threading

# moto's own limit for an item (dynamo_type.LimitedSizeDict): DynamoDB's 400 KB, measured to be a
# little over 400,000 bytes.
ITEM_SIZE_LIMIT = 405_000


def serialize(cls: type, method_name: str, lock: threading.RLock) -> None:
    """Make every call of `cls.method_name` hold `lock` (idempotent)."""
    original = getattr(cls, method_name)
    if getattr(original, "serialized", False):
        return

    @functools.wraps(original)
    def serialized(self, *args, **kwargs):
        with lock:
            return original(self, *args, **kwargs)

    serialized.serialized = True
    setattr(cls, method_name, serialized)


def serialize_dynamodb() -> None:
    """Run moto's DynamoDB actions one at a time in this process."""
    from moto.dynamodb.responses import DynamoHandler

    serialize(DynamoHandler, "call_action", threading.RLock())


# The data-plane answers whose output is only DynamoDB's typed JSON, counts and keys.
_ITEM_ACTIONS = frozenset({"GetItem", "Query", "Scan", "BatchGetItem", "PutItem", "UpdateItem", "DeleteItem",
                           "TransactGetItems"})


def _wire(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def _replace(owner, name: str, build) -> bool:
    """Put build(original) in place of `owner.name`, once (each fast_* below is idempotent): the
    replacement is marked `fast` and keeps `original`, what the tests compare against. False when
    it was already in place."""
    original = getattr(owner, name)
    if getattr(original, "fast", False):
        return False
    replacement = build(original)
    replacement.fast = True
    replacement.original = original
    setattr(owner, name, replacement)
    return True


def fast_item_responses() -> None:
    """Answer moto's item reads and writes with plain JSON (idempotent).

    moto 5.2 renders every answer through a generic serializer that walks the botocore shape of
    each attribute of each item: reading an item back costs milliseconds, most of the local stack's
    time once tables hold thousands of items (a payment run over 20,000 members spent half its time
    there). For the item actions the answer is already DynamoDB's wire JSON (typed values, counts,
    keys), so json.dumps gives the same body, binary values base64-encoded as the serializer does;
    every other action, and every error, still goes through moto's serializer.
    """
    from moto.dynamodb.responses import DynamoResult

    def build(original):
        def execute_result(self, context):
            if context.operation_model.name in _ITEM_ACTIONS and isinstance(self.result, dict):
                body = json.dumps(_without_none(self.result), default=_wire, separators=(",", ":"))
                return 200, {"Content-Type": "application/x-amz-json-1.0"}, body
            return original(self, context)
        return execute_result

    _replace(DynamoResult, "execute_result", build)


# The data-plane requests, whose body is only DynamoDB's typed JSON, keys and expressions.
_JSON_REQUESTS = _ITEM_ACTIONS | {"BatchWriteItem", "TransactWriteItems"}
_BINARY_KEYS = (b'"B":', b'"BS":')  # a JSON text can hold an unescaped quote only around a key


def fast_item_requests() -> None:
    """Read moto's item requests with json.loads (idempotent).

    moto 5.2 parses every request by walking its botocore shape, value by value: for a batch of 25
    ledger lines that is most of what writing them costs. For the data-plane actions the parsed
    request is the JSON body itself, except that binary values are base64-decoded: a body with a
    binary value ("B" or "BS" key) still goes through moto's parser, as does every other action.
    A test holds that both give the same parameters.
    """
    from moto.dynamodb.responses import DynamoHandler

    def build(original):
        def parse_parameters(self, request):
            body = request.data
            if body and self._get_action() in _JSON_REQUESTS and not any(key in body for key in _BINARY_KEYS):
                self.params = json.loads(body)
                return
            original(self, request)
        return parse_parameters

    _replace(DynamoHandler, "parse_parameters", build)


def fast_queries() -> None:
    """Let moto's Query look only where DynamoDB would (idempotent).

    moto 5.2's Table.query starts from `all_items()`, which lists and sorts every item of the
    table on every call, then compares each one's key (a DynamoType comparison, microseconds
    each): a query costs the whole table, and a payment run's panel queries grew with the square
    of the panels. Here the call sees only the candidates: the partition for a table query, and
    for an index query the items whose index key has the asked string (compared as plain text,
    the way moto's own comparison ends). moto still applies every condition, sort, page and
    projection itself, so the answers are the same, which a test holds.

    moto also deep-copies every item a query answers before projecting it (a fifth of a payment
    run's time). Its projections build new items and nothing after them changes an item: the
    answer is written out as JSON in the same call. So the answer is a shallow list here, and a
    test holds that a projected or filtered query leaves the stored items as they were.
    """
    from moto.dynamodb.models import table as table_module
    from moto.dynamodb.models.table import Table

    def build(original):
        def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                  projection_expressions, index_name=None, *rest, hash_key_conditions=None, **kwargs):
            candidates = _candidates(self, hash_key, index_name, hash_key_conditions)
            arguments = (hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                         projection_expressions, index_name, *rest)
            if candidates is None:
                return original(self, *arguments, hash_key_conditions=hash_key_conditions, **kwargs)
            self.all_items = lambda: candidates  # shadows the method for this call only
            try:
                return original(self, *arguments, hash_key_conditions=hash_key_conditions, **kwargs)
            finally:
                del self.all_items
        return query

    if _replace(Table, "query", build):
        table_module.copy = _QueryAnswersUncopied()


class _QueryAnswersUncopied:
    """moto's table module's `copy`: a query's list of answered items is not deep-copied."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        from moto.dynamodb.models.dynamo_type import Item

        if isinstance(value, list) and all(isinstance(item, Item) for item in value):
            return list(value)
        return copy.deepcopy(value, memo)


def _candidates(table, hash_key, index_name, hash_key_conditions):
    """The items a query can answer with, in all_items()'s order; None when unsure (moto decides)."""
    if not index_name:
        if hash_key is None:
            return None
        partition = table.items.get(hash_key)
        if partition is None:
            return []
        return sorted(partition.values(), key=lambda x: x.range_key) if table.range_key_attr else [partition]
    if not hash_key_conditions or any(getattr(v, "type", None) != "S" for _, v in hash_key_conditions):
        return None
    wanted = [(name, value.value) for name, value in hash_key_conditions]
    found = []
    for partition in table.items.values():
        for item in (partition.values() if table.range_key_attr else (partition,)):
            attrs = item.attrs
            if all((a := attrs.get(name)) is not None and a.type == "S" and a.value == text for name, text in wanted):
                found.append(item)
    return sorted(found, key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key)


def fast_projections() -> None:
    """Project an item onto top-level attribute names without converting the whole item (idempotent).

    moto's Item.project turns the whole item into plain JSON once per projected path, then the
    kept part back into DynamoDB types: projecting five names of an item with a long history list
    cost more than answering the whole item, so a ProjectionExpression (the payment run's roster
    query reads five attributes of each enrollment) made moto slower, not faster. For top-level
    names, the projected item is built from the stored attribute values themselves; a nested path
    or a list index goes to moto's own projection. A test holds that the answers are the same.
    """
    from moto.dynamodb.models.dynamo_type import Item

    def build(original):
        def project(self, projection_expressions):
            if not all(len(path) == 1 and "[" not in path[0] for path in projection_expressions):
                return original(self, projection_expressions)
            kept = {path[0]: self.attrs[path[0]] for path in projection_expressions if path[0] in self.attrs}
            return Item(hash_key=self.hash_key, range_key=self.range_key, attrs=kept)
        return project

    _replace(Item, "project", build)


def fast_item_sizes() -> None:
    """Check a new item's 400 KB limit once, not once per attribute (idempotent).

    moto builds an item's attributes in a LimitedSizeDict whose every assignment re-sizes every
    attribute already there, recursing through lists and maps: building an item of n attributes
    sizes them n²/2 times (a sixth of a payment run's time went to writing its ledger lines). Sizes
    only grow as attributes are added, so the item passes every one of those checks exactly when its
    whole size is under the limit: a new item is sized once, and refused with the same
    ItemSizeTooLarge. Assignments after that (updates) keep moto's own check. A test holds it.

    moto also sizes every item a query or batch read answers, twice (its 1 MB page), asking each
    value in turn whether it is a number, a set, a list or a map: a seventh of a payment run went
    there. `_size` goes by the type letter for the common types and asks moto for the rest (sets,
    binary, booleans, nulls); a test holds that both give the same size for every type.
    """
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict

    def __init__(self, hash_key, range_key, attrs):
        self.hash_key = hash_key
        self.range_key = range_key
        converted = {key: DynamoType(value) for key, value in attrs.items()}
        if _attributes_size(converted) > ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge
        self.attrs = LimitedSizeDict()
        dict.update(self.attrs, converted)

    def size(self) -> int:
        return _attributes_size(self.attrs)

    _replace(Item, "__init__", lambda _original: __init__)
    _replace(Item, "size", lambda _original: size)


def _attributes_size(attributes: dict) -> int:
    return sum(len(name.encode()) + _size(value) for name, value in attributes.items())


def _size(value) -> int:
    """moto's DynamoType.size, by the type letter."""
    kind = value.type
    if kind == "S":
        return len(value.value.encode())
    if kind == "N":
        return len(str(value.value))
    if kind == "M":
        return _attributes_size(value.value)
    if kind == "L":
        return sum(_size(element) for element in value.value)
    return value.size()
