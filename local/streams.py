"""Delivers what a DynamoDB stream event source would: the table's new records to its function.

moto keeps a table's stream (describe_table's LatestStreamArn, dynamodbstreams get_records) but
invokes no Lambda; the local stack reads each streamed table's shards from where it last stopped
and calls the consumer's handler with Lambda's event shape (binary as base64, as Lambda sends it),
in batches of the size the CDK event source uses. Records the deployed filter would drop (only
INSERTs of CLAIM items reach claim_lines_extract) are dropped here too, by the handler's own check.
"""

from __future__ import annotations

import base64
from datetime import datetime

import boto3
from botocore.config import Config

from local.handlers import invoke
from mainecare.config import settings
from mainecare.resources import CATALOGUE

BATCH = 1000


def _lambda_shape(value):
    if isinstance(value, dict):
        return {k: (base64.b64encode(bytes(v)).decode() if k == "B" else _lambda_shape(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_lambda_shape(v) for v in value]
    if isinstance(value, datetime):
        return value.timestamp()
    return value


class StreamReader:
    """Reads every streamed table of the catalogue; remembers each shard's last sequence number."""

    def __init__(self, session=None):
        self._after: dict[str, str] = {}

    def _client(self, service: str):
        current = settings()
        # botocore addresses DynamoDB Streams at <account>.streams-ddb...; moto answers the regional name.
        return boto3.client(service, region_name=current.region, endpoint_url=current.endpoint_url,
                            config=Config(account_id_endpoint_mode="disabled"))

    def drain(self) -> int:
        """Hand every record not yet delivered to its consumer; returns how many were delivered."""
        delivered = 0
        for function in CATALOGUE.functions:
            if function.stream_from:
                delivered += self._drain_table(function.stream_from, function.name)
        return delivered

    def _drain_table(self, logical_id: str, consumer: str) -> int:
        table = settings().table(logical_id)
        arn = self._client("dynamodb").describe_table(TableName=table)["Table"].get("LatestStreamArn")
        if not arn:
            return 0
        streams = self._client("dynamodbstreams")
        delivered = 0
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            key = f"{arn}/{shard['ShardId']}"
            position = ({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": self._after[key]}
                        if key in self._after else {"ShardIteratorType": "TRIM_HORIZON"})
            iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], **position)["ShardIterator"]
            while iterator:
                page = streams.get_records(ShardIterator=iterator, Limit=BATCH)
                records = page.get("Records", [])
                if not records:
                    break
                invoke(consumer, {"Records": [{**_lambda_shape(r), "eventSourceARN": arn} for r in records]})
                self._after[key] = records[-1]["dynamodb"]["SequenceNumber"]
                delivered += len(records)
                iterator = page.get("NextShardIterator")
        return delivered
