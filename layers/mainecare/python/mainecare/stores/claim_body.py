"""The stored claim body: the claim as received (the API's JSON layout) and its decision, compressed.

A body is read whole and never queried by its inner fields, so it is kept as one binary attribute.
Claims are small JSON documents that repeat the same keys and codes, which plain zlib cannot
exploit within one claim; a preset dictionary of typical claims (`claim_body_v1.zdict`, made from
the project's fake fixtures by tests/claim_dictionary.py) gives zlib those strings up front: the
TR3 drug example's claim and decision take about 400 bytes instead of 1,100 with plain zlib,
which is what keeps a realistic claim item under DynamoDB's 1 KB write unit.

`body_format` names how a body was written and is stored beside it, so a later dictionary is a
new format (`z2`), items already stored stay readable, and nothing is migrated. An item without
it was written before dictionaries (plain zlib).
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path

CURRENT_FORMAT = "z1"
_DICTIONARIES = {"z1": "claim_body_v1.zdict"}


@cache
def _dictionary(body_format: str) -> bytes:
    return (Path(__file__).with_name(_DICTIONARIES[body_format])).read_bytes()


def pack(claim: dict, decision: dict) -> bytes:
    text = json.dumps({"claim": claim, "decision": decision}, separators=(",", ":")).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, _dictionary(CURRENT_FORMAT))
    return packer.compress(text) + packer.flush()


def unpack(body: bytes, body_format: str | None) -> tuple[dict, dict]:
    if body_format is None:
        text = zlib.decompress(body)
    else:
        unpacker = zlib.decompressobj(15, _dictionary(body_format))
        text = unpacker.decompress(body) + unpacker.flush()
    whole = json.loads(text)
    return whole["claim"], whole["decision"]
