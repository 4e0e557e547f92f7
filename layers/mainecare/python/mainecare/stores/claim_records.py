"""The Claims table's claim items as pynamodb models (stores/claims.py says what each holds and why).

  ClaimRecord   pk CLAIM#<id>, sk CLAIM: the listed fields (what the two indexes project), the
                compressed body (stores/claim_body.py) and the hash of the decision it holds
  RebateLines   pk REBATE#<quarter>, sk CLAIM#<id>: the claim's payable drug lines of the quarter
  PendedMarker  pk PENDED#<awaited file>, sk <id>: a pended claim waiting for that file

The indexes project only `LISTED` (resources.CLAIM_INDEX_ATTRIBUTES): a claim list reads summaries,
and whoever needs bodies reads them from the table by key (`claims.claims_by_ids`).
"""

from __future__ import annotations

from pynamodb.attributes import BinaryAttribute, UnicodeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from mainecare.resources import CLAIM_INDEX_ATTRIBUTES
from mainecare.stores.tables import KeyedItem, bound_model

LISTED = CLAIM_INDEX_ATTRIBUTES


def claim_index(name: str) -> GlobalSecondaryIndex:
    """gsi1 or gsi2 of the Claims table, as pynamodb sees it (the catalogue creates the table)."""

    class Meta:
        index_name = name
        projection = IncludeProjection(list(CLAIM_INDEX_ATTRIBUTES))

    keys = {f"{name}pk": UnicodeAttribute(hash_key=True), f"{name}sk": UnicodeAttribute(range_key=True)}
    return type("ClaimIndex", (GlobalSecondaryIndex,), {"Meta": Meta, **keys})()


def _build_claim() -> type[Model]:
    class ClaimRecord(KeyedItem):
        class Meta:
            pass

        by_partner = claim_index("gsi1")
        by_member = claim_index("gsi2")
        gsi1pk = UnicodeAttribute(null=True)
        gsi1sk = UnicodeAttribute(null=True)
        gsi2pk = UnicodeAttribute(null=True)
        gsi2sk = UnicodeAttribute(null=True)
        kind = UnicodeAttribute(default="CLAIM")
        trading_partner_id = UnicodeAttribute()
        channel = UnicodeAttribute()
        status = UnicodeAttribute()
        received_at = UnicodeAttribute()
        patient_control_number = UnicodeAttribute(null=True)
        member_id = UnicodeAttribute(null=True)
        service_from = UnicodeAttribute(null=True)
        service_to = UnicodeAttribute(null=True)
        total_charge = UnicodeAttribute(null=True)
        source = UnicodeAttribute(null=True)
        body = BinaryAttribute(legacy_encoding=False)
        body_format = UnicodeAttribute(null=True)
        decision_hash = UnicodeAttribute()
        units_given_back_by = UnicodeAttribute(null=True)  # the void or replacement that gave its units back

    return ClaimRecord


def _build_rebate() -> type[Model]:
    class RebateLines(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute(default="REBATE_LINES")
        claim_id = UnicodeAttribute()
        lines = UnicodeAttribute()  # JSON rows of claims.REBATE_COLUMNS

    return RebateLines


def _build_marker() -> type[Model]:
    class PendedMarker(KeyedItem):
        class Meta:
            pass

        kind = UnicodeAttribute(default="PENDED")
        claim_id = UnicodeAttribute()
        received_at = UnicodeAttribute()

    return PendedMarker


def claim_records() -> type[Model]:
    return bound_model("Claims", _build_claim)


def rebate_lines() -> type[Model]:
    return bound_model("Claims", _build_rebate)


def pended_markers() -> type[Model]:
    return bound_model("Claims", _build_marker)
