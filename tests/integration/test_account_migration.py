"""The old portal's accounts migrate through the real handler on moto: clean Admins (R7) get an
invitation and an Admin account, everyone else is reported with the reason, coverage per partner,
and a re-run migrates nothing twice."""

from __future__ import annotations

import json

from local.handlers import invoke
from mainecare.stores import reference_files

EXPORT = ("user_id,email,role_code,status,last_sign_in,trading_partner_id\n"
          "L1,first.admin@downeast.example,R7,ACTIVE,2026-09-30,DOWNEAST\n"
          "L2,second.admin@downeast.example,R7,INACTIVE,2026-01-02,DOWNEAST\n"
          "L3,biller.old@downeast.example,R3,ACTIVE,2026-09-30,DOWNEAST\n"
          "L4,front@katahdin.example,R7,ACTIVE,2026-09-30,KATAHDIN\n"
          "L5,FRONT@katahdin.example,R7,ACTIVE,2026-09-30,KATAHDIN\n"
          "L6,someone@nowhere.example,R7,ACTIVE,2026-09-30,NOSUCHPARTNER\n"
          "L7,admin@pinetree.example,R7,ACTIVE,2026-09-30,PINETREE\n")


def _run(key: str) -> dict:
    return invoke("account_migration", {"detail": {"key": key}})


def test_clean_admins_migrate_the_rest_are_reported_and_a_rerun_changes_nothing(aws, api):
    key = reference_files.put_text("accounts/legacy/export.csv", EXPORT)
    report = _run(key)
    assert report["status"] == "DONE"
    assert [m["user_id"] for m in report["migrated"]] == ["L1"]
    reasons = {n["user_id"]: n["reason"] for n in report["not_migrated"]}
    assert reasons == {"L2": "INACTIVE", "L3": "NOT_ADMIN", "L4": "EMAIL_SHARED", "L5": "EMAIL_SHARED",
                       "L6": "PARTNER_UNKNOWN", "L7": "EMAIL_TAKEN"}
    levels = {c["trading_partner_id"]: c["level"] for c in report["coverage"]}
    assert levels["DOWNEAST"] == "WARNING" and levels["KATAHDIN"] == "ERROR"  # one Admin; none migrated
    listed = json.loads(api.http.get("/v1/trading-partners/DOWNEAST/users",
                                     headers=aws.auth("admin@downeast.example")).body)["users"]
    migrated = next(u for u in listed if u["email"] == "first.admin@downeast.example")
    assert migrated["status"] == "INVITED" and migrated["admin"] is True
    cognito = aws.session.client("cognito-idp")
    assert cognito.admin_get_user(UserPoolId=aws.pool_id, Username="first.admin@downeast.example")

    again = _run(key)
    assert again["migrated"] == [] and {n["user_id"]: n["reason"] for n in again["not_migrated"]}["L1"] == \
        "ALREADY_MIGRATED"
    assert {c["trading_partner_id"]: c["active_admins"] for c in again["coverage"]}["DOWNEAST"] == 1
    stored = json.loads(reference_files.read_text(report["report_key"]))
    assert stored["migrated"] == again["migrated"]  # the day's report is the latest run's
    assert "first.admin@downeast.example" not in json.dumps(report)  # the report names ids, not e-mails


def test_a_missing_or_malformed_export_is_refused_with_the_reason(aws):
    assert _run("accounts/legacy/none.csv")["status"] == "REFUSED"
    key = reference_files.put_text("accounts/legacy/bad.csv", "id,mail\n1,a@b.example\n")
    refused = _run(key)
    assert refused["status"] == "REFUSED" and "header" in refused["reason"]
