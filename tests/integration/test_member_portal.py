"""The member portal: a member's own claims history and creditable coverage letter, nobody else's."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

SAMPLE = json.loads((Path(__file__).resolve().parents[2] / "events" / "api" / "claim_professional.json").read_text())
MEMBER = "ada.member@demo.example"


@pytest.fixture
def members(loaded):
    from local import demo_health_homes

    demo_health_homes.seed_reference()
    return loaded


def _submit_for(api, aws, member_id: str, pcn: str) -> None:
    claim = copy.deepcopy(SAMPLE)
    claim["subscriber"]["memberId"] = member_id
    claim["claimInformation"]["patientControlNumber"] = pcn
    response = api.http.post("/v1/claims", headers=aws.auth("biller@downeast.example"), body=json.dumps(claim))
    assert response.status_code == 201


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_member_sees_only_their_own_claims(members, api):
    _submit_for(api, members, "DEMO-0001", "PCN-ADA")
    _submit_for(api, members, "DEMO-0003", "PCN-CORA")
    body = json.loads(api.http.get("/v1/members/me/claims-history", headers=members.auth(MEMBER)).body)
    assert body["member_id"] == "DEMO-0001"
    assert [c["patient_control_number"] for c in body["claims"]] == ["PCN-ADA"]


def test_claims_history_as_pdf(members, api):
    _submit_for(api, members, "DEMO-0001", "PCN-ADA")
    headers = {**members.auth(MEMBER), "Accept": "application/pdf"}  # binary answers need a matching Accept
    response = api.http.get("/v1/members/me/claims-history?format=pdf", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    text = _text(response.body)
    assert "Claims History Report" in text and "PCN-ADA" in text and "DEMO-0001" in text


def test_creditable_coverage_letter_states_the_coverage_periods(members, api):
    response = api.http.post("/v1/members/me/creditable-coverage-letter",
                             headers={**members.auth(MEMBER), "Accept": "application/pdf"})
    assert response.status_code == 200
    text = _text(response.body)
    assert "Letter of Creditable Coverage" in text and "Ada Demoperson" in text
    assert "present (still covered)" in text


def test_partners_cannot_use_the_member_portal(members, api):
    response = api.http.get("/v1/members/me/claims-history", headers=members.auth("admin@downeast.example"))
    assert response.status_code == 403
