"""Every X12 answer the ingest service writes for an 837 (TA1, 999, 277CA) is valid against its
TR3, as pyx12 4.0.0 judges it (tests/x12_oracle.py): files through S3 -> SQS -> edi_ingest on moto.

The writers' own variants (every kind of structure error, TA1 codes, 277CA shapes) are judged in
tests/unit/x12/test_x12_outbound_valid.py; here the service's real path decides what is written.
"""

from __future__ import annotations

from mainecare.config import settings
from mainecare.stores import inbound, outbound
from tests.x12_build import BRIEF, CLEAN, FAULTS, TWO_CLAIMS, interchange, pieces, set_segments
from tests.x12_oracle import assert_valid

PARTNER = "DOWNEAST"
ACK_999, ACK_277CA = "005010X231A1", "005010X214"


def _answers(aws, file_name: str, text: str | bytes) -> dict[str, str]:
    """Submit one file; its X12 answers by kind ("999", "277ca", "ta1")."""
    inbound.put_inbound(PARTNER, file_name, text.encode() if isinstance(text, str) else text)
    aws.deliver("EdiIngestQueue")
    s3 = aws.session.client("s3")
    found = {}
    for key in outbound.list_for(PARTNER):
        name = key.rsplit("/", 1)[-1]
        kind = name.removeprefix(f"{file_name}.")
        if name.startswith(f"{file_name}.") and kind in ("999", "277ca", "ta1"):
            body = s3.get_object(Bucket=settings().bucket("OutboundAck"), Key=key)["Body"]
            found[kind] = body.read().decode("latin-1")
    return found


def test_the_answers_to_a_clean_file_are_valid(loaded):
    answers = _answers(loaded, "clean.txt", BRIEF)
    assert sorted(answers) == ["277ca", "999"]
    assert_valid(answers["999"], sets=1, version=ACK_999)
    assert_valid(answers["277ca"], sets=1, version=ACK_277CA)


def test_the_answers_to_a_file_with_a_rejected_claim_are_valid(loaded):
    answers = _answers(loaded, "two_claims_one_bad_ndc.txt", TWO_CLAIMS)
    assert_valid(answers["999"], sets=1, version=ACK_999)
    assert_valid(answers["277ca"], sets=1, version=ACK_277CA)
    status = pieces(answers["277ca"])
    assert any(s.startswith("STC*A7") and "*U*" in s for s in status)  # the bad NDC's claim
    assert "QTY*QC*1" in status  # counted at the billing provider (2200C) too


def test_the_answers_to_several_groups_and_sets_some_rejected_are_valid(loaded):
    rejected = FAULTS["2300 missing HI"](CLEAN)
    text = interchange([[CLEAN, set_segments(TWO_CLAIMS)], [rejected, CLEAN]], isa13="000000301")
    answers = _answers(loaded, "several.txt", text)
    assert_valid(answers["999"], sets=2, version=ACK_999)
    assert [s for s in pieces(answers["999"]) if s.startswith("AK9")] == ["AK9*E*2*2*2", "AK9*P*2*2*1"]
    # E: the second set carries drug-line notes. One 277CA per accepted 837 set, in one HN group.
    assert_valid(answers["277ca"], sets=3, version=ACK_277CA)


def test_the_999_for_a_file_with_only_structure_errors_is_valid(loaded):
    text = interchange([[FAULTS["2010BA impossible birth date"](CLEAN), FAULTS["1000A lower-case segment id"](CLEAN)]],
                       isa13="000000302")  # fmt: skip
    answers = _answers(loaded, "broken.txt", text)
    assert sorted(answers) == ["999"]  # no set accepted: no claim, no 277CA
    assert_valid(answers["999"], sets=1, version=ACK_999)
    assert [s for s in pieces(answers["999"]) if s.startswith("IK3")] == [
        "IK3*DMG*17**8", "IK3*pER*4**1", "IK3*PER*5**3"]


def test_every_ta1_we_send_is_valid(loaded):
    _answers(loaded, "first.txt", BRIEF)
    duplicate = _answers(loaded, "again.txt", BRIEF)["ta1"]
    envelope = _answers(loaded, "envelope.txt", BRIEF.replace("IEA*1*000000101", "IEA*1*000000109"))["ta1"]
    not_x12 = _answers(loaded, "notes.txt", b"this is not an interchange\n")["ta1"]
    for ta1, note in ((duplicate, "R*025"), (envelope, "R*001"), (not_x12, "R*024")):
        assert_valid(ta1, sets=0)
        assert pieces(ta1)[1].endswith(note)
