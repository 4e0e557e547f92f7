"""Members arrive through the eligibility feed (S3 -> SQS -> reference_ingest on moto); claims and
the eligibility inquiry read what it loaded."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path

from mainecare.stores import inbound, member_files, members
from tests.edi_answers import answer_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
HEADER = "member_id,last_name,first_name,date_of_birth,coverage_code,coverage_from,coverage_to\n"
BILLER = "biller@downeast.example"
PRACTICE = "admin@downeast.example"


def _drop(aws, name: str, text: str | bytes) -> str:
    key, _ = member_files.put_incoming(name, text.encode() if isinstance(text, str) else text)
    assert aws.deliver("ReferenceIngestQueue") == 1
    return key


class _Collected(logging.Handler):
    """What our logger writes, formatted as it ships (its stream was bound by whichever test made it)."""

    def __init__(self, formatter):
        super().__init__()
        self.setFormatter(formatter)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_a_dropped_file_loads_members_and_reports_skipped_rows_without_their_values(aws, capsys):
    from mainecare.observability import logger

    collected = _Collected(logger().registered_formatter)
    logger().addHandler(collected)
    try:
        key = _drop(aws, "mihms_daily.csv", HEADER + "Q1,Quincy,Quill,1991-01-02,ACS,2025-01-01,2025-06-30\n"
                                                     "Q1,Quincy,Quill,1991-01-02,ANC,2025-07-01,\n"
                                                     "Q2,Secretname,Sam,1992-13-01,ACS,2025-01-01,\n")
    finally:
        logger().removeHandler(collected)
    report = member_files.get_report(key)
    assert report["loaded"] is True
    assert (report["rows_read"], report["rows_skipped"], report["members_loaded"]) == (3, 1, 1)
    assert report["skipped"] == [{"row": 4, "column": "date_of_birth", "reason": "INVALID_DATE"}]
    loaded = members.get_member("Q1")
    assert [(c.code, str(c.start), c.end and str(c.end)) for c in loaded.coverage] == [
        ("ACS", "2025-01-01", "2025-06-30"), ("ANC", "2025-07-01", None)]
    assert members.get_member("Q2") is None
    logged = "\n".join(collected.lines) + capsys.readouterr().out
    assert '"rows_skipped":1' in logged.replace(" ", "")
    for value in ("Quincy", "Secretname", "1992-13-01", "1991-01-02"):
        assert value not in logged and value not in json.dumps(report)


def test_loading_a_file_again_changes_nothing_and_keeps_the_health_home_data(aws):
    from local import demo_health_homes

    demo_health_homes.seed_reference()  # the demo file through the same parser and writer, plus HH data
    before = members.get_member("DEMO-0004")
    assert before.bhh is not None and "DIABETES" in before.chronic_conditions
    key = demo_health_homes.drop_members_file()
    assert aws.deliver("ReferenceIngestQueue") == 1
    assert member_files.get_report(key)["members_loaded"] == 13
    assert members.get_member("DEMO-0004") == before


def test_a_file_without_the_required_columns_loads_nothing_and_is_not_retried(aws):
    key = _drop(aws, "wrong.csv", "member_id,name\nQ1,Quill\n")
    report = member_files.get_report(key)
    assert report["loaded"] is False and report["error_code"] == "MEMBER_FILE_COLUMNS_MISSING"
    assert members.get_member("Q1") is None
    assert aws.deliver("ReferenceIngestQueue") == 0


def _post_claim(api, aws, member_id: str):
    claim = copy.deepcopy(SAMPLE)
    claim["subscriber"]["memberId"] = member_id
    return api.http.post("/v1/claims", headers=aws.auth(BILLER), body=json.dumps(claim))


def test_api_claims_for_a_non_member_or_an_uncovered_date_are_rejected_and_not_stored(loaded, api):
    response = _post_claim(api, loaded, "Z99999999")
    assert response.status_code == 422
    error = json.loads(response.body)["error"]
    assert error["code"] == "CLAIM_REJECTED" and "MEMBER_NOT_FOUND" in json.dumps(error["details"])
    assert "Z99999999" not in response.body.decode()
    lapsed = _post_claim(api, loaded, "DEMO-0012")  # covered to 2026-03-31; the sample's DOS is 2026-04-10
    assert lapsed.status_code == 422
    assert "MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE" in lapsed.body.decode()
    assert json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)["count"] == 0
    assert _post_claim(api, loaded, "A12345678").status_code == 201  # the feed's member is covered


def test_an_837_claim_for_a_non_member_is_rejected_on_the_277ca_and_the_brr(loaded, api):
    text = (ROOT / "events" / "edi" / "brief_837p_ndc.txt").read_text()
    assert "MI*A12345678~" in text
    inbound.put_inbound("DOWNEAST", "unknown_member.txt", text.replace("MI*A12345678~", "MI*Z99999999~").encode())
    assert loaded.deliver("EdiIngestQueue") == 1
    def answer(suffix: str) -> str:
        return answer_bytes(loaded, "DOWNEAST", f"unknown_member.txt{suffix}").decode()

    stcs = [s.strip().split("*")[1] for s in answer(".277ca").split("~") if s.strip().startswith("STC*A7")]
    assert stcs == ["A7:33"]  # subscriber and subscriber id not found
    report = json.loads(answer(".rejections.json"))
    assert [(r["patient_control_number"], r["reason_code"]) for r in report] == [("PCN0001", "MEMBER_NOT_FOUND")]
    claims = json.loads(api.http.get("/v1/claims", headers=loaded.auth(BILLER)).body)["claims"]
    assert [c["status"] for c in claims] == ["REJECTED"]


def _eligibility(api, aws, query: str, email: str = PRACTICE, member_id: str = "DEMO-0001"):
    response = api.http.get(f"/v1/members/{member_id}/eligibility?{query}", headers=aws.auth(email))
    return response.status_code, json.loads(response.body)


def test_eligibility_answers_only_a_matching_member(loaded, api):
    from local import demo_health_homes

    demo_health_homes.seed_reference()
    status, body = _eligibility(api, loaded, "date_of_birth=1970-03-04")
    assert status == 200 and body["member_id"] == "DEMO-0001" and body["eligible"]
    assert _eligibility(api, loaded, "last_name=%20demoPERSON%20")[0] == 200
    unknown = _eligibility(api, loaded, "date_of_birth=1970-03-04", member_id="NOPE-0001")
    assert unknown[0] == 404
    assert _eligibility(api, loaded, "date_of_birth=1970-03-05") == unknown  # same status, same body
    assert _eligibility(api, loaded, "last_name=Placeholder") == unknown
    assert _eligibility(api, loaded, "date_of_birth=1970-03-04&last_name=Placeholder") == unknown
    hh = api.http.get("/v1/members/DEMO-0001/health-home-eligibility?date_of_birth=1970-03-05",
                      headers=loaded.auth(PRACTICE))
    assert hh.status_code == 404 and json.loads(hh.body) == unknown[1]
    status, body = _eligibility(api, loaded, "date=2026-01-01")
    assert status == 400 and body["error"]["code"] == "MEMBER_SEARCH_INCOMPLETE"
    assert _eligibility(api, loaded, "date_of_birth=03/04/1970")[1]["error"]["code"] == "DATE_INVALID"


def test_a_billing_agent_looks_up_eligibility_only_with_the_set_its_admin_grants(loaded, api):
    from local import cognito, demo_health_homes
    from mainecare.domain.accounts import UserAccount
    from mainecare.stores import accounts

    demo_health_homes.seed_reference()
    assert _eligibility(api, loaded, "date_of_birth=1970-03-04", email="admin@pinetree.example")[0] == 403
    sub = cognito.add_user(loaded.session.client("cognito-idp"), loaded.pool_id, "lookup@pinetree.example")
    accounts.put_user(UserAccount(sub, "lookup@pinetree.example", "PINETREE", ("Biller", "EligibilityLookup")))
    assert _eligibility(api, loaded, "date_of_birth=1970-03-04", email="lookup@pinetree.example")[0] == 200
