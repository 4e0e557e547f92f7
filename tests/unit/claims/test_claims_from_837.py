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


def test_drug_lines_rendering_provider_and_ndcs():
    (segments,) = claims_in(sample("837p_drug_lines.txt"))
    claim = claim_from_segments(segments)
    assert claim.rendering_npi == "1111111112"  # 2310B NM1*82
    assert claim.diagnoses == (Diagnosis("ABK", "J189"),)
    assert claim.total_charge == Decimal("2157.75")
    line2 = claim.line(2)
    assert line2.procedure_code == "J3490"
    assert line2.drug == DrugIdentification("N4", "99999000101", Decimal("7.00"), "UN", "FAKERX001")
    assert claim.line(5).drug == DrugIdentification("N4", "99999000404", Decimal("14.00"), "ML", "FAKERX003")
    assert claim.line(1).drugs == ()


def test_drug_lines_noc_description_ranges_and_rx_numbers():
    (segments,) = claims_in(sample("837p_drug_lines.txt"))
    claim = claim_from_segments(segments)
    assert len(claim.lines) == 6
    line2 = claim.line(2)
    assert line2.description == "FAKE NOC DRUG SEE NDC"
    assert line2.service_dates == DateRange(date(2026, 2, 2), date(2026, 2, 6))
    assert [line.drug.prescription_number for line in claim.lines[1:]] == [
        "FAKERX001", "FAKERX002", "FAKERX002", "FAKERX003", "FAKERX003",
    ]  # fmt: skip
    assert claim.line(3).units == Decimal("14")
    # 2420E ordering provider NM1*DK is not the rendering provider
    assert all(line.rendering_npi == "" for line in claim.lines)
    assert sum(line.charge for line in claim.lines) == claim.total_charge


def test_cob_other_payer_service_facility_and_patient():
    (segments,) = claims_in(sample("837p_cob_patient.txt"))
    claim = claim_from_segments(segments)
    assert claim.payer_responsibility == "S"
    assert claim.other_payers == (OtherPayer("P", "CI", "FAKEPAYER2", "FAKE COMMERCIAL PLAN"),)
    assert claim.secondary_to_medicare is False
    assert claim.service_facility == ServiceFacility(
        "2222222228", "FAKE PEDIATRICS SOUTH OFFICE", Address("5 TEST ROAD", "", "SKOWHEGAN", "ME", "049760001")
    )
    assert claim.service_location_npi == "2222222228"
    assert claim.patient.first_name == "ETA"
    assert claim.patient.birth_date == date(2015, 4, 4)
    assert claim.patient_or_subscriber is claim.patient
    assert claim.line(1).diagnosis_pointers == (1, 2, 3, 4)
    assert claim.line(1).rendering_npi == "1111111112" and claim.rendering_npi == "1111111112"
    # 2330A NM1*IL (the other payer's subscriber, its own member id) must not replace our subscriber
    assert (claim.subscriber.first_name, claim.subscriber.member_id) == ("ZETA", "FAKE000006")


def test_837i_statement_dates_revenue_codes_and_other_payer():
    (segments,) = claims_in(sample("837i_outpatient.txt"))
    claim = claim_from_segments(segments)
    assert claim.kind == "institutional"
    assert claim.facility_code == "13"
    assert claim.statement_dates == DateRange(date(2026, 2, 10), date(2026, 2, 10))
    assert [(ln.revenue_code, ln.procedure_code) for ln in claim.lines] == [
        ("0305", "85025"),
        ("0730", "93005"),
    ]
    assert claim.claim_filing_code == "MC"
    assert claim.attending_npi == "1111111112"
    assert claim.other_payers == (OtherPayer("S", "CI", "FAKEPAYER1", "FAKE TEACHERS PLAN"),)
    # principal ABK + other ABF diagnoses; BH/BE/BG (occurrence, value, condition codes) are not diagnoses
    assert claim.diagnoses == (Diagnosis("ABK", "R0789"), Diagnosis("ABF", "I10"), Diagnosis("ABF", "R55"))


def test_two_institutional_claims_of_one_provider_in_a_file_of_three_sets():
    found = [claim_from_segments(s) for s in claims_in(sample("837_two_groups_three_sets.txt"))]
    assert [(c.kind, c.control_number) for c in found] == [
        ("professional", "0001"), ("professional", "0002"), ("institutional", "0003"), ("institutional", "0003"),
    ]  # fmt: skip
    first, second = found[2:]
    assert (first.patient_control_number, second.patient_control_number) == ("FAKECLM010", "FAKECLM011")
    assert first.billing == second.billing and first.subscriber == second.subscriber
    assert first.attending_npi == "1111111112"
    assert first.statement_dates == DateRange(date(2026, 2, 27), date(2026, 2, 27))
    assert first.line(1).service_dates == DateRange(date(2026, 2, 27))
    assert second.line(1).revenue_code == "0300"


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
