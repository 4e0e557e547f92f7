"""Health Home routes through the API with real tokens: a practice user, another practice's user,
member services and program staff. Moto in process: executions are recorded, not run (the timer
itself is tested on the moto server in test_opt_out_timer.py)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest

PRACTICE = "admin@downeast.example"
BILLER = "biller@downeast.example"
OTHER_PRACTICE = "admin@katahdin.example"
MEMBER_SERVICES = "memberservices@mainecare.example"
STAFF = "staff@mainecare.example"
SITE = "DOWNEAST-MACHIAS"
TODAY = date(2026, 1, 1)


@dataclass
class HealthHomes:
    aws: object
    api: object
    events_queue: str
    headers: dict = field(default_factory=dict)
    seen_events: list = field(default_factory=list)

    def auth(self, email: str) -> dict:
        if email not in self.headers:
            self.headers[email] = self.aws.auth(email)
        return self.headers[email]

    def post(self, email: str, path: str, body: dict):
        response = self.api.http.post(path, headers=self.auth(email), body=json.dumps(body))
        return response.status_code, json.loads(response.body)

    def get(self, email: str, path: str):
        response = self.api.http.get(path, headers=self.auth(email))
        return response.status_code, json.loads(response.body)

    def request(self, member_id: str, site: str = SITE, email: str = PRACTICE) -> dict:
        status, body = self.post(email, f"/v1/sites/{site}/member-requests", {"member_id": member_id})
        assert status == 200, body
        return body

    def assigned(self, member_id: str, site: str = SITE) -> dict:
        pending = self.request(member_id, site)
        status, body = self.post(MEMBER_SERVICES, f"/v1/member-requests/{pending['request_id']}/opt-in",
                                 {"channel": "PHONE"})
        assert status == 200 and body["status"] == "ASSIGNED", body
        return body

    def events(self) -> list[dict]:
        sqs = self.aws.session.client("sqs")
        while True:
            messages = sqs.receive_message(QueueUrl=self.events_queue, MaxNumberOfMessages=10).get("Messages", [])
            if not messages:
                return self.seen_events
            for message in messages:
                self.seen_events.append(json.loads(message["Body"]))
                sqs.delete_message(QueueUrl=self.events_queue, ReceiptHandle=message["ReceiptHandle"])

    def execution(self, request_id: str) -> dict:
        from mainecare.stores import timer

        return self.aws.session.client("stepfunctions").describe_execution(executionArn=timer.execution_arn(request_id))

    def audit(self, request_id: str) -> list[dict]:
        """The request's change entries (reads are audited too, as READ: test_audited_reads.py)."""
        from mainecare.config import settings

        return [item for item in self.aws.session.client("dynamodb").query(
            TableName=settings().table("Audit"), KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": f"MEMBER_REQUEST#{request_id}"}})["Items"]
            if item["action"]["S"] != "READ"]


@pytest.fixture
def hh(aws, api, monkeypatch):
    from local import demo_health_homes
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    # TODAY is in the past, so day 29 is too: without this each timer's Wait would end at once and
    # race the test's own opt-in or opt-out (the timer itself is tested in test_opt_out_timer.py).
    # Timers wait on a clock moved forward by whole days, so their deadlines stay Maine midnights.
    shift = timedelta(days=(datetime.now(UTC).date() - TODAY).days + 1)
    monkeypatch.setattr(clock, "to_system", lambda instant: instant + shift)
    demo_health_homes.seed_reference()
    sqs = aws.session.client("sqs")
    url = sqs.create_queue(QueueName="health-home-events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events = aws.session.client("events")
    events.put_rule(Name="health-homes", EventPattern=json.dumps({"source": ["mainecare.health-homes"]}))
    events.put_targets(Rule="health-homes", Targets=[{"Id": "queue", "Arn": arn}])
    return HealthHomes(aws, api, url)


def test_an_eligible_member_gets_a_letter_a_pending_request_and_a_timer(hh):
    body = hh.request("DEMO-0001")
    assert body["status"] == "PENDING" and body["stage"] == "A" and body["source"] == "PRACTICE_REQUEST"
    # The FAQ's case: letter 2026-01-01 -> 28 days to opt out -> assigned 2026-01-29.
    assert (body["letter_date"], body["opt_out_period_begins"]) == ("2026-01-01", "2026-01-01")
    assert (body["last_day_to_opt_out"], body["assigns_on"]) == ("2026-01-28", "2026-01-29")
    assert [(h["status"], h["action"], h["actor"]) for h in body["history"]] == [("PENDING", "LETTER_SENT", PRACTICE)]

    execution = hh.execution(body["request_id"])
    assert execution["name"] == body["request_id"] and execution["status"] == "RUNNING"
    timer_input = json.loads(execution["input"])
    # Maine midnight starting day 29 is 05:00 UTC (the fixture moves the timers' clock by whole days)
    deadline = datetime.fromisoformat(timer_input["deadline"].replace("Z", "+00:00"))
    assert (deadline.hour, deadline.minute, (deadline.date() - date(2026, 1, 29)).days > 0) == (5, 0, True)
    assert timer_input["assigns_on"] == "2026-01-29"

    from pypdf import PdfReader

    from mainecare.stores import letters

    text = PdfReader(io.BytesIO(letters.get_letter(body["letter_key"]))).pages[0].extract_text()
    assert "Ada Demoperson" in text and "January 28, 2026" in text and "January 29, 2026" in text
    assert "DIABETES" not in text.upper() and "HYPERTENSION" not in text.upper()

    [audit] = hh.audit(body["request_id"])
    assert audit["action"]["S"] == "LETTER_SENT" and audit["actor"]["S"] == PRACTICE
    assert "DEMO-0001" not in json.dumps(audit)
    [event] = hh.events()
    assert event["detail-type"] == "MemberRequestPending" and event["detail"]["request_id"] == body["request_id"]

    again = hh.request("DEMO-0001")  # an API retry: the same request, the same timer
    assert again["request_id"] == body["request_id"]


def test_ineligible_members_are_denied_with_codes_and_practices_never_see_a_diagnosis(hh):
    assert [r["code"] for r in hh.request("DEMO-0002")["reasons"]] == ["COVERAGE_NOT_FULL"]
    assert [r["code"] for r in hh.request("DEMO-0005")["reasons"]] == ["DUPLICATIVE_SERVICES"]
    denied = hh.request("DEMO-0004")
    assert denied["status"] == "DENIED"
    assert [r["code"] for r in denied["reasons"]] == ["STAGE_A_EXCLUDED"]
    assert "SERIOUS" not in json.dumps(denied).upper() and "MENTAL ILLNESS" not in json.dumps(denied).upper()
    status, staff_view = hh.get(STAFF, f"/v1/member-requests/{denied['request_id']}")
    assert status == 200 and [r["code"] for r in staff_view["reasons"]] == ["STAGE_B_SERVICES"]
    status, closed = hh.post(PRACTICE, "/v1/sites/DOWNEAST-CALAIS/member-requests", {"member_id": "DEMO-0001"})
    assert [r["code"] for r in closed["reasons"]] == ["SITE_NOT_ACCEPTING_NEW_PATIENTS"]
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/member-requests", {"member_id": "NOPE-1"})
    assert status == 404


def test_another_practices_user_gets_404_for_everything_at_this_site(hh):
    pending = hh.request("DEMO-0001")
    rid = pending["request_id"]
    calls = [
        hh.post(OTHER_PRACTICE, f"/v1/sites/{SITE}/member-requests", {"member_id": "DEMO-0003"}),
        hh.get(OTHER_PRACTICE, f"/v1/sites/{SITE}/member-requests"),
        hh.get(OTHER_PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-01"),
        hh.get(OTHER_PRACTICE, f"/v1/member-requests/{rid}"),
        hh.post(OTHER_PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0001/termination",
                {"reason": "NOT_SERVED", "effective_date": "2026-02-01"}),
        hh.post(OTHER_PRACTICE, f"/v1/sites/{SITE}/stage-b-additions", {"member_id": "DEMO-0004"}),
    ]
    missing = hh.get(PRACTICE, "/v1/sites/NO-SUCH-SITE/member-requests")
    for status, body in calls:
        assert status == 404 and body["error"]["code"] == "NOT_FOUND", body
    assert missing[0] == 404 and missing[1]["error"]["message"] == calls[1][1]["error"]["message"]
    status, own = hh.get(OTHER_PRACTICE, "/v1/sites/KATAHDIN-MILLINOCKET/member-requests")
    assert status == 200 and own["count"] == 0


def test_member_services_records_an_opt_out_and_the_timer_is_stopped(hh):
    rid = hh.request("DEMO-0001")["request_id"]
    status, body = hh.post(PRACTICE, f"/v1/member-requests/{rid}/opt-out", {"channel": "PHONE"})
    assert status == 403
    status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{rid}/opt-out", {"channel": "PHONE"})
    assert status == 200 and body["status"] == "OPTED_OUT"
    assert [h["status"] for h in body["history"]] == ["PENDING", "OPTED_OUT"]
    assert body["history"][-1]["actor"] == MEMBER_SERVICES and body["history"][-1]["channel"] == "PHONE"
    assert hh.execution(rid)["status"] == "ABORTED"
    assert [a["action"]["S"] for a in sorted(hh.audit(rid), key=lambda a: a["sk"]["S"])] == ["LETTER_SENT", "OPTED_OUT"]
    for path, channel in (("opt-out", "PHONE"), ("opt-in", "PHONE")):
        status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{rid}/{path}", {"channel": channel})
        assert status == 409 and body["error"]["code"] == "REQUEST_ALREADY_DECIDED"
    assert hh.request("DEMO-0001")["request_id"] != rid  # the member may be requested again


def test_early_opt_in_assigns_at_once_and_the_member_is_attestable(hh):
    rid = hh.request("DEMO-0003")["request_id"]
    status, body = hh.post(MEMBER_SERVICES, f"/v1/member-requests/{rid}/opt-in", {"channel": "SIGNED_FORM"})
    assert status == 200 and body["status"] == "ASSIGNED" and body["assigned_on"] == "2026-01-01"
    assert hh.execution(rid)["status"] == "ABORTED"
    status, panel = hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-01")
    assert status == 200 and panel["cutoff_day"] == 20 and panel["cutoff_date"] == "2026-01-20"
    [row] = panel["members"]
    assert (row["member_id"], row["name"], row["attestable"]) == ("DEMO-0003", "Cora Fictional", True)
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-13")[0] == 400
    assert hh.get(BILLER, f"/v1/sites/{SITE}/panel?month=2026-01")[0] == 403  # Biller: no panel:read
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/panel")[0] == 400

    from mainecare.domain.errors import DomainError as HealthHomeError
    from mainecare.services.accounts.authenticate import identify
    from mainecare.services.health_homes import member_decisions

    # Asked on a day before the signed form existed. Not through the API: a clock reading 2014 would
    # also predate the API's permission sets (2026), and nobody could sign in to ask.
    rid = hh.request("DEMO-0006")["request_id"]
    member_services = identify(hh.auth(MEMBER_SERVICES)["Authorization"], today=TODAY)
    with pytest.raises(HealthHomeError) as refused:
        member_decisions.opt_in(member_services, rid, "SIGNED_FORM", today=date(2014, 6, 1))
    assert (refused.value.kind, refused.value.code) == ("INVALID", "CHANNEL_NOT_IN_EFFECT")


def test_stage_b_additions_need_a_bhh_certification_and_an_mou(hh, monkeypatch):
    status, added = hh.post(PRACTICE, f"/v1/sites/{SITE}/stage-b-additions", {"member_id": "DEMO-0004"})
    assert status == 200 and (added["status"], added["stage"], added["assigned_on"]) == ("ASSIGNED", "B", "2026-01-01")
    from mainecare.stores import panels

    assert panels.get_enrollment(added["request_id"]).execution_arn is None  # no 28-day timer for Stage B
    status, no_mou = hh.post(OTHER_PRACTICE, "/v1/sites/KATAHDIN-MILLINOCKET/stage-b-additions",
                             {"member_id": "DEMO-0004"})
    assert status == 409 and no_mou["error"]["code"] == "MEMBER_ON_ANOTHER_PANEL"
    status, no_bhh = hh.post(PRACTICE, f"/v1/sites/{SITE}/stage-b-additions", {"member_id": "DEMO-0001"})
    assert [r["code"] for r in no_bhh["reasons"]] == ["NO_BHH_CERTIFICATION"]
    hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0004/termination",
            {"reason": "WRONG_SITE", "effective_date": "2026-01-02"})
    from mainecare import clock

    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 2))  # the member is free from the 2nd
    status, no_mou = hh.post(OTHER_PRACTICE, "/v1/sites/KATAHDIN-MILLINOCKET/stage-b-additions",
                             {"member_id": "DEMO-0004"})
    assert [r["code"] for r in no_mou["reasons"]] == ["SITE_NOT_AFFILIATED_WITH_BHHO"]


def test_termination_with_a_blocking_reason_stops_future_auto_assignment(hh):
    from mainecare.services.health_homes import member_requests

    hh.assigned("DEMO-0009")
    path = f"/v1/sites/{SITE}/panel/DEMO-0009/termination"
    assert hh.post(PRACTICE, path, {"reason": "NOT_A_REASON", "effective_date": "2026-02-01"})[0] == 400
    assert hh.post(PRACTICE, path, {"reason": "NOT_SERVED", "effective_date": "2025-12-31"})[0] == 400
    status, body = hh.post(PRACTICE, path, {"reason": "NOT_SERVED", "effective_date": "2026-02-01"})
    assert status == 200 and (body["status"], body["ended_on"], body["termination_reason"]) == \
        ("TERMINATED", "2026-02-01", "NOT_SERVED")
    assert hh.post(PRACTICE, path, {"reason": "NOT_SERVED", "effective_date": "2026-02-01"})[0] == 404
    [(_, _, outcome)] = member_requests.auto_assign("2026Q2-001", date(2026, 4, 1), [("DEMO-0009", SITE)])
    assert outcome == "AUTO_ASSIGNMENT_BLOCKED"
    _, january = hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-01")
    _, february = hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-02")
    assert [m["attestable"] for m in january["members"]] == [True] and february["count"] == 0


def test_a_termination_effective_later_keeps_the_member_on_the_panel_until_then(hh, monkeypatch):
    from mainecare import clock

    hh.assigned("DEMO-0009")
    status, body = hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0009/termination",
                           {"reason": "WRONG_SITE", "effective_date": "2026-03-01"})
    assert status == 200 and body["status"] == "TERMINATED"
    # Still on the Machias panel through February: no other site may take the member yet.
    status, refused = hh.post(OTHER_PRACTICE, "/v1/sites/KATAHDIN-MILLINOCKET/member-requests",
                              {"member_id": "DEMO-0009"})
    assert status == 409 and refused["error"]["code"] == "MEMBER_ON_ANOTHER_PANEL"
    assert "until 2026-03-01" in refused["error"]["message"]
    # From the effective date the member is free, and the new request takes the guard over.
    monkeypatch.setattr(clock, "today", lambda: date(2026, 3, 1))
    status, pending = hh.post(OTHER_PRACTICE, "/v1/sites/KATAHDIN-MILLINOCKET/member-requests",
                              {"member_id": "DEMO-0009"})
    assert status == 200 and pending["status"] == "PENDING", pending
    status, again = hh.post(PRACTICE, f"/v1/sites/{SITE}/member-requests", {"member_id": "DEMO-0009"})
    assert status == 409 and again["error"]["code"] == "MEMBER_REQUEST_PENDING"


def test_a_termination_effective_today_frees_the_member_at_once(hh):
    hh.assigned("DEMO-0009")
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0009/termination",
                        {"reason": "WRONG_SITE", "effective_date": TODAY.isoformat()})
    assert status == 200
    status, pending = hh.post(PRACTICE, f"/v1/sites/{SITE}/member-requests", {"member_id": "DEMO-0009"})
    assert status == 200 and pending["request_id"]


def test_the_letter_sent_can_be_downloaded_by_the_practice_and_staff_and_is_audited(hh):
    pending = hh.request("DEMO-0001")
    path = f"/v1/member-requests/{pending['request_id']}/letter"

    def download(email: str):
        return hh.api.http.get(path, headers={**hh.auth(email), "Accept": "application/pdf"})

    sent = download(PRACTICE)
    assert sent.status_code == 200 and sent.headers["Content-Type"] == "application/pdf"
    assert sent.body.startswith(b"%PDF") and download(STAFF).body == sent.body
    assert download(OTHER_PRACTICE).status_code == 404  # another practice's request: not even its existence
    assert [a["action"]["S"] for a in hh.audit(pending["request_id"])].count("LETTER_DOWNLOADED") == 2
    denied = hh.request("DEMO-0008")  # not eligible: no letter was ever sent
    response = hh.api.http.get(f"/v1/member-requests/{denied['request_id']}/letter",
                               headers={**hh.auth(PRACTICE), "Accept": "application/pdf"})
    assert response.status_code == 404


def test_staff_move_a_member_within_the_system_umbrella(hh):
    hh.assigned("DEMO-0001")
    path = f"/v1/sites/{SITE}/panel/DEMO-0001/move"
    assert hh.post(PRACTICE, path, {"to_site_id": "DOWNEAST-ELLSWORTH", "effective_date": "2026-02-15"})[0] == 403
    status, other = hh.post(STAFF, path, {"to_site_id": "KATAHDIN-MILLINOCKET", "effective_date": "2026-02-15"})
    assert status == 409 and other["error"]["code"] == "DIFFERENT_SYSTEM"
    status, moved = hh.post(STAFF, path, {"to_site_id": "DOWNEAST-ELLSWORTH", "effective_date": "2026-02-15"})
    assert status == 200 and moved["moved_out"]["status"] == "MOVED" and moved["moved_in"]["status"] == "ASSIGNED"
    assert moved["moved_in"]["moved_from_request_id"] == moved["moved_out"]["request_id"]
    _, machias = hh.get(PRACTICE, f"/v1/sites/{SITE}/panel?month=2026-02")
    _, ellsworth = hh.get(PRACTICE, "/v1/sites/DOWNEAST-ELLSWORTH/panel?month=2026-02")
    assert [(m["attestable"], m["not_attestable_reason"]) for m in machias["members"]] == \
        [(False, "LEFT_BEFORE_CUTOFF")]
    assert [m["attestable"] for m in ellsworth["members"]] == [True]


def test_staff_override_a_denial_caused_by_earlier_stage_b_services(hh):
    denied = hh.request("DEMO-0008")
    assert [r["code"] for r in denied["reasons"]] == ["STAGE_A_EXCLUDED"]
    rid = denied["request_id"]
    reason = {"reason": "BHH services ended in June 2025; member no longer qualifies for Stage B"}
    assert hh.post(PRACTICE, f"/v1/member-requests/{rid}/override", reason)[0] == 403
    not_this_one = hh.request("DEMO-0002")["request_id"]
    assert hh.post(STAFF, f"/v1/member-requests/{not_this_one}/override", reason)[0] == 409
    status, body = hh.post(STAFF, f"/v1/member-requests/{rid}/override", reason)
    assert status == 200 and body["status"] == "PENDING" and body["override_reason"] == reason["reason"]
    assert body["assigns_on"] == "2026-01-29" and hh.execution(rid)["status"] == "RUNNING"
    _, practice_view = hh.get(PRACTICE, f"/v1/member-requests/{rid}")
    assert practice_view["override_reason"] is None and "BHH" not in json.dumps(practice_view["history"])


def test_duplication_of_services_disenrolls_or_notifies_both_providers(hh):
    from mainecare.stores import panels

    hh.assigned("DEMO-0009")
    hh.assigned("DEMO-0010")  # receives CCT services
    tcm = {"section": "13", "start_date": "2026-03-01", "provider_id": "TCM-SUNRISE"}
    assert hh.post(PRACTICE, "/v1/members/DEMO-0009/services", tcm)[0] == 403
    status, out = hh.post(STAFF, "/v1/members/DEMO-0009/services", tcm)
    assert status == 200 and (out["duplicative"], out["outcome"]) == (True, "DISENROLLED")
    _, ended = hh.get(PRACTICE, f"/v1/member-requests/{out['request_id']}")
    assert (ended["status"], ended["termination_reason"], ended["ended_on"]) == \
        ("TERMINATED", "DUPLICATION_OF_SERVICES", "2026-03-01")
    status, kept = hh.post(STAFF, "/v1/members/DEMO-0010/services", tcm)
    assert status == 200 and kept["outcome"] == "NOTICES_SENT"
    assert sorted(n["provider_id"] for n in kept["notices"]) == ["CCT-COASTAL", "TCM-SUNRISE"]
    assert panels.notices("CCT-COASTAL")[0]["request_id"] == kept["request_id"]
    assert hh.get(PRACTICE, f"/v1/member-requests/{kept['request_id']}")[1]["status"] == "ASSIGNED"
    types = [e["detail-type"] for e in hh.events()]
    assert "DuplicationNoticeIssued" in types and "PanelMemberTerminated" in types


def test_eligibility_inquiry_is_audited(hh):
    status, body = hh.get(PRACTICE, "/v1/members/DEMO-0002/eligibility?date=2026-01-01&last_name=Placeholder")
    assert status == 200 and body["eligible"] and not body["full_coverage"]
    assert body["coverage"]["code"] == "PHARMACY_ONLY" and body["history"][0]["description"] == "Pharmacy Only"
    status, body = hh.get(PRACTICE, "/v1/members/DEMO-0001/eligibility?date=2023-06-01&date_of_birth=1970-03-04")
    assert status == 200 and not body["eligible"] and body["coverage"] is None
    _, body = hh.get(PRACTICE, "/v1/members/DEMO-0001/eligibility?date_of_birth=1970-03-04")
    assert body["date"] == "2026-01-01" and body["pccm"] == {"enrolled": True, "site_id": SITE, "since": "2024-01-01"}
    assert body["health_home"]["enrolled"] is False
    hh.assigned("DEMO-0001")
    _, body = hh.get(OTHER_PRACTICE, "/v1/members/DEMO-0001/eligibility?last_name=demoperson")
    assert body["health_home"] == {"enrolled": True, "site_id": None, "since": "2026-01-01"}
    assert hh.get(PRACTICE, "/v1/members/DEMO-0001/eligibility?date=01/01/2026&last_name=Demoperson")[0] == 400
    assert hh.get(PRACTICE, "/v1/members/NOPE-1/eligibility?last_name=Demoperson")[0] == 404

    from mainecare.config import settings

    audits = hh.aws.session.client("dynamodb").query(
        TableName=settings().table("Audit"), KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": "MEMBER#DEMO-0001"}})["Items"]
    assert [a["action"]["S"] for a in audits].count("ELIGIBILITY_INQUIRY") == 3
    assert {a["actor"]["S"] for a in audits} == {PRACTICE, OTHER_PRACTICE}


def test_health_home_eligibility_check_redacts_for_practices_only(hh):
    status, practice = hh.get(PRACTICE,
                              "/v1/members/DEMO-0004/health-home-eligibility?date=2026-01-01&last_name=Synthetic")
    assert status == 200 and not practice["eligible"]
    assert [r["code"] for r in practice["reasons"]] == ["STAGE_A_EXCLUDED"] and practice["overridable"] is None
    _, staff = hh.get(STAFF, "/v1/members/DEMO-0004/health-home-eligibility?date=2026-01-01&date_of_birth=1979-11-02")
    # Later FAQ q12: Stage B by the services the member receives (still running: no override)
    assert [r["code"] for r in staff["reasons"]] == ["STAGE_B_SERVICES"] and staff["overridable"] is False
    _, eligible = hh.get(PRACTICE, "/v1/members/DEMO-0011/health-home-eligibility?last_name=Fakename")
    assert eligible["eligible"] and eligible["reasons"] == []


def test_every_change_is_audited_and_no_event_names_a_member(hh):
    first = hh.assigned("DEMO-0001")
    hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0001/termination",
            {"reason": "NO_LONGER_WANTS_HEALTH_HOME", "effective_date": "2026-01-15"})
    _, ended = hh.get(PRACTICE, f"/v1/member-requests/{first['request_id']}")
    audits = sorted(hh.audit(first["request_id"]), key=lambda a: a["sk"]["S"])
    assert [a["action"]["S"] for a in audits] == [h["action"] for h in ended["history"]] == \
        ["LETTER_SENT", "OPTED_IN_EARLY", "TERMINATED"]
    events = hh.events()
    assert [e["detail-type"] for e in events] == ["MemberRequestPending", "MemberRequestAssigned",
                                                  "PanelMemberTerminated"]
    assert "DEMO-" not in json.dumps(events) and "Demoperson" not in json.dumps(events)
