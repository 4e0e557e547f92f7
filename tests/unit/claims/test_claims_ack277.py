from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from mainecare.domain.claims.ack277 import AckClaim, AckHeader, SegmentWriter, free_text, write_277ca
from mainecare.domain.claims.decision import decide
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.model import BillingProvider, DateRange, Person
from tests.unit.claims.claims_fixtures import brief_claim, context, replace_drug, replace_line

HEADER = AckHeader(
    reference="277CA0415",
    batch_reference="BATCH0415",
    received=date(2026, 4, 15),
    processed=datetime(2026, 4, 15, 11, 0),
)


def acked(claim, icn=""):
    return AckClaim(claim, decide(claim, run_edits(claim, context()), "edi"), icn)


def rejected_claim():
    claim = replace(
        brief_claim(),
        patient_control_number="PCN0002",
        subscriber=Person(last_name="ROE", first_name="JOHN", member_id="A87654321"),
    )
    return replace_drug(claim, 2, ndc_raw="00703514501")  # pair on neither crosswalk


def segments(text: str) -> list[str]:
    return [s for s in text.split("~") if s]


def test_accepted_and_rejected_claims_in_brief_layout_with_the_provider_level_the_x214_requires():
    # The brief's example omits 2200C; the X214 requires its TRN and STC (STC02 not used there).
    text = write_277ca(HEADER, [acked(brief_claim(), "2026105000001"), acked(rejected_claim())])
    segs = segments(text)
    rejected_stc = segs[32]
    assert segs[:32] + segs[33:] == [
        "ST*277*0001*005010X214",
        "BHT*0085*08*277CA0415*20260415*1100*TH",
        "HL*1**20*1",
        "NM1*PR*2*MAINECARE*****PI*MAINECARE",
        "TRN*1*277CA0415",
        "DTP*050*D8*20260415",
        "DTP*009*D8*20260415",
        "HL*2*1*21*1",
        "NM1*41*2*DOWNEAST ONCOLOGY*****46*SUBMITTERID",
        "TRN*2*BATCH0415",
        "STC*A1:19:PR*20260415*WQ*12800",
        "QTY*90*1",
        "QTY*AA*1",
        "AMT*YU*6400",
        "AMT*YY*6400",
        "HL*3*2*19*1",
        "NM1*85*2*DOWNEAST ONCOLOGY*****XX*1234567893",
        "TRN*1*277CA0415-1",
        "STC*A1:19:PR**WQ*12800",
        "QTY*QA*1",
        "QTY*QC*1",
        "AMT*YU*6400",
        "AMT*YY*6400",
        "HL*4*3*PT",
        "NM1*QC*1*DOE*JANE****MI*A12345678",
        "TRN*2*PCN0001",
        "STC*A2:20*20260415*WQ*6400",
        "REF*1K*2026105000001",
        "DTP*472*D8*20260410",
        "HL*5*3*PT",
        "NM1*QC*1*ROE*JOHN****MI*A87654321",
        "TRN*2*PCN0002",
        "DTP*472*D8*20260410",
        # 2220D: the line a biller must fix, as billed, with the specific status (218 NDC number)
        "SVC*HC:J9035*6000*****40",
        "STC*A7:218*20260415*U",
        "DTP*472*D8*20260410",
        "SE*38*0001",
    ]
    elements = rejected_stc.split("*")
    assert elements[:5] == ["STC", "A7:218", "20260415", "U", "6400"]
    assert elements[5:12] == [""] * 7
    assert elements[12].startswith("Line 2 NDC 00703514501 with HCPCS J9035 is not on CMS ASP 2026Q2")
    assert len(elements) == 13 and len(elements[12]) <= 264


def test_se_counts_every_segment_from_st_to_se():
    text = write_277ca(HEADER, [acked(brief_claim()), acked(rejected_claim()), acked(rejected_claim())])
    segs = segments(text)
    assert segs[0].startswith("ST*") and segs[-1].startswith("SE*")
    assert segs[-1] == f"SE*{len(segs)}*0001"


def test_only_accepted_claims_omit_rejected_counts():
    segs = segments(write_277ca(HEADER, [acked(brief_claim())]))
    assert "QTY*90*1" in segs and "QTY*QA*1" in segs and segs.count("AMT*YU*6400") == 2
    assert not [s for s in segs if s.startswith(("QTY*AA", "QTY*QC", "AMT*YY"))]
    assert "REF*1K" not in "~".join(segs)  # no payer claim number given, none written


def test_one_stc_per_rejection_reason_and_categories():
    claim = replace(rejected_claim(), diagnoses=())
    segs = segments(write_277ca(HEADER, [acked(claim)]))
    stcs = [s.split("*")[1] for s in segs if s.startswith("STC*") and not s.startswith("STC*A1")]
    # diagnosis missing (255 diagnosis code), then the invalid NDC pair (218 NDC number), then the
    # line's own STC in 2220D
    assert stcs[:2] == ["A6:255", "A7:218"]


def test_each_line_with_findings_gets_its_own_2220d_with_up_to_three_statuses():
    claim = replace_drug(rejected_claim(), 2, quantity=Decimal(0), unit="XX")
    segs = segments(write_277ca(HEADER, [acked(claim)]))
    at = segs.index("SVC*HC:J9035*6000*****40")
    # 724 drug quantity, 659 unit of measurement, 218 NDC number (the pair): STC01, STC10, STC11,
    # in the order the edits found them
    assert segs[at + 1] == "STC*A7:724*20260415*U*******A7:659*A7:218"
    assert segs[at + 2] == "DTP*472*D8*20260410"


def test_a_future_date_names_the_element_beside_it():
    """508 code 510 "Future date. Usage: At least one other status code is required to identify the
    data element in error": 187 date(s) of service goes in STC10."""
    from mainecare.domain.claims.findings import finding

    future = finding("SERVICE_DATE_IN_FUTURE", "Line 1: the date of service is after today.", line=None)
    assert future.ack_statuses == (("A7", "510", ""), ("A7", "187", ""))


def test_an_accepted_claim_has_no_line_loops():
    segs = segments(write_277ca(HEADER, [acked(brief_claim())]))
    assert not [s for s in segs if s.startswith("SVC*")]


def test_no_diagnosis_or_birth_date_in_the_acknowledgement():
    text = write_277ca(HEADER, [acked(replace(rejected_claim(), frequency_code="9"))])
    for phi in ("C189", "19700101", "1 PINE ST"):
        assert phi not in text


def test_billing_providers_get_their_own_hl_and_date_ranges_use_rd8():
    other = replace(
        brief_claim(),
        patient_control_number="PCN0003",
        billing=BillingProvider("1558598797", "SMITH", first_name="ANN"),
    )
    other = replace_line(other, 1, service_dates=DateRange(date(2026, 4, 8), date(2026, 4, 9)))
    segs = segments(write_277ca(HEADER, [acked(brief_claim()), acked(other)]))
    hls = [s for s in segs if s.startswith("HL*")]
    assert hls == ["HL*1**20*1", "HL*2*1*21*1", "HL*3*2*19*1", "HL*4*3*PT", "HL*5*2*19*1", "HL*6*5*PT"]
    assert "NM1*85*1*SMITH*ANN****XX*1558598797" in segs
    # Each provider's 2200C: its own trace, and the status and totals of its own claims only.
    second = segs[segs.index("HL*5*2*19*1") :]
    assert second[2:5] == ["TRN*1*277CA0415-2", "STC*A1:19:PR**WQ*6400", "QTY*QA*1"]
    assert "TRN*1*277CA0415-1" in segs and "STC*A1:19:PR*20260415*WQ*12800" in segs
    assert segs[-2] == "DTP*472*RD8*20260408-20260410"


def test_free_text_strips_delimiters_and_truncates():
    assert free_text("a*b~c:d^e\nf  g") == "a b c d e f g"
    assert len(free_text("x" * 300)) == 264


def test_writer_is_swappable():
    made = []

    class Recording(SegmentWriter):
        def __init__(self):
            super().__init__(element="|", component=">", terminator="\n")
            made.append(self)

    text = write_277ca(HEADER, [acked(brief_claim())], writer_factory=Recording)
    assert text.splitlines()[10] == "STC|A1>19>PR|20260415|WQ|6400"
    assert text.splitlines()[-1] == f"SE|{len(made[0].segments)}|0001"


def test_empty_batch_is_refused():
    with pytest.raises(ValueError):
        write_277ca(HEADER, [])
