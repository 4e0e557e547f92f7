"""The local stack's moto DynamoDB answers one request at a time (moto is not thread-safe)."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

from boto3.dynamodb.types import Binary

from local.moto_dynamodb import serialize, serialize_dynamodb


class _Handler:
    running = 0
    most_at_once = 0

    def call_action(self):
        type(self).running += 1
        type(self).most_at_once = max(type(self).most_at_once, type(self).running)
        time.sleep(0.02)
        type(self).running -= 1
        return "answer"


def test_serialized_calls_never_overlap_and_still_answer():
    serialize(_Handler, "call_action", threading.RLock())
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(_Handler().call_action())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["answer"] * 8 and _Handler.most_at_once == 1


def test_serializing_moto_dynamodb_twice_wraps_it_once(monkeypatch):
    from moto.dynamodb.responses import DynamoHandler

    monkeypatch.setattr(DynamoHandler, "call_action", DynamoHandler.call_action)  # restored afterwards
    serialize_dynamodb()
    wrapped = DynamoHandler.call_action
    serialize_dynamodb()
    assert DynamoHandler.call_action is wrapped and wrapped.serialized


def _index(name: str, hash_key: str, projection: dict, range_key: str | None = None) -> dict:
    keys = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        keys.append({"AttributeName": range_key, "KeyType": "RANGE"})
    return {"IndexName": name, "KeySchema": keys, "Projection": projection}


def _create_table(client, indexes: list[dict], numbers: tuple[str, ...] = ()) -> None:
    """Table "t": string keys pk and sk, a string g and the given numbers to key its indexes on."""
    client.create_table(TableName="t", BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "sk", "KeyType": "RANGE"}],
                        AttributeDefinitions=[*({"AttributeName": a, "AttributeType": "S"} for a in ("pk", "sk", "g")),
                                              *({"AttributeName": a, "AttributeType": "N"} for a in numbers)],
                        GlobalSecondaryIndexes=indexes)


def test_item_answers_in_plain_json_are_the_ones_motos_serializer_gives(monkeypatch):
    """fast_item_responses must not change a single answer: every attribute type, each item action,
    an index with a projection, a missing item and a failed condition."""
    import boto3
    from moto import mock_aws
    from moto.dynamodb.responses import DynamoResult

    from local.moto_dynamodb import fast_item_responses

    fast_item_responses()  # patched (as every provisioned moto is); the serializer's own answers below
    patched = DynamoResult.execute_result

    item = {"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "x"}, "n": {"N": "12.50"}, "b": {"B": b"\x00\xffzz"},
            "l": {"L": [{"S": "q"}, {"N": "1"}, {"NULL": True}]},
            "m": {"M": {"k": {"BOOL": False}, "bs": {"BS": [b"a", b"b"]}}}, "ss": {"SS": ["z", "y"]}}
    key = {"pk": {"S": "a"}, "sk": {"S": "1"}}

    def answers(fast: bool) -> list:
        monkeypatch.setattr(DynamoResult, "execute_result", patched if fast else patched.original)
        with mock_aws():
            c = boto3.client("dynamodb", region_name="us-east-1")
            _create_table(c, [_index("gix", "g", {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["n"]})])
            found = [c.put_item(TableName="t", Item=item, ReturnValues="ALL_OLD"),
                     c.put_item(TableName="t", Item={**item, "sk": {"S": "2"}}),
                     c.put_item(TableName="t", Item=item, ReturnValues="ALL_OLD"),
                     c.get_item(TableName="t", Key=key), c.get_item(TableName="t", Key={**key, "sk": {"S": "9"}}),
                     c.query(TableName="t", KeyConditionExpression="pk = :p", Limit=1,
                             ExpressionAttributeValues={":p": {"S": "a"}}),
                     c.query(TableName="t", IndexName="gix", KeyConditionExpression="g = :p",
                             ExpressionAttributeValues={":p": {"S": "x"}}),
                     c.scan(TableName="t", ReturnConsumedCapacity="TOTAL"),
                     c.batch_get_item(RequestItems={"t": {"Keys": [key, {**key, "pk": {"S": "b"}}]}}),
                     c.update_item(TableName="t", Key=key, UpdateExpression="ADD n :one", ReturnValues="ALL_NEW",
                                   ExpressionAttributeValues={":one": {"N": "1"}}),
                     c.delete_item(TableName="t", Key={**key, "sk": {"S": "2"}}, ReturnValues="ALL_OLD"),
                     c.transact_get_items(TransactItems=[{"Get": {"TableName": "t", "Key": key}}])]
            try:
                c.put_item(TableName="t", Item=item, ConditionExpression="attribute_not_exists(pk)")
            except c.exceptions.ConditionalCheckFailedException as error:
                found.append(error.response["Error"]["Code"])
            return [{k: v for k, v in a.items() if k != "ResponseMetadata"} if isinstance(a, dict) else a
                    for a in found]

    assert answers(fast=True) == answers(fast=False)
    assert patched is not patched.original


def test_queries_seeing_only_their_candidates_answer_as_moto_does(monkeypatch):
    """fast_queries must not change an answer: table and index queries, key ranges, both orders,
    pages, filters, a sparse index, numbers in the sort key, a partition that is not there."""
    import boto3
    from moto import mock_aws
    from moto.dynamodb.models.table import Table

    from local.moto_dynamodb import fast_queries

    fast_queries()
    patched = Table.query

    def answers(fast: bool) -> list:
        monkeypatch.setattr(Table, "query", patched if fast else patched.original)
        with mock_aws():
            c = boto3.client("dynamodb", region_name="us-east-1")
            _create_table(c, [_index("by_g", "g", {"ProjectionType": "ALL"}, range_key="n"),
                              _index("g_only", "g", {"ProjectionType": "KEYS_ONLY"})], numbers=("n",))
            for p in range(6):
                for s in range(7):
                    item = {"pk": {"S": f"P{p}"}, "sk": {"S": f"{s:02d}"}, "v": {"S": "x" * s}}
                    if (p + s) % 3:  # a sparse index: some items have no g
                        item.update(g={"S": f"G{(p * s) % 4}"}, n={"N": str((p * 7 + s) % 9)})
                    c.put_item(TableName="t", Item=item)
            queries = [
                {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "P2"}}},
                {"KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b", "ScanIndexForward": False,
                 "ExpressionAttributeValues": {":p": {"S": "P3"}, ":a": {"S": "02"}, ":b": {"S": "05"}}},
                {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "P9"}}},
                {"KeyConditionExpression": "pk = :p", "Limit": 3, "FilterExpression": "size(v) > :z",
                 "ExpressionAttributeValues": {":p": {"S": "P1"}, ":z": {"N": "1"}}},
                {"IndexName": "by_g", "KeyConditionExpression": "g = :g",
                 "ExpressionAttributeValues": {":g": {"S": "G2"}}},
                {"IndexName": "by_g", "KeyConditionExpression": "g = :g AND n >= :n", "ScanIndexForward": False,
                 "Limit": 2, "ExpressionAttributeValues": {":g": {"S": "G0"}, ":n": {"N": "3"}}},
                {"IndexName": "g_only", "KeyConditionExpression": "g = :g",
                 "ExpressionAttributeValues": {":g": {"S": "G1"}}},
            ]
            found = []
            for asked in queries:
                page = c.query(TableName="t", **asked)
                found.append((page["Items"], page.get("LastEvaluatedKey"), page["Count"]))
                if "LastEvaluatedKey" in page:
                    found.append(c.query(TableName="t", ExclusiveStartKey=page["LastEvaluatedKey"], **asked)["Items"])
            return found

    assert answers(fast=True) == answers(fast=False)
    assert patched is not patched.original


def test_uncopied_query_answers_leave_the_stored_items_as_they_were():
    """fast_queries answers with moto's stored items uncopied: projections (an index's and a
    ProjectionExpression) and filters must build new items, never trim the stored ones."""
    import boto3
    from moto import mock_aws

    from local.moto_dynamodb import fast_queries

    fast_queries()
    with mock_aws():
        c = boto3.client("dynamodb", region_name="us-east-1")
        _create_table(c, [_index("keys", "g", {"ProjectionType": "KEYS_ONLY"})])
        stored = [{"pk": {"S": "P"}, "sk": {"S": str(n)}, "g": {"S": "G"}, "v": {"M": {"deep": {"S": "x" * n}}}}
                  for n in range(4)]
        for item in stored:
            c.put_item(TableName="t", Item=item)
        by_index = c.query(TableName="t", IndexName="keys", KeyConditionExpression="g = :g",
                           ExpressionAttributeValues={":g": {"S": "G"}})["Items"]
        projected = c.query(TableName="t", KeyConditionExpression="pk = :p", ProjectionExpression="sk",
                            FilterExpression="attribute_exists(v.deep)", ExpressionAttributeValues={":p": {"S": "P"}})
        assert all(set(item) == {"pk", "sk", "g"} for item in by_index)
        assert [set(item) for item in projected["Items"]] == [{"sk"}] * 4
        assert c.query(TableName="t", KeyConditionExpression="pk = :p",
                       ExpressionAttributeValues={":p": {"S": "P"}})["Items"] == stored


def test_projections_onto_top_level_names_answer_as_moto_does(monkeypatch):
    """fast_projections must not change an answer: names present or not, through placeholders, every
    attribute type, on GetItem, Query, Scan and BatchGetItem; nested paths and list indexes go to moto."""
    import boto3
    from boto3.dynamodb.types import TypeDeserializer
    from moto import mock_aws
    from moto.dynamodb.models.dynamo_type import Item

    from local.moto_dynamodb import fast_projections

    fast_projections()
    patched = Item.project
    plain = TypeDeserializer().deserialize
    item = {"pk": {"S": "P"}, "sk": {"S": "1"}, "g": {"S": "G"}, "s": {"S": "x"}, "n": {"N": "1.50"},
            "b": {"B": b"\x00\x01"}, "t": {"BOOL": True}, "z": {"NULL": True}, "ss": {"SS": ["a", "b", "c"]},
            "ns": {"NS": ["1", "2"]},
            "l": {"L": [{"S": "first"}, {"M": {"deep": {"N": "7"}}}]},
            "m": {"M": {"deep": {"S": "d"}, "list": {"L": [{"N": "1"}]}}},
            "history": {"L": [{"M": {"at": {"S": f"2026-01-{d:02d}"}, "status": {"S": "A"}}} for d in range(1, 29)]}}
    projections = [("s, n, b", {}), ("t, z, ss, ns", {}), ("pk, absent_here, l, m", {}),
                   ("#s, #h", {"#s": "s", "#h": "history"}), ("m.deep, l[1].deep, s", {}), ("l[0]", {}),
                   ("#m.#d", {"#m": "m", "#d": "deep"})]

    def answers(fast: bool) -> list:
        monkeypatch.setattr(Item, "project", patched if fast else patched.original)
        found = []
        with mock_aws():
            c = boto3.client("dynamodb", region_name="us-east-1")
            _create_table(c, [_index("by_g", "g", {"ProjectionType": "ALL"})])
            c.put_item(TableName="t", Item=item)
            key = {"pk": {"S": "P"}, "sk": {"S": "1"}}
            for expression, names in projections:
                asked = {"ProjectionExpression": expression, **({"ExpressionAttributeNames": names} if names else {})}
                found.append(c.get_item(TableName="t", Key=key, **asked)["Item"])
                found.append(c.query(TableName="t", KeyConditionExpression="pk = :p",
                                     ExpressionAttributeValues={":p": {"S": "P"}}, **asked)["Items"])
                found.append(c.query(TableName="t", IndexName="by_g", KeyConditionExpression="g = :g",
                                     ExpressionAttributeValues={":g": {"S": "G"}}, **asked)["Items"])
                found.append(c.scan(TableName="t", **asked)["Items"])
                found.append(c.batch_get_item(RequestItems={"t": {"Keys": [key], **asked}})["Responses"]["t"])
            assert c.get_item(TableName="t", Key=key)["Item"] == item, "projecting never changes the stored item"
        return [[plain({"M": i}) for i in answer] if isinstance(answer, list) else plain({"M": answer})
                for answer in found]

    fast = answers(fast=True)
    assert fast == answers(fast=False)
    assert fast[0] == {"s": "x", "n": Decimal("1.50"), "b": Binary(b"\x00\x01")}
    assert patched is not patched.original


def _write(client, how: str, item: dict) -> None:
    if how == "put":
        client.put_item(TableName="t", Item=item)
    elif how == "batch":
        client.batch_write_item(RequestItems={"t": [{"PutRequest": {"Item": item}}]})
    else:
        client.transact_write_items(TransactItems=[{"Put": {"TableName": "t", "Item": item}}])


def test_a_new_items_size_is_checked_once_with_motos_limit(monkeypatch):
    """fast_item_sizes must refuse exactly the items moto refuses: at the limit and one byte over,
    in one attribute or spread over many, on PutItem, BatchWriteItem and TransactWriteItems."""
    import boto3
    from botocore.exceptions import ClientError
    from moto import mock_aws
    from moto.dynamodb.models.dynamo_type import Item

    from local.moto_dynamodb import ITEM_SIZE_LIMIT, fast_item_sizes

    fast_item_sizes()
    patched = Item.__init__
    keys = {"pk": {"S": "P"}, "sk": {"S": "1"}}
    fixed = sum(len(name) + len(value["S"]) for name, value in keys.items())

    def one_attribute(total: int) -> dict:
        return {**keys, "v": {"S": "x" * (total - fixed - 1)}}

    def many_attributes(total: int) -> dict:
        spread = {f"a{n:03d}": {"S": "y" * 996} for n in range(400)}  # 400 x 1,000 bytes
        rest = total - fixed - 400_000 - 1
        return {**keys, **spread, "v": {"S": "z" * rest}}

    def outcomes(fast: bool) -> list:
        monkeypatch.setattr(Item, "__init__", patched if fast else patched.original)
        found = []
        with mock_aws():
            c = boto3.client("dynamodb", region_name="us-east-1")
            _create_table(c, [_index("by_g", "g", {"ProjectionType": "ALL"})])
            for build in (one_attribute, many_attributes):
                for total in (ITEM_SIZE_LIMIT, ITEM_SIZE_LIMIT + 1):
                    item = build(total)
                    for how in ("put", "batch", "transaction"):
                        try:
                            _write(c, how, item)
                            found.append(c.get_item(TableName="t", Key=keys)["Item"] == item)
                        except ClientError as error:
                            found.append((error.response["Error"]["Code"], error.response["Error"]["Message"]))
        return found

    fast = outcomes(fast=True)
    assert fast == outcomes(fast=False)
    assert fast.count(True) == 6 and len(fast) == 12, "at the limit stored, one byte over refused, each way"


def test_an_items_size_by_type_letter_is_motos_size():
    """fast_item_sizes' Item.size must give moto's size for every attribute type, nested in maps and
    lists, multi-byte text included (the 1 MB page of a query depends on it)."""
    from moto.dynamodb.models.dynamo_type import DynamoType, Item

    from local.moto_dynamodb import fast_item_sizes

    fast_item_sizes()
    every_type = {"s": {"S": "Pâté ✓"}, "n": {"N": "-12.50"}, "b": {"B": b"\x00\xff"}, "ss": {"SS": ["a", "éé"]},
                  "ns": {"NS": ["1", "2.5"]}, "bs": {"BS": [b"x", b"yz"]}, "t": {"BOOL": True},
                  "f": {"BOOL": False}, "null": {"NULL": True}}
    attrs = {**every_type, "m": {"M": {**every_type, "l": {"L": list(every_type.values())}}},
             "l": {"L": [{"M": every_type}, {"L": [{"S": ""}, {"N": "0"}]}]}, "ünï": {"S": "x"}}
    item = Item(DynamoType({"S": "P"}), DynamoType({"S": "1"}), {"pk": {"S": "P"}, "sk": {"S": "1"}, **attrs})
    assert Item.size.fast
    assert item.size() == Item.size.original(item) > 0
    for name in attrs:
        single = Item(DynamoType({"S": "P"}), None, {name: attrs[name]})
        assert single.size() == Item.size.original(single), name


def test_item_requests_read_as_json_give_motos_own_parameters(monkeypatch):
    """fast_item_requests must hand moto the parameters its shape parser gives, for every data-plane
    action, with binary values (parsed by moto) and without (read as JSON)."""
    import boto3
    from moto import mock_aws
    from moto.dynamodb.responses import DynamoHandler

    from local.moto_dynamodb import fast_item_requests

    fast_item_requests()
    fast = DynamoHandler.parse_parameters
    compared = []

    def both(self, request):
        fast.original(self, request)
        expected = self.params
        fast(self, request)
        compared.append((self._get_action(), b'"B":' in request.data, self.params == expected))

    monkeypatch.setattr(DynamoHandler, "parse_parameters", both)
    key = {"pk": {"S": "P"}, "sk": {"S": "1"}}
    every = {**key, "n": {"N": "-1.5"}, "ss": {"SS": ["a"]}, "g": {"S": "é"},
             "m": {"M": {"l": {"L": [{"NULL": True}, {"BOOL": False}]}}}}
    with mock_aws():
        c = boto3.client("dynamodb", region_name="us-east-1")
        _create_table(c, [_index("by_g", "g", {"ProjectionType": "ALL"})])
        c.put_item(TableName="t", Item=every, ConditionExpression="attribute_not_exists(pk)")
        c.put_item(TableName="t", Item={**key, "sk": {"S": "2"}, "b": {"B": b"\x00\xff"}})
        c.get_item(TableName="t", Key=key, ConsistentRead=True, ProjectionExpression="#n, m.l[0]",
                   ExpressionAttributeNames={"#n": "n"})
        c.update_item(TableName="t", Key=key, UpdateExpression="SET n = n + :one", ReturnValues="ALL_NEW",
                      ExpressionAttributeValues={":one": {"N": "1"}})
        c.query(TableName="t", KeyConditionExpression="pk = :p AND sk > :s", FilterExpression="attribute_exists(n)",
                ExpressionAttributeValues={":p": {"S": "P"}, ":s": {"S": "0"}}, Limit=1, ScanIndexForward=False)
        c.scan(TableName="t", Limit=5)
        c.batch_write_item(RequestItems={"t": [{"PutRequest": {"Item": {**key, "sk": {"S": "3"}}}},
                                               {"DeleteRequest": {"Key": {**key, "sk": {"S": "2"}}}}]})
        c.batch_get_item(RequestItems={"t": {"Keys": [key, {**key, "sk": {"S": "3"}}], "ConsistentRead": True}})
        c.transact_write_items(TransactItems=[
            {"ConditionCheck": {"TableName": "t", "Key": key, "ConditionExpression": "attribute_exists(pk)"}},
            {"Update": {"TableName": "t", "Key": {**key, "sk": {"S": "3"}}, "UpdateExpression": "SET g = :g",
                        "ExpressionAttributeValues": {":g": {"S": "x"}}}}])
        c.transact_get_items(TransactItems=[{"Get": {"TableName": "t", "Key": key}}])
        c.delete_item(TableName="t", Key=key, ConditionExpression="n < :z",
                      ExpressionAttributeValues={":z": {"N": "0"}})
    assert all(same for _, _, same in compared), [c for c in compared if not c[2]]
    assert {action for action, _, _ in compared} >= {"PutItem", "GetItem", "UpdateItem", "Query", "Scan", "DeleteItem",
                                                     "BatchWriteItem", "BatchGetItem", "TransactWriteItems",
                                                     "TransactGetItems"}
    assert any(binary for _, binary, _ in compared), "a binary value was parsed by moto and compared"
