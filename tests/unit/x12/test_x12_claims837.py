"""iter_claims: one claim at a time, each with the provider/subscriber/patient it sits under."""

from __future__ import annotations

import io

import pytest
import x12_variants as variants
from x12_variants import BRIEF_837P

from tests.corpus import corpus_path, fixture
from x12.claims837 import iter_claims
from x12.structure import validate_structure


def claims(text: str, accepted=None):
    return list(iter_claims(io.StringIO(text), accepted))


def sample(name: str) -> str:
    """An external corpus file (relabelled); the test is skipped when the corpus is absent."""
    return variants.read_sample(name)


def member_id(claim) -> str:
    (nm1,) = [
        s for s in (claim.patient or claim.subscriber) if s.id == "NM1" and s.element(1) in ("IL", "QC")
    ]
    return nm1.element(9) or nm1.element(3)


def test_brief_claim_with_its_context():
    (claim,) = claims(BRIEF_837P)
    assert claim.claim_id == "PCN0001" and claim.kind == "professional"
    assert claim.implementation_ref == "005010X222A1"
    assert (claim.group_control_number, claim.set_control_number) == ("101", "0001")
    envelope = claim.interchange
    assert (envelope.sender_qualifier, envelope.sender_id, envelope.receiver_id) == (
        "ZZ",
        "SUBMITTERID",
        "MAINECARE",
    )
    assert (envelope.control_number, envelope.date, envelope.time, envelope.usage_indicator) == (
        "000000101", "260415", "1030", "T",
    )  # fmt: skip
    assert [s.id for s in claim.submitter] == ["NM1", "PER"] and claim.submitter[0].loop == "1000A"
    assert [s.id for s in claim.receiver] == ["NM1"] and claim.receiver[0].loop == "1000B"
    assert [(s.id, s.loop) for s in claim.billing_provider][:3] == [
        ("HL", "2000A"),
        ("PRV", "2000A"),
        ("NM1", "2010AA"),
    ]
    assert [s.loop for s in claim.subscriber] == ["2000B", "2000B"] + ["2010BA"] * 4 + ["2010BB"]
    assert claim.patient == ()
    assert [(s.id, s.position, s.loop) for s in claim.claim] == [("CLM", 19, "2300"), ("HI", 20, "2300")]
    first, second = claim.lines
    assert [s.id for s in first.line] == ["LX", "SV1", "DTP"] and first.drugs == ()
    (drug,) = second.drugs
    assert [(s.id, s.position, s.loop) for s in drug] == [("LIN", 27, "2410"), ("CTP", 28, "2410")]
    assert drug[0].element(3) == "50242006101" and drug[1].component(5, 1) == "ML"
    assert second.line[1].component(1, 2) == "J9035"


def test_several_subscribers_each_with_several_claims():
    text = BRIEF_837P
    subscriber = text[text.index("HL*2*1*22*0") : text.index("SE*29")]
    more = [
        subscriber.replace("HL*2*", f"HL*{n}*").replace("A12345678", f"M{n}").replace("PCN0001", f"PCN{n}A")
        + subscriber[subscriber.index("CLM") :].replace("PCN0001", f"PCN{n}B")
        for n in (3, 4)
    ]
    body = text[: text.index("SE*29")] + "".join(more)
    text = body + f"SE*{len(variants.split(body)) - 2 + 1}*0001~GE*1*101~IEA*1*000000101~"
    report = validate_structure(io.StringIO(text))
    assert report.accepted, report.groups[0].sets[0].errors
    found = [
        (c.claim_id, member_id(c), c.subscriber[0].element(1)) for c in claims(text, report.accepted_sets())
    ]
    assert found == [
        ("PCN0001", "A12345678", "2"), ("PCN3A", "M3", "3"), ("PCN3B", "M3", "3"), ("PCN4A", "M4", "4"),
        ("PCN4B", "M4", "4"),
    ]  # fmt: skip


def test_each_claim_keeps_its_own_set_provider_and_subscriber():
    found = claims(fixture("837_two_groups_three_sets.txt"))
    assert [(c.claim_id, c.kind, c.group_control_number, c.set_control_number, member_id(c)) for c in found] == [
        ("FAKECLM008", "professional", "2061", "0001", "FAKE000008"),
        ("FAKECLM009", "professional", "2061", "0002", "FAKE000009"),
        ("FAKECLM010", "institutional", "2062", "0003", "FAKE000010"),
        ("FAKECLM011", "institutional", "2062", "0003", "FAKE000010"),
    ]  # fmt: skip
    assert [c.implementation_ref for c in found] == ["005010X222A1"] * 2 + ["005010X223A2"] * 2
    two_subscribers = claims(fixture("837p_two_subscribers.txt"))
    assert [(c.claim_id, member_id(c)) for c in two_subscribers] == [
        ("FAKECLM001", "FAKE000001"),
        ("FAKECLM002", "FAKE000002"),
    ]
    assert two_subscribers[0].billing_provider == two_subscribers[1].billing_provider


def test_two_claims_of_one_subscriber_share_provider_and_subscriber():
    for name, ids in (
        ("837_two_groups_three_sets.txt", ["FAKECLM010", "FAKECLM011"]),
        ("837p_other_delimiters.txt", ["FAKECLM006", "FAKECLM007"]),
    ):
        first, second = claims(fixture(name))[-2:]
        assert [first.claim_id, second.claim_id] == ids
        assert first.billing_provider == second.billing_provider and first.subscriber == second.subscriber
        assert first.set_control_number == second.set_control_number


def test_a_patient_below_the_subscriber_and_the_other_payer_loops():
    (claim,) = claims(fixture("837p_cob_patient.txt"))
    assert claim.subscriber[0].element(4) == "1" and claim.patient[0].element(3) == "23"
    assert [s.loop for s in claim.patient] == ["2000C", "2000C"] + ["2010CA"] * 4
    assert [(s.id, s.element(1)) for s in claim.patient[:3]] == [("HL", "3"), ("PAT", "19"), ("NM1", "QC")]
    loops = [(s.id, s.loop) for s in claim.claim if s.loop.startswith(("2320", "2330"))]
    assert loops == [
        ("SBR", "2320"), ("AMT", "2320"), ("OI", "2320"), ("NM1", "2330A"), ("N3", "2330A"), ("N4", "2330A"),
        ("NM1", "2330B"),
    ]  # fmt: skip
    first, second = claim.lines
    assert [(s.id, s.loop) for s in first.line][-5:] == [
        ("NM1", "2420A"), ("PRV", "2420A"), ("SVD", "2430"), ("CAS", "2430"), ("DTP", "2430"),
    ]  # fmt: skip
    assert [s.id for s in second.line] == ["LX", "SV1", "DTP", "SVD", "CAS", "DTP"]


def test_drug_lines_with_lin_ctp_ref():
    (claim,) = claims(fixture("837p_drug_lines.txt"))
    assert len(claim.lines) == 6 and claim.lines[0].drugs == ()
    ndcs = [d[0].element(3) for line in claim.lines for d in line.drugs]
    assert ndcs == ["99999000101", "99999000202", "99999000303", "99999000404", "99999000505"]
    assert [s.id for s in claim.lines[1].line] == ["LX", "SV1", "DTP", "DTP", "NM1"]
    assert [(s.id, s.loop) for s in claim.lines[1].drugs[0]] == [("LIN", "2410"), ("CTP", "2410"), ("REF", "2410")]
    assert claim.lines[1].line[-1].loop == "2420E"
    assert [s.loop for s in claim.claim] == ["2300", "2300", "2310B"]


def test_only_accepted_sets_of_a_fixture_are_iterated():
    text = fixture("837_two_groups_three_sets.txt").replace("SV1*HC:99212*75*", "SV1*HC:99212*7X*")
    report = validate_structure(io.StringIO(text))
    assert report.accepted_sets() == {("2061", "0001"), ("2062", "0003")}
    assert [c.claim_id for c in claims(text, report.accepted_sets())] == ["FAKECLM008", "FAKECLM010", "FAKECLM011"]
    assert len(claims(text)) == 4 and claims(text, set()) == []


def test_a_version_we_do_not_read_yields_nothing():
    assert claims(fixture("837p_two_subscribers.txt").replace("005010X222A1", "005010X222A2")) == []


def test_many_claims_sample_keeps_each_claim_with_its_subscriber():
    text = sample("imsweb/x12_many_claims.txt")
    found = claims(text)
    assert len(found) == 820
    for claim in found:
        assert claim.claim[0].id == "CLM" and claim.subscriber[0].id == "HL"
        assert claim.subscriber[0].element(3) == "22" and claim.billing_provider[0].element(3) == "20"
        assert all(s.loop.startswith(("23", "2300")) for s in claim.claim)
    # Claims move to the next subscriber's context when a new 2000B starts.
    assert len({c.subscriber[0].position for c in found}) > 400


def test_patient_level_claims_carry_the_patient():
    found = claims(sample("imsweb/x12_complex.txt"))
    with_patient = [c for c in found if c.patient]
    assert with_patient and all(c.patient[0].element(3) == "23" for c in with_patient)
    assert all(s.loop in ("2000C", "2010CA") for c in with_patient for s in c.patient)
    assert any(c.lines and c.lines[0].drugs for c in found)


def test_two_claims_one_provider_837i():
    found = claims(sample("lfh/two-claims-single-provider.837i"))
    assert [c.kind for c in found] == ["institutional", "institutional"]
    assert found[0].billing_provider == found[1].billing_provider
    assert found[0].claim_id != found[1].claim_id


def test_lfh_drug_example_lines_and_ndcs():
    (claim,) = claims(sample("lfh/demo.drug.example10.2.837"))
    assert len(claim.lines) == 6
    ndcs = [d[0].element(3) for line in claim.lines for d in line.drugs]
    assert ndcs == ["00004196501", "63323024910", "00338004938", "08290033010", "08290038005"]
    assert [s.id for s in claim.lines[1].line] == ["LX", "SV1", "DTP", "DTP", "NM1"]
    assert [s.id for s in claim.lines[1].drugs[0]] == ["LIN", "CTP", "REF"]
    assert claim.lines[1].line[-1].loop == "2420E"


def test_only_accepted_sets_are_iterated():
    text = sample("databricks/CHPW_Claimdata.txt")
    report = validate_structure(io.StringIO(text))
    accepted = report.accepted_sets()
    found = claims(text, accepted)
    assert {(c.group_control_number, c.set_control_number) for c in found} == accepted
    assert len(claims(text)) == 5 and len(found) == 1
    assert claims(text, set()) == []


def test_unsupported_versions_and_other_transactions_yield_nothing():
    raw = corpus_path("lfh/demo.837").read_text()
    assert claims(raw) == []  # 005010X222A2 is not a version we read
    assert claims(sample("imsweb/x12_277CA_accepted.txt")) == []


def test_rendering_provider_after_a_line_is_the_line_s():
    (claim,) = claims(sample("imsweb/x12_ambiguous_loop.txt"))
    (line,) = claim.lines
    assert [(s.id, s.loop) for s in line.line][-2:] == [("NM1", "2420A"), ("PRV", "2420A")]


def test_a_set_without_se_still_yields_what_was_read():
    text = BRIEF_837P.replace("SE*29*0001~\n", "")
    assert [c.claim_id for c in claims(text)] == ["PCN0001"]


def test_what_the_iterator_yields_are_genuine_frozen_instances():
    # iter_claims builds its objects without calling their constructors (see claims837.py): they
    # must still be the real classes, hashable, immutable and usable with dataclasses.replace.
    import dataclasses

    from x12.claim_segments import ClaimSegments, LineSegments
    from x12.segments import Segment

    (claim,) = iter_claims(io.StringIO(BRIEF_837P))
    assert type(claim) is ClaimSegments and all(type(line) is LineSegments for line in claim.lines)
    segment = claim.claim[0]
    assert type(segment) is Segment and segment.id == "CLM" and hash(segment) == hash(dataclasses.replace(segment))
    with pytest.raises(dataclasses.FrozenInstanceError):
        segment.loop = "9999"  # type: ignore[misc]
    assert dataclasses.replace(segment, loop="X").loop == "X" and segment.loop == "2300"
