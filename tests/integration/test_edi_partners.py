"""No trading partner can block or probe another through the 837 front door (moto, the real
edi_ingest handler): a file under a partner's prefix must carry that partner's registered
submitter ids (ISA06, GS02, 1000A NM109), and duplicate detection is scoped to the partner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mainecare.config import settings
from mainecare.domain.accounts import TradingPartner
from mainecare.stores import accounts, edi_files, inbound
from mainecare.stores.aws import client
from tests.edi_answers import answer_bytes, answer_names

EDI = Path(__file__).resolve().parents[2] / "events" / "edi"
SAMPLE = (EDI / "brief_837p_ndc.txt").read_bytes()  # DOWNEAST's ids (SUBMITTERID), ISA13 000000101
DOWNEAST, PINETREE = "DOWNEAST", "PINETREE"
USER_OF = {DOWNEAST: "biller@downeast.example", PINETREE: "admin@pinetree.example"}


def _with_ids(data: bytes, isa06: str = "SUBMITTERID", gs02: str = "SUBMITTERID", nm109: str = "SUBMITTERID",
              isa13: str = "000000101") -> bytes:
    """The sample file with other sender ids (ISA06 keeps its fixed width of 15) or ISA13."""
    text = data.decode()
    text = text.replace("*ZZ*SUBMITTERID    *", f"*ZZ*{isa06:<15}*", 1)
    text = text.replace("GS*HC*SUBMITTERID*", f"GS*HC*{gs02}*", 1)
    text = text.replace("*46*SUBMITTERID~", f"*46*{nm109}~", 1)
    return text.replace("*000000101*", f"*{isa13}*").replace("IEA*1*000000101~", f"IEA*1*{isa13}~").encode()


def _submit(aws, partner: str, name: str, data: bytes) -> None:
    inbound.put_inbound(partner, name, data)
    aws.deliver("EdiIngestQueue")


def _answers(partner: str) -> list[str]:
    return answer_names(partner)


def _segments(aws, partner: str, name: str) -> list[str]:
    return [s.strip() for s in _raw(aws, partner, name).decode("latin-1").split("~") if s.strip()]


def _raw(aws, partner: str, name: str) -> bytes:
    return answer_bytes(aws, partner, name)


def _ta1(aws, partner: str, name: str) -> str:
    return next(s for s in _segments(aws, partner, f"{name}.ta1") if s.startswith("TA1*"))


def _claims(aws, api, partner: str) -> list[dict]:
    response = api.http.get("/v1/claims", headers=aws.auth(USER_OF[partner]))
    return json.loads(response.body)["claims"]


def _registered_files() -> list[dict]:
    """The inbound file registry's items (content hash and ISA13 keys) of every partner."""
    return client("dynamodb").scan(TableName=settings().table("Claims"), FilterExpression="kind = :file",
                                   ExpressionAttributeValues={":file": {"S": "EDI_FILE"}})["Items"]


def _assert_processed_for_downeast(aws, api, name: str) -> None:
    assert any(s.startswith("AK9*A*1*1*1") for s in _segments(aws, DOWNEAST, f"{name}.999"))
    assert any(s.startswith("STC*A2:20") for s in _segments(aws, DOWNEAST, f"{name}.277ca"))
    assert [c["status"] for c in _claims(aws, api, DOWNEAST)] == ["ACCEPTED"]


def test_b_sending_with_as_sender_id_is_refused_006_and_as_real_file_with_that_isa13_goes_through(loaded, api,
                                                                                                   capsys):
    _submit(loaded, PINETREE, "spoof.txt", _with_ids(SAMPLE, isa06="SUBMITTERID", gs02="PINETREEBILL",
                                                     nm109="PINETREEBILL"))
    assert _ta1(loaded, PINETREE, "spoof.txt") == "TA1*000000101*260415*1030*R*006"
    assert _answers(PINETREE) == ["spoof.txt.ta1"] and _answers(DOWNEAST) == []
    assert '"EdiFileSenderNotRegistered":[1.0]' in capsys.readouterr().out
    assert _registered_files() == []  # nothing claimed: not A's ISA13, not even B's own
    assert _claims(loaded, api, PINETREE) == [] and _claims(loaded, api, DOWNEAST) == []

    _submit(loaded, DOWNEAST, "real.txt", SAMPLE)  # the same sender id and ISA13, from its owner
    assert not any(name.endswith(".ta1") for name in _answers(DOWNEAST))
    _assert_processed_for_downeast(loaded, api, "real.txt")


def test_a_twice_is_a_duplicate_but_bs_byte_identical_copy_is_refused_006_and_tells_b_nothing(loaded, api):
    _submit(loaded, DOWNEAST, "first.txt", SAMPLE)
    _submit(loaded, DOWNEAST, "again.txt", SAMPLE)
    assert _ta1(loaded, DOWNEAST, "again.txt") == "TA1*000000101*260415*1030*R*025"

    _submit(loaded, PINETREE, "copy.txt", SAMPLE)
    assert _ta1(loaded, PINETREE, "copy.txt") == "TA1*000000101*260415*1030*R*006"  # not 025: no echo of A
    assert _answers(PINETREE) == ["copy.txt.ta1"]
    assert _claims(loaded, api, PINETREE) == []
    _assert_processed_for_downeast(loaded, api, "first.txt")  # A unaffected: still its one claim
    assert sorted(_answers(DOWNEAST)) == sorted(["again.txt.ta1", *(f"first.txt{s}" for s in (
        ".999", ".277ca", ".rejections.json", ".rejections.csv"))])


def test_a_partner_with_its_own_ids_and_the_same_isa13_is_processed_on_its_own(loaded, api):
    _submit(loaded, DOWNEAST, "downeast.txt", SAMPLE)
    _submit(loaded, PINETREE, "pinetree.txt", _with_ids(SAMPLE, "PINETREEBILL", "PINETREEBILL", "PINETREEBILL"))
    assert any(s.startswith("AK9*A*1*1*1") for s in _segments(loaded, PINETREE, "pinetree.txt.999"))
    assert [c["status"] for c in _claims(loaded, api, PINETREE)] == ["ACCEPTED"]
    assert [c["status"] for c in _claims(loaded, api, DOWNEAST)] == ["ACCEPTED"]


def test_duplicate_keys_belong_to_the_partner(aws):
    # Even where two partners share an id (a clearinghouse's, say), one's file never blocks the other's.
    assert edi_files.claim_file("hash", "SHAREDID", "000000007", "DOWNEAST/a@", DOWNEAST).outcome == "NEW"
    assert edi_files.claim_file("hash", "SHAREDID", "000000007", "PINETREE/a@", PINETREE).outcome == "NEW"
    assert edi_files.claim_file("hash", "SHAREDID", "000000007", "DOWNEAST/b@", DOWNEAST).outcome == "DUPLICATE"


def test_a_gs02_not_registered_for_the_partner_refuses_the_interchange_024(loaded, api):
    _submit(loaded, DOWNEAST, "gs.txt", _with_ids(SAMPLE, gs02="PINETREEBILL"))
    assert _ta1(loaded, DOWNEAST, "gs.txt") == "TA1*000000101*260415*1030*R*024"
    assert _answers(DOWNEAST) == ["gs.txt.ta1"] and _claims(loaded, api, DOWNEAST) == []
    _submit(loaded, DOWNEAST, "fixed.txt", SAMPLE)  # nothing was registered: the corrected file goes through
    _assert_processed_for_downeast(loaded, api, "fixed.txt")


def test_a_1000a_submitter_not_registered_rejects_the_claims_in_the_277ca(loaded, api):
    _submit(loaded, DOWNEAST, "nm1.txt", _with_ids(SAMPLE, nm109="PINETREEBILL"))
    assert "IK5*A" in _segments(loaded, DOWNEAST, "nm1.txt.999")  # sound syntax: the 999 accepts the set
    stc = [s for s in _segments(loaded, DOWNEAST, "nm1.txt.277ca") if s.startswith("STC*A3")]
    assert len(stc) == 1 and stc[0].startswith("STC*A3:24:41*") and "1000A NM109" in stc[0]
    assert "PINETREEBILL" not in stc[0]  # the message names the loop, not the id sent
    report = json.loads(_raw(loaded, DOWNEAST, "nm1.txt.rejections.json"))
    assert [r["reason_code"] for r in report] == ["SUBMITTER_NOT_REGISTERED"]
    assert [c["status"] for c in _claims(loaded, api, DOWNEAST)] == ["REJECTED"]


def test_every_interchange_of_a_file_must_carry_the_partners_sender_id(loaded, api):
    own = _with_ids(SAMPLE, "PINETREEBILL", "PINETREEBILL", "PINETREEBILL", isa13="000000301")
    _submit(loaded, PINETREE, "two.txt", own + _with_ids(SAMPLE, isa13="000000302"))  # the second is A's
    assert _ta1(loaded, PINETREE, "two.txt") == "TA1*000000301*260415*1030*R*006"
    assert _claims(loaded, api, PINETREE) == []


@pytest.mark.parametrize("partner", ["MAINECARE", "MEMBERS"])
def test_partners_that_send_no_837s_have_no_ids_so_every_file_is_refused(loaded, partner):
    _submit(loaded, partner, "x.txt", SAMPLE)
    assert _ta1(loaded, partner, "x.txt").endswith("*R*006")
    assert _registered_files() == []


def test_an_inactive_partners_files_are_not_processed_or_answered(loaded):
    accounts.put_trading_partner(TradingPartner(PINETREE, "Pine Tree Billing Services", "BILLING_AGENT",
                                                status="SUSPENDED", submitter_ids=("PINETREEBILL",)))
    _submit(loaded, PINETREE, "late.txt", _with_ids(SAMPLE, "PINETREEBILL", "PINETREEBILL", "PINETREEBILL"))
    assert _answers(PINETREE) == [] and _registered_files() == []
