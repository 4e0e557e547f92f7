"""The Reference table's item model: one pynamodb model for every kind of item it holds.

  pk CROSSWALK      sk <SOURCE>#<version>   a loaded crosswalk artifact (stores/reference_artifacts.py)
  pk COMBO_REQUEST  sk <request id>         an NDC-J combination request (stores/combination_requests.py)
  pk APPROVED_PAIR  sk <ndc11>#<hcpcs>      a pair staff approved
  pk COUNTER        sk <name>               an outbound control number counter (stores/control_numbers.py)
Attributes a kind does not use stay absent. Table names come from settings at first use.
"""

from __future__ import annotations

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.stores.tables import KeyedItem, bound_model


def _build() -> type[Model]:
    class ReferenceItem(KeyedItem):
        class Meta:
            pass

        # crosswalk artifacts
        source = UnicodeAttribute(null=True)
        version = UnicodeAttribute(null=True)
        artifact_key = UnicodeAttribute(null=True)
        artifact_version_id = UnicodeAttribute(null=True)
        source_key = UnicodeAttribute(null=True)
        rows_read = NumberAttribute(null=True)
        rows_skipped = NumberAttribute(null=True)
        loaded_at = UnicodeAttribute(null=True)
        # combination requests and approved pairs
        request_id = UnicodeAttribute(null=True)
        trading_partner_id = UnicodeAttribute(null=True)
        ndc11 = UnicodeAttribute(null=True)
        hcpcs = UnicodeAttribute(null=True)
        reason = UnicodeAttribute(null=True)
        status = UnicodeAttribute(null=True)
        requested_by = UnicodeAttribute(null=True)
        requested_at = UnicodeAttribute(null=True)
        decision = MapAttribute(null=True)  # status, decided_by, decided_at, note, effective_from
        effective_from = UnicodeAttribute(null=True)
        # counters
        value = NumberAttribute(null=True)

    return ReferenceItem


def records() -> type[Model]:
    return bound_model("Reference", _build)


def fields(item, names) -> dict:
    """The named attributes of an item as a plain dict (a map attribute as a dict); absent ones left out."""
    found = {}
    for name in names:
        value = getattr(item, name)
        if value is not None:
            found[name] = value.as_dict() if isinstance(value, MapAttribute) else value
    return found
