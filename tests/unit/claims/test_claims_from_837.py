from datetime import date
from decimal import Decimal

import pytest

from mainecare.domain.claims.from_837 import ClaimMappingError, claim_from_segments
from mainecare.domain.claims.model import (
    Address,
    DateRange,
    Diagnosis,
    DrugIdentification,
    OtherPayer,
    ServiceFacility,
)
from tests.unit.claims.claims_fixtures import BRIEF_837P, claims_in, edited, sample


def test_brief_837p_maps_every_field():
    claim = claim_from_segments(claims_in(BRIEF_837P)[0])
    assert claim.kind == "professional"
    assert claim.control_number == "0001"
    assert (claim.submitter.id, claim.submitter.name) == ("SUBMITTERID", "DOWNEAST ONCOLOGY")
    assert (claim.submitter.contact_name, claim.submitter.contact_phone) == ("BILLING OFFICE", "2075550100")
    assert (claim.receiver.id, claim.receiver.name) == ("MAINECARE", "MAINECARE")
    assert claim.billing.npi == "1234567893"
    assert claim.billing.tax_id == "010000000"
    assert claim.billing.taxonomy == "207RH0003X"
    assert claim.billing.address == Address("100 MAIN ST", "", "BANGOR", "ME", "044010000")
    assert (claim.payer_id, claim.payer_name) == ("MAINECARE", "MAINECARE")
    assert claim.subscriber.member_id == "A12345678"
    assert (claim.subscriber.last_name, claim.subscriber.first_name) == ("DOE", "JANE")
    assert claim.subscriber.birth_date == date(1970, 1, 1)
    assert claim.subscriber.gender == "F"
    assert claim.patient is None
    assert (claim.claim_filing_code, claim.payer_responsibility) == ("MC", "P")
    assert claim.patient_control_number == "PCN0001"
    assert claim.total_charge == Decimal("6400")
    assert (claim.facility_code, claim.frequency_code) == ("11", "1")
    assert claim.diagnoses == (Diagnosis("ABK", "C189"),)
    assert [ln.line_number for ln in claim.lines] == [1, 2]
    first, drug_line = claim.lines
    assert (first.procedure_code, first.charge, first.units, first.drugs) == ("96413", Decimal("400"), 1, ())
    assert drug_line.procedure_qualifier == "HC"
    assert drug_line.procedure_code == "J9035"
    assert drug_line.charge == Decimal("6000")
    assert drug_line.units == Decimal("40")
    assert drug_line.diagnosis_pointers == (1,)
    assert drug_line.service_dates == DateRange(date(2026, 4, 10))
    assert drug_line.drugs == (DrugIdentification("N4", "50242006101", Decimal("16"), "ML"),)


def test_phi_is_not_in_repr():
    claim = claim_from_segments(claims_in(BRIEF_837P)[0])
    text = repr(claim)
    for phi in ("DOE", "JANE", "A12345678", "1970", "1 PINE ST"):
        assert phi not in text


def test_lfh_drug_example_1_rendering_and_ndc():
    (segments,) = claims_in(sample("demo.drug.example10.1.837"))
    claim = claim_from_segments(segments)
    assert claim.rendering_npi == "1122333341"  # 2310B NM1*82
    assert claim.diagnoses == (Diagnosis("BK", "03591"),)
    assert claim.total_charge == Decimal("103.37")
    line2 = claim.line(2)
    assert line2.procedure_code == "J1550"
    assert line2.drug == DrugIdentification("N4", "00026063512", Decimal("10.00"), "ML")
    assert claim.line(1).drugs == ()


def test_lfh_drug_example_3_noc_descriptions_ranges_and_rx_numbers():
    (segments,) = claims_in(sample("demo.drug.example10.3.837"))
    claim = claim_from_segments(segments)
    assert len(claim.lines) == 6
    line4 = claim.line(4)
    assert line4.procedure_code == "J3490"
    assert line4.description == "Sod Chl 0.9%see NDC#"
    assert line4.service_dates == DateRange(date(2004, 2, 1), date(2004, 2, 7))
    assert line4.drug.prescription_number == "2530001"
    assert claim.line(6).drug.prescription_number == "2530003"
    assert claim.line(2).units == Decimal("56.00")
    # 2420E ordering provider NM1*DK is not the rendering provider
    assert all(line.rendering_npi == "" for line in claim.lines)
    assert sum(line.charge for line in claim.lines) == claim.total_charge == Decimal("2232.93")


def test_cob_example_other_payer_service_facility_and_patient():
    (segments,) = claims_in(sample("demo.cob.example3.B.837"))
    claim = claim_from_segments(segments)
    assert claim.payer_responsibility == "S"
    assert claim.other_payers == (OtherPayer("P", "12", "999996666", "KEY INSURANCE COMPANY"),)
    assert claim.secondary_to_medicare is False
    assert claim.service_facility == ServiceFacility(
        "1581234567", "KILDARE ASSOCIATES", Address("2345 OCEAN BLVD", "", "MIAMI", "FL", "33111")
    )
    assert claim.service_location_npi == "1581234567"
    assert claim.patient.first_name == "TED"
    assert claim.patient.birth_date == date(1973, 5, 1)
    assert claim.patient_or_subscriber is claim.patient
    assert claim.line(1).diagnosis_pointers == (1, 2, 3, 4)
    # 2330A NM1*IL (other subscriber) must not replace our subscriber
    assert claim.subscriber.first_name == "JACK"


def test_837i_statement_dates_revenue_codes_and_medicare_other_payer():
    (segments,) = claims_in(sample("institutional-claim.837i"))
    claim = claim_from_segments(segments)
    assert claim.kind == "institutional"
    assert claim.facility_code == "14"
    assert claim.statement_dates == DateRange(date(1996, 9, 11))
    assert [(ln.revenue_code, ln.procedure_code) for ln in claim.lines] == [
        ("0305", "85025"),
        ("0730", "93005"),
    ]
    assert claim.claim_filing_code == "MB"
    assert claim.other_payers == (OtherPayer("S", "CI", "1135", "STATE TEACHERS"),)
    # principal BK + other BF diagnoses; BH/BE/BG (occurrence, value, condition codes) are not diagnoses
    assert claim.diagnoses == (Diagnosis("BK", "3669"), Diagnosis("BF", "4019"), Diagnosis("BF", "79431"))


def test_two_claims_in_one_file_attending_and_rd8_statement():
    first, second = (claim_from_segments(s) for s in claims_in(sample("two-claims-single-provider.837i")))
    assert (first.patient_control_number, second.patient_control_number) == ("756048Q", "756049Q")
    assert first.attending_npi == "1122334455"
    assert first.statement_dates == DateRange(date(2005, 3, 15), date(2005, 3, 15))
    assert first.line(1).service_dates == DateRange(date(2005, 3, 15))


def test_837i_drug_line_with_sv2():
    text = edited(
        BRIEF_837P.replace("005010X222A1", "005010X223A2"),
        "SV1*HC:J9035*6000*UN*40***1~",
        "SV2*0636*HC:J9035:JG*6000*UN*40~",
    )
    claim = claim_from_segments(claims_in(text)[0])
    line = claim.line(2)
    assert claim.kind == "institutional"
    assert (line.revenue_code, line.procedure_code, line.modifiers) == ("0636", "J9035", ("JG",))
    assert (line.charge, line.units, line.drug.ndc_raw) == (Decimal("6000"), Decimal("40"), "50242006101")


def test_line_and_claim_level_rendering_and_modifiers():
    text = edited(
        BRIEF_837P,
        "HI*ABK:C189~",
        "HI*ABK:C189*ABF:Z5111~NM1*82*1*SMITH*ANN****XX*1558598797~",
        "SV1*HC:J9035*6000*UN*40***1~\nDTP*472*D8*20260410~",
        "SV1*HC:J9035:JG:UC:KX:59*6000*UN*40***1:2~DTP*472*RD8*20260410-20260411~"
        "NM1*82*1*ROE*AL****XX*1234567893~",
    )
    claim = claim_from_segments(claims_in(text)[0])
    assert claim.rendering_npi == "1558598797"
    assert claim.diagnoses == (Diagnosis("ABK", "C189"), Diagnosis("ABF", "Z5111"))
    line = claim.line(2)
    assert line.modifiers == ("JG", "UC", "KX", "59")
    assert line.diagnosis_pointers == (1, 2)
    assert line.service_dates == DateRange(date(2026, 4, 10), date(2026, 4, 11))
    assert line.rendering_npi == "1234567893"
    assert claim.effective_rendering_npi(line) == "1234567893"
    assert claim.effective_rendering_npi(claim.line(1)) == "1558598797"


def test_ctp_without_quantity_maps_to_none():
    claim = claim_from_segments(claims_in(edited(BRIEF_837P, "CTP****16*ML~", "CTP*****ML~"))[0])
    assert claim.line(2).drug.quantity is None
    assert claim.line(2).drug.unit == "ML"


def test_unreadable_amount_names_segment_not_value():
    with pytest.raises(ClaimMappingError) as raised:
        claim_from_segments(claims_in(edited(BRIEF_837P, "CLM*PCN0001*6400*", "CLM*PCN0001*64X0*"))[0])
    assert str(raised.value) == "CLM at position 19 (loop 2300): element 2 is not a number"
