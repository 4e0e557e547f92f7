import copy
from dataclasses import replace
from decimal import Decimal

import pytest
from pydantic import ValidationError

from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.domain.claims.model import Party
from mainecare.models.claims_json import ClaimRequest, claim_from_json, claim_to_json
from tests.unit.claims.claims_fixtures import brief_claim, claims_in, edited, sample

# The BRIEF section 3 837P written as a Change Healthcare Professional Claims v3 request, with
# a few vendor fields this API does not use (usageIndicator, payerAddress, ...).
BRIEF_JSON = {
    "controlNumber": "0001",
    "tradingPartnerServiceId": "MAINECARE",
    "tradingPartnerName": "MAINECARE",
    "usageIndicator": "T",
    "submitter": {
        "organizationName": "DOWNEAST ONCOLOGY",
        "submitterIdentification": "SUBMITTERID",
        "contactInformation": {"name": "BILLING OFFICE", "phoneNumber": "2075550100"},
    },
    "receiver": {"organizationName": "MAINECARE"},
    "subscriber": {
        "memberId": "A12345678",
        "paymentResponsibilityLevelCode": "P",
        "firstName": "JANE",
        "lastName": "DOE",
        "gender": "F",
        "dateOfBirth": "19700101",
        "address": {"address1": "1 PINE ST", "city": "BANGOR", "state": "ME", "postalCode": "04401"},
    },
    "providers": [
        {
            "providerType": "BillingProvider",
            "npi": "1234567893",
            "employerId": "010000000",
            "taxonomyCode": "207RH0003X",
            "organizationName": "DOWNEAST ONCOLOGY",
            "address": {
                "address1": "100 MAIN ST",
                "city": "BANGOR",
                "state": "ME",
                "postalCode": "044010000",
            },
        }
    ],
    "payerAddress": {"address1": "11 STATE HOUSE STATION"},
    "claimInformation": {
        "claimFilingCode": "MC",
        "patientControlNumber": "PCN0001",
        "claimChargeAmount": "6400",
        "placeOfServiceCode": "11",
        "claimFrequencyCode": "1",
        "signatureIndicator": "Y",
        "planParticipationCode": "A",
        "benefitsAssignmentCertificationIndicator": "Y",
        "releaseInformationCode": "Y",
        "healthCareCodeInformation": [{"diagnosisTypeCode": "ABK", "diagnosisCode": "C189"}],
        "serviceLines": [
            {
                "assignedNumber": "1",
                "serviceDate": "20260410",
                "professionalService": {
                    "procedureIdentifier": "HC",
                    "procedureCode": "96413",
                    "lineItemChargeAmount": "400",
                    "measurementUnit": "UN",
                    "serviceUnitCount": "1",
                    "compositeDiagnosisCodePointers": {"diagnosisCodePointers": ["1"]},
                },
            },
            {
                "assignedNumber": "2",
                "serviceDate": "20260410",
                "professionalService": {
                    "procedureIdentifier": "HC",
                    "procedureCode": "J9035",
                    "lineItemChargeAmount": "6000",
                    "measurementUnit": "UN",
                    "serviceUnitCount": "40",
                    "compositeDiagnosisCodePointers": {"diagnosisCodePointers": ["1"]},
                },
                "drugIdentification": {
                    "serviceIdQualifier": "N4",
                    "nationalDrugCode": "50242006101",
                    "nationalDrugUnitCount": "16",
                    "measurementUnitCode": "ML",
                },
            },
        ],
    },
}


def _brief_without_receiver_id():
    # The JSON layout has no receiver ID (the 837's NM1*40 NM109).
    claim = brief_claim()
    return replace(claim, receiver=Party(name=claim.receiver.name))


def test_json_and_837_give_the_same_claim():
    assert claim_from_json(ClaimRequest.model_validate(BRIEF_JSON)) == _brief_without_receiver_id()


def test_claim_to_json_writes_the_layout():
    expected = copy.deepcopy(BRIEF_JSON)
    del expected["usageIndicator"], expected["payerAddress"]
    assert claim_to_json(_brief_without_receiver_id()) == expected


@pytest.mark.parametrize(
    "file_name", ["837p_cob_patient.txt", "837p_drug_lines.txt", "837i_outpatient.txt"]
)
def test_round_trip_of_sample_claims(file_name):
    text = sample(file_name)
    if file_name.startswith("837i"):
        # CLM06 is "not used" in an 837I, but the JSON layout requires signatureIndicator.
        text = edited(text, "*13:A:1**A*", "*13:A:1*Y*A*")
    claim = claim_from_segments(claims_in(text)[0])
    claim = replace(claim, receiver=Party(name=claim.receiver.name))
    if claim.patient is not None:
        claim = replace(claim, patient=replace(claim.patient, member_id=""))
    assert claim_from_json(ClaimRequest.model_validate(claim_to_json(claim))) == claim


@pytest.mark.parametrize("amount", ["6400", 6400, 6400.0, "6400.00"])
def test_amounts_as_strings_or_numbers(amount):
    payload = copy.deepcopy(BRIEF_JSON)
    payload["claimInformation"]["claimChargeAmount"] = amount
    assert claim_from_json(ClaimRequest.model_validate(payload)).total_charge == Decimal("6400")


def test_stedi_billing_and_rendering_objects():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["billing"] = payload.pop("providers")[0]
    payload["rendering"] = {"npi": "1558598797", "firstName": "ANN", "lastName": "SMITH"}
    claim = claim_from_json(ClaimRequest.model_validate(payload))
    assert (claim.billing.npi, claim.rendering_npi) == ("1234567893", "1558598797")


def _errors(payload) -> list[tuple[tuple, str, str]]:
    with pytest.raises(ValidationError) as raised:
        ClaimRequest.model_validate(payload)
    return [(e["loc"], e["type"], e["msg"]) for e in raised.value.errors()]


def test_missing_required_field_names_its_path():
    payload = copy.deepcopy(BRIEF_JSON)
    del payload["claimInformation"]["patientControlNumber"]
    assert _errors(payload) == [(("claimInformation", "patientControlNumber"), "missing", "Field required")]


def test_missing_billing_provider_is_explained():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["providers"] = [{"providerType": "RenderingProvider", "npi": "1558598797"}]
    ((loc, kind, msg),) = _errors(payload)
    assert (loc, kind) == ((), "value_error")
    assert msg == (
        "Value error, a billing provider is required: `billing`, or `providers` with providerType "
        "BillingProvider"
    )


def test_dates_must_be_yyyymmdd():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["claimInformation"]["serviceLines"][0]["serviceDate"] = "2026-04-10"
    assert _errors(payload) == [
        (
            ("claimInformation", "serviceLines", 0, "serviceDate"),
            "value_error",
            "Value error, must be a date written YYYYMMDD, e.g. 20260410",
        )
    ]


def test_line_needs_exactly_one_service_kind():
    payload = copy.deepcopy(BRIEF_JSON)
    del payload["claimInformation"]["serviceLines"][0]["professionalService"]
    ((loc, kind, msg),) = _errors(payload)
    assert loc == ("claimInformation", "serviceLines", 0)
    assert msg.endswith("a service line needs exactly one of professionalService or institutionalService")


def test_ndc_must_be_a_string_so_leading_zeros_survive():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["claimInformation"]["serviceLines"][1]["drugIdentification"]["nationalDrugCode"] = 50242006101
    ((loc, kind, _),) = _errors(payload)
    assert (loc[-1], kind) == ("nationalDrugCode", "string_type")


def test_non_numeric_amount_is_refused():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["claimInformation"]["claimChargeAmount"] = "six thousand"
    ((loc, kind, _),) = _errors(payload)
    assert (loc, kind) == (("claimInformation", "claimChargeAmount"), "value_error")  # checked as text first


def test_institutional_lines_and_no_mixing():
    payload = copy.deepcopy(BRIEF_JSON)
    line = payload["claimInformation"]["serviceLines"][1]
    service = line.pop("professionalService")
    del service["compositeDiagnosisCodePointers"]
    line["institutionalService"] = {"serviceLineRevenueCode": "0636", **service}
    ((loc, _, msg),) = _errors(payload)
    assert loc == ("claimInformation",)
    assert "mix professionalService and institutionalService" in msg
    payload["claimInformation"]["serviceLines"] = [line]
    payload["claimInformation"]["claimChargeAmount"] = "6000"
    claim = claim_from_json(ClaimRequest.model_validate(payload))
    assert claim.kind == "institutional"
    assert (claim.lines[0].revenue_code, claim.lines[0].procedure_code) == ("0636", "J9035")


def test_other_subscriber_medicare_makes_claim_secondary_to_medicare():
    payload = copy.deepcopy(BRIEF_JSON)
    payload["subscriber"]["paymentResponsibilityLevelCode"] = "S"
    payload["claimInformation"]["otherSubscriberInformation"] = [
        {
            "paymentResponsibilityLevelCode": "P",
            "claimFilingIndicatorCode": "MB",
            "otherPayerName": {"otherPayerOrganizationName": "MEDICARE B", "otherPayerIdentifier": "00435"},
        }
    ]
    claim = claim_from_json(ClaimRequest.model_validate(payload))
    assert claim.secondary_to_medicare is True
    assert claim.other_payers[0].payer_name == "MEDICARE B"
