"""What a stored claim costs: DynamoDB's item sizing, the body's dictionary, and the write-unit target.

Issue 14's target: a realistic claim (the TR3 drug example's shape, varied as bench/shapes.py
varies it) stored from an 837 for at most 4 write units, counted from item sizes and index
projections the way DynamoDB bills them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import zlib
from pathlib import Path

import pytest

from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.models.claims_json import claim_to_json
from mainecare.resources import CATALOGUE, Index, Table
from mainecare.stores import claim_body
from mainecare.stores import claims as claim_store
from mainecare.stores.write_units import item_size, put_units, write_units_per_claim
from tests.claim_dictionary import dictionary_bytes
from x12.claims837 import iter_claims
from x12.structure import validate_structure

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = ROOT / "layers" / "mainecare" / "python" / "mainecare" / "stores" / "claim_body_v1.zdict"
# The v1 dictionary is frozen: bodies stored with it must stay readable. A new one is format z2.
DICTIONARY_V1_SHA256 = "a6b1f1607e85f3e9284dad245c8cdb1f635f8c28dfc52d57b3d3a0007d1aaaa7"


def _shapes():
    spec = importlib.util.spec_from_file_location("bench_shapes", ROOT / "bench" / "shapes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _realistic_claims(tmp_path: Path, count: int = 8) -> list:
    path = tmp_path / "realistic.837"
    _shapes().write_realistic_837(path, count)
    data = path.read_bytes()
    report = validate_structure(io.BytesIO(data))
    assert report.claim_count == count and len(report.accepted_sets()) == (2 if count >= 4 else 1)
    return [claim_from_segments(segments) for segments in iter_claims(io.BytesIO(data), report.accepted_sets())]


def _stored(claim, n: int) -> tuple[claim_store.StoredClaim, list[claim_store.RebateRow]]:
    decision = {"status": "ACCEPTED", "channel": "edi", "lineStatuses": {str(line.line_number): "PAYABLE"
                                                                         for line in claim.lines},
                "reasons": [], "findings": [], "awaiting": []}
    stored = claim_store.StoredClaim(
        f"C{n:012X}", "DOWNEAST", "edi", "ACCEPTED", "2026-04-15T10:30:00.123-04:00", claim.patient_control_number,
        claim.subscriber.member_id, "2026-04-06", "2026-04-10", str(claim.total_charge), f"realistic.837#{n + 1}",
        claim_to_json(claim), decision)
    rows = [claim_store.RebateRow("2026Q2", line.drug.ndc_raw, line.procedure_code, line.line_number,
                                  str(line.units), str(line.drug.quantity), line.drug.unit, False)
            for line in claim.lines if line.drug]
    return stored, rows


def test_item_sizes_follow_dynamodbs_rules():
    assert item_size({"pk": {"S": "CLAIM#1"}}) == 2 + 7
    assert item_size({"n": {"N": "12345"}}) == 1 + 4  # 5 significant digits: 3 bytes + 1
    assert item_size({"b": {"B": b"\x00" * 10}, "t": {"BOOL": True}, "z": {"NULL": True}}) == 11 + 2 + 2
    assert item_size({"l": {"L": [{"S": "ab"}, {"S": "c"}]}}) == 1 + 3 + (2 + 1) + (1 + 1)
    assert item_size({"name": {"S": "Québec"}}) == 4 + 7  # UTF-8 bytes, not characters


def test_an_index_entry_costs_what_it_projects_and_a_sparse_index_costs_nothing():
    table = Table("T", "T", "t", "pk", "sk", (Index("all", "apk", "ask"), Index("some", "spk", "ssk", ("a",)),
                                              Index("absent", "xpk", "xsk")))
    item = {"pk": {"S": "p"}, "sk": {"S": "s"}, "apk": {"S": "a"}, "ask": {"S": "a"}, "spk": {"S": "s"},
            "ssk": {"S": "s"}, "a": {"S": "x"}, "big": {"B": b"\x00" * 1500}}
    assert put_units(item, table) == {"table": 2, "all": 2, "some": 1}
    assert put_units(item, table, transactional=True) == {"table": 4, "all": 4, "some": 2}


def test_a_realistic_claim_from_an_837_costs_at_most_four_write_units(tmp_path):
    batch = [_stored(claim, n) for n, claim in enumerate(_realistic_claims(tmp_path, 40))]
    kinds = {len(claim.claim["claimInformation"]["serviceLines"]) for claim, _ in batch}
    assert {6, 2} <= kinds  # the drug example's six lines and the COB/837I shapes' two
    drug_example = [(claim, rows) for claim, rows in batch if len(claim.claim["claimInformation"]["serviceLines"]) == 6]
    assert write_units_per_claim(drug_example, "edi:DOWNEAST") == 4.0  # claim 1, its two index entries, rebate 1
    assert write_units_per_claim(batch, "edi:DOWNEAST") <= 4.0
    claims_table = CATALOGUE.table("Claims")
    for claim, rows in batch:
        units = [put_units(item.serialize(), claims_table) for item in claim_store.receipt_items(claim, rows)]
        assert units[0] == {"table": 1, "gsi1": 1, "gsi2": 1}  # the claim item: under 1 KB, indexes without the body
        assert all(u == {"table": 1} for u in units[1:])  # one rebate item per quarter, whatever the drug lines


def test_the_drug_example_claim_body_fits_in_well_under_a_kilobyte(tmp_path):
    claim, _ = _stored(_realistic_claims(tmp_path, 1)[0], 0)
    body = claim_body.pack(claim.claim, claim.decision)
    plain = zlib.compress(__import__("json").dumps({"claim": claim.claim, "decision": claim.decision}).encode(), 9)
    assert len(body) < 600 and len(body) < 0.6 * len(plain)
    assert claim_body.unpack(body, claim_body.CURRENT_FORMAT) == (claim.claim, claim.decision)


def test_bodies_stored_before_the_dictionary_stay_readable():
    legacy = zlib.compress(b'{"claim":{"a":1},"decision":{"status":"ACCEPTED"}}', 6)
    assert claim_body.unpack(legacy, None) == ({"a": 1}, {"status": "ACCEPTED"})


def test_the_v1_dictionary_never_changes():
    """Bodies written with it must stay readable: a better dictionary is a new format (z2)."""
    assert hashlib.sha256(DICTIONARY.read_bytes()).hexdigest() == DICTIONARY_V1_SHA256


def test_the_recipe_still_makes_a_dictionary_as_good_as_v1():
    """tests/claim_dictionary.py is how v1 was made; when the claim layout changes it may make other
    bytes (v1 stays), but it must still make a usable dictionary for a z2."""
    made = dictionary_bytes()
    assert 16_000 < len(made) <= 32_768


@pytest.mark.parametrize("line_count", [1, 50, 999])
def test_claims_of_any_legal_size_keep_their_body_below_the_item_limit(tmp_path, line_count):
    claim, _ = _stored(_realistic_claims(tmp_path, 1)[0], 0)
    lines = claim.claim["claimInformation"]["serviceLines"]
    body = dict(claim.claim, claimInformation=dict(claim.claim["claimInformation"],
                                                   serviceLines=(lines * line_count)[:line_count]))
    assert len(claim_body.pack(body, claim.decision)) < claim_store.MAX_BODY_BYTES
