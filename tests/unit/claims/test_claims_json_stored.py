"""Stored claim bodies read back without the request contract (models/claims_json_stored.py).

The reader must give exactly the Claim the contract gives for every body claim_to_json writes: checked
on every claim of the project's 837 fixtures and the BRIEF's JSON request, and on bodies the contract
refuses but the store holds (an 837I without CLM06, an 837I line that takes the statement dates).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from mainecare.domain.claims.from_837 import claim_from_segments
from mainecare.models.claims_json import ClaimRequest, claim_from_json, claim_to_json
from mainecare.models.claims_json_stored import claim_from_stored
from tests.corpus import FIXTURES
from tests.unit.claims.claims_fixtures import claims_in
from tests.unit.claims.test_claims_json import BRIEF_JSON

FIXTURE_FILES = sorted(path.name for path in FIXTURES.glob("837*.txt"))


def _stored_claims(file_name: str, signed: bool = False) -> list:
    text = (FIXTURES / file_name).read_text(encoding="utf-8")
    if signed:  # CLM06 is "not used" in an 837I, but the JSON contract requires signatureIndicator
        text = text.replace(":A:1**A*", ":A:1*Y*A*")
    return [claim_to_json(claim_from_segments(segments)) for segments in claims_in(text)]


def _through_the_contract(body: dict):
    return claim_from_json(ClaimRequest.model_validate(body))


def test_the_fixtures_hold_claims():
    assert len(FIXTURE_FILES) >= 5
    assert all(_stored_claims(name) for name in FIXTURE_FILES)


@pytest.mark.parametrize("file_name", FIXTURE_FILES)
def test_every_fixture_claim_reads_back_as_the_contract_reads_it(file_name):
    compared = 0
    for body in _stored_claims(file_name, signed=True):
        assert claim_from_stored(body) == _through_the_contract(body)
        compared += 1
    assert compared


def test_the_brief_request_reads_back_as_it_was_received():
    body = claim_to_json(_through_the_contract(BRIEF_JSON))
    assert claim_from_stored(body) == _through_the_contract(BRIEF_JSON)


def test_every_written_field_is_read_back():
    claim = _through_the_contract(BRIEF_JSON)
    line = next(line for line in claim.lines if line.drug)
    assert line.drug.quantity is not None, "the BRIEF claim has an NDC quantity"
    again = claim_from_stored(claim_to_json(claim))
    assert again == claim
    assert again.line(line.line_number).drug.quantity == line.drug.quantity
    assert isinstance(again.total_charge, Decimal) and again.subscriber.birth_date == claim.subscriber.birth_date


def test_defaults_the_writer_leaves_out_come_back():
    body = copy.deepcopy(claim_to_json(_through_the_contract(BRIEF_JSON)))
    body["subscriber"].pop("paymentResponsibilityLevelCode", None)
    body["claimInformation"]["serviceLines"][0]["professionalService"].pop("procedureIdentifier", None)
    claim = claim_from_stored(body)
    assert claim.payer_responsibility == "P"
    assert claim.lines[0].procedure_qualifier == "HC"


def test_an_837i_claim_as_received_reads_back_though_the_contract_refuses_it():
    body = _stored_claims("837i_outpatient.txt")[0]
    assert "signatureIndicator" not in body["claimInformation"], "CLM06 is not used in an 837I"
    with pytest.raises(ValidationError):
        _through_the_contract(body)
    assert claim_from_stored(body).kind == "institutional"


def test_an_institutional_line_without_its_own_dates_takes_the_statement_dates():
    body = _stored_claims("837i_outpatient.txt")[0]
    for line in body["claimInformation"]["serviceLines"]:
        line.pop("serviceDate", None)
        line.pop("serviceDateEnd", None)
    with pytest.raises(ValidationError):
        _through_the_contract(body)  # why stored claims are not read through the contract
    claim = claim_from_stored(body)
    assert all(line.service_dates is None for line in claim.lines)
    assert claim.statement_dates is not None
    assert claim.dates_of(claim.lines[0]) == claim.statement_dates


def test_reading_needs_no_pydantic_contract():
    import subprocess
    import sys

    code = ("import sys; import mainecare.models.claims_json_stored; "
            "print(any(m.startswith('mainecare.models.claims_json_schema') for m in sys.modules))")
    layer = Path(__file__).resolve().parents[3] / "layers" / "mainecare" / "python"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(layer)}).stdout
    assert out.strip() == "False"


def test_a_replacement_claim_keeps_what_it_replaces():
    claim = _through_the_contract(BRIEF_JSON)
    replacing = replace(claim, frequency_code="7", original_claim_id="C-20260101-0001")
    assert claim_from_stored(claim_to_json(replacing)) == replacing
