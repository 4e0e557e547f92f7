"""bench/load.py's audit finds every way a claim can be lost or doubled (it must be able to fail)."""

from __future__ import annotations

from bench.load import audit_claims

PCN = {"k1": "LD1", "k2": "LD2", "k3": "LD3"}


def _stored(*pairs: tuple[str, str]) -> list[dict]:
    return [{"patient_control_number": pcn, "claim_id": claim_id} for pcn, claim_id in pairs]


def test_each_key_with_one_claim_stored_once_and_readable_passes():
    found = audit_claims({"k1": ["c1", "c1"], "k2": ["c2"], "k3": []}, PCN,
                         _stored(("LD1", "c1"), ("LD2", "c2"), ("OTHER", "c9")), {"c1": "LD1", "c2": "LD2"})
    assert found == {"doubled": [], "lost": [], "shared": [], "stored_without_201": []}


def test_a_retry_answered_with_another_claim_id_is_doubled():
    found = audit_claims({"k1": ["c1", "c7"]}, PCN, _stored(("LD1", "c1")), {"c1": "LD1", "c7": "LD1"})
    assert found["doubled"] == ["k1"]


def test_a_key_stored_twice_is_doubled_even_if_only_one_id_came_back():
    found = audit_claims({"k1": ["c1"]}, PCN, _stored(("LD1", "c1"), ("LD1", "c8")), {"c1": "LD1"})
    assert found["doubled"] == ["k1"]


def test_a_201_whose_claim_cannot_be_read_or_is_not_stored_is_lost():
    assert audit_claims({"k1": ["c1"]}, PCN, _stored(("LD1", "c1")), {"c1": None})["lost"] == ["k1"]
    assert audit_claims({"k1": ["c1"]}, PCN, _stored(), {"c1": "LD1"})["lost"] == ["k1"]
    # readable, but it is another request's claim
    assert audit_claims({"k1": ["c1"]}, PCN, _stored(("LD1", "c1")), {"c1": "LD2"})["lost"] == ["k1"]


def test_one_claim_id_answered_for_two_keys_is_shared():
    found = audit_claims({"k1": ["c1"], "k2": ["c1"]}, PCN, _stored(("LD1", "c1")), {"c1": "LD1"})
    assert found["shared"] == ["c1"] and found["lost"] == ["k2"]


def test_a_claim_stored_for_a_post_that_never_got_its_answer_is_reported():
    found = audit_claims({"k3": []}, PCN, _stored(("LD3", "c3")), {})
    assert found["stored_without_201"] == ["k3"] and found["lost"] == found["doubled"] == []
