"""Claims whose drug pair no loaded crosswalk can judge are PENDED, then re-edited by the load.

The demo files (events/reference/README.md): ASP 2025Q4, ASP 2026Q2 and PDAC 2026-11-01. The
sample claims bill J9035 with NDC 50242006101 on 2026-04-10: on ASP 2026Q2 only, so while that
quarter is not loaded no other file settles the pair.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from mainecare.config import settings
from mainecare.stores import inbound, pended_claims, reference_artifacts
from tests.edi_answers import answer_bytes

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "events" / "reference"
SAMPLE = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
BILLER = "biller@downeast.example"
STAFF = "staff@mainecare.example"


def _load(aws, *names: str) -> None:
    from local import demo_health_homes

    for name in names:
        source = "PDAC" if name.startswith("pdac") else "ASP"
        reference_artifacts.put_incoming(source, name, (REFERENCE / name).read_bytes())
    demo_health_homes.drop_members_file()  # the claims' subscriber must be a covered member
    aws.deliver("ReferenceIngestQueue")


@pytest.fixture
def without_2026q2(aws):
    """Every demo crosswalk but the April 2026 ASP file: an operator forgot that quarter."""
    _load(aws, "asp_2025_october.csv", "pdac_2026-11-01.csv")
    return aws


def _post(api, aws, payload) -> dict:
    response = api.http.post("/v1/claims", headers=aws.auth(BILLER), body=json.dumps(payload))
    assert response.status_code == 201
    return json.loads(response.body)


def _stored(api, aws, claim_id: str) -> dict:
    return json.loads(api.http.get(f"/v1/claims/{claim_id}", headers=aws.auth(BILLER)).body)


def _rebate_ndcs(api, aws) -> list[dict]:
    response = api.http.get("/v1/rebate-extract?quarter=2026Q2", headers=aws.auth(STAFF))
    return json.loads(response.body)["ndcs"]


def _audit_actions(aws, claim_id: str) -> list[str]:
    items = aws.session.client("dynamodb").query(
        TableName=settings().table("Audit"), KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": f"CLAIM#{claim_id}"}})["Items"]
    return sorted(item["action"]["S"] for item in items if item["action"]["S"] != "READ")  # changes only


def _with_ndc(ndc: str) -> dict:
    claim = copy.deepcopy(SAMPLE)
    claim["claimInformation"]["serviceLines"][1]["drugIdentification"]["nationalDrugCode"] = ndc
    return claim


def test_a_claim_in_an_unloaded_quarter_is_pended_then_paid_when_its_quarter_loads(without_2026q2, api, capsys):
    aws = without_2026q2
    outcome = _post(api, aws, SAMPLE)
    assert outcome["status"] == "PENDED"
    assert [(line["line"], line["status"]) for line in outcome["lines"]] == [(1, "PAYABLE"), (2, "PENDED")]
    (reason,) = outcome["lines"][1]["reasons"]
    assert (reason["code"], reason["severity"], reason["awaiting"]) == ("NDC_CROSSWALK_NOT_LOADED", "pend",
                                                                         ["ASP#2026Q2"])
    assert "2026Q2" in reason["message"] and outcome["warnings"] == []
    assert '"PendedClaims":[1.0]' in capsys.readouterr().out  # the alarm's metric
    listed = json.loads(api.http.get("/v1/claims?status=PENDED", headers=aws.auth(BILLER)).body)
    assert [c["claim_id"] for c in listed["claims"]] == [outcome["claim_id"]]
    assert _rebate_ndcs(api, aws) == []  # a pended line is not in the rebate extract

    _load(aws, "asp_2026_april.csv")

    assert '"PendedClaimsReleased":[1.0]' in capsys.readouterr().out
    stored = _stored(api, aws, outcome["claim_id"])
    assert stored["status"] == "ACCEPTED"
    assert stored["decision"]["lineStatuses"] == {"1": "PAYABLE", "2": "PAYABLE"}
    assert stored["decision"]["reasons"] == [] and stored["decision"]["awaiting"] == []
    assert _rebate_ndcs(api, aws) == [{"ndc11": "50242006101", "ndc_unit": "ML", "lines": 1, "hcpcs_units": "40",
                                       "ndc_quantity": "16"}]
    assert _audit_actions(aws, outcome["claim_id"]) == ["RECEIVED_PENDED", "REEDITED_ACCEPTED"]
    assert pended_claims.claims_awaiting("ASP#2026Q2") == []


def test_a_bad_pair_is_denied_on_its_line_once_the_quarter_loads(without_2026q2, api):
    aws = without_2026q2
    outcome = _post(api, aws, _with_ndc("00052060202"))  # on ASP 2025Q4 with J9030 only
    assert outcome["status"] == "PENDED"
    _load(aws, "asp_2026_april.csv")
    stored = _stored(api, aws, outcome["claim_id"])
    assert stored["status"] == "ACCEPTED"
    assert stored["decision"]["lineStatuses"] == {"1": "PAYABLE", "2": "DENIED"}
    assert [(r["code"], r["carc"], r["rarc"]) for r in stored["decision"]["reasons"]] == [
        ("NDC_HCPCS_PAIR_INVALID", "16", "M119")]
    assert _rebate_ndcs(api, aws) == []


def test_a_second_load_or_rerun_changes_nothing(without_2026q2, api):
    from mainecare.services.claims.reedit_pended import reedit_pended_claims

    aws = without_2026q2
    claim_id = _post(api, aws, SAMPLE)["claim_id"]
    _load(aws, "asp_2026_april.csv")
    before = _stored(api, aws, claim_id)
    _load(aws, "asp_2026_april.csv")  # the same file again (or a redelivered message)
    outcome = reedit_pended_claims()
    assert (outcome.released, outcome.still_pended, outcome.complete) == (0, 0, True)
    assert _stored(api, aws, claim_id) == before
    assert _audit_actions(aws, claim_id) == ["RECEIVED_PENDED", "REEDITED_ACCEPTED"]
    assert _rebate_ndcs(api, aws)[0]["lines"] == 1


def test_without_pdac_either_the_claim_waits_for_both_and_moves_on_when_both_are_in(aws, api):
    _load(aws, "asp_2025_october.csv")
    claim_id = _post(api, aws, _with_ndc("00052060202"))["claim_id"]
    assert _stored(api, aws, claim_id)["decision"]["awaiting"] == ["ASP#2026Q2", "PDAC"]
    assert pended_claims.claims_awaiting("PDAC") == [claim_id]

    _load(aws, "pdac_2026-11-01.csv")  # PDAC does not settle it: it still waits for the quarter
    stored = _stored(api, aws, claim_id)
    assert (stored["status"], stored["decision"]["awaiting"]) == ("PENDED", ["ASP#2026Q2"])
    assert pended_claims.claims_awaiting("PDAC") == []
    assert pended_claims.claims_awaiting("ASP#2026Q2") == [claim_id]

    _load(aws, "asp_2026_april.csv")
    assert _stored(api, aws, claim_id)["decision"]["lineStatuses"] == {"1": "PAYABLE", "2": "DENIED"}


def test_an_837_claim_that_pends_is_acknowledged_a2_stored_pended_and_released(without_2026q2, api, capsys):
    aws = without_2026q2
    inbound.put_inbound("DOWNEAST", "brief_837p_ndc.txt", (ROOT / "events" / "edi" / "brief_837p_ndc.txt")
                        .read_bytes())
    aws.deliver("EdiIngestQueue")
    assert '"PendedClaims":[1.0]' in capsys.readouterr().out

    def outbound(name: str) -> str:
        return answer_bytes(aws, "DOWNEAST", name).decode()

    segments = [s.strip() for s in outbound("brief_837p_ndc.txt.277ca").split("~")]
    claim_stc = [s for s in segments if s.startswith("STC*A") and not s.startswith("STC*A1")]
    assert [s.split("*")[1] for s in claim_stc] == ["A2:20"]  # accepted into adjudication, not A6/A7
    assert json.loads(outbound("brief_837p_ndc.txt.rejections.json")) == []
    (claim,) = json.loads(api.http.get("/v1/claims", headers=aws.auth(BILLER)).body)["claims"]
    assert claim["status"] == "PENDED"

    _load(aws, "asp_2026_april.csv")
    assert _stored(api, aws, claim["claim_id"])["status"] == "ACCEPTED"
    assert _rebate_ndcs(api, aws)[0]["ndc11"] == "50242006101"


def test_a_backlog_that_outlasts_the_invocation_fails_the_message_for_another_delivery(without_2026q2, api,
                                                                                       monkeypatch):
    from local.handlers import load_module
    from mainecare.services.claims import reedit_pended

    aws = without_2026q2
    claim_id = _post(api, aws, SAMPLE)["claim_id"]
    monkeypatch.setattr(reedit_pended, "MARGIN_SECONDS", 10_000.0)  # more than any invocation has
    handler = load_module("reference_ingest")
    reference_artifacts.put_incoming("ASP", "asp_2026_april.csv", (REFERENCE / "asp_2026_april.csv").read_bytes())
    aws.deliver("ReferenceIngestQueue")
    assert _stored(api, aws, claim_id)["status"] == "PENDED"  # left for the next delivery
    visible = aws.session.client("sqs").get_queue_attributes(
        QueueUrl=aws.queue_urls["ReferenceIngestQueue"], AttributeNames=["ApproximateNumberOfMessagesNotVisible"])
    assert visible["Attributes"]["ApproximateNumberOfMessagesNotVisible"] == "1"  # failed, not deleted
    monkeypatch.setattr(reedit_pended, "MARGIN_SECONDS", 0.0)
    handler.release_pended_claims()  # what the redelivered message does once time allows
    assert _stored(api, aws, claim_id)["status"] == "ACCEPTED"
