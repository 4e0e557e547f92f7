"""The daily inactive-account job through its handler on moto: flag after 90 days without a
sign-in, deactivate 30 days after the flag unless the user signs in, never the last active Admin."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from local.handlers import invoke
from local.jobs import job_event
from mainecare.domain.accounts.inactivity import DEACTIVATE, FLAG, KEEP_LAST_ADMIN, NOTHING, decide
from mainecare.stores import accounts
from mainecare.stores.policy import policy_value

RULES = {"inactive_flag_days": 90, "inactive_notice_days": 30}


def test_the_rules_at_their_edges():
    from mainecare.domain.accounts import UserAccount

    user = UserAccount("s", "a@b.example", "P", (), "ACTIVE", last_sign_in="2026-01-01")
    assert decide(user, date(2026, 3, 31), RULES, False) == NOTHING  # day 89
    assert decide(user, date(2026, 4, 1), RULES, False) == FLAG  # day 90
    flagged = replace(user, flagged_inactive_at="2026-04-01")
    assert decide(flagged, date(2026, 4, 30), RULES, False) == NOTHING  # day 29 of the notice
    assert decide(flagged, date(2026, 5, 1), RULES, False) == DEACTIVATE
    assert decide(flagged, date(2026, 5, 1), RULES, True) == KEEP_LAST_ADMIN
    never = UserAccount("s", "a@b.example", "P", (), "INVITED", invited_at="2026-01-01")
    assert decide(never, date(2026, 4, 1), RULES, False) == FLAG  # an invitation never taken up
    assert decide(replace(user, status="INACTIVE"), date(2027, 1, 1), RULES, False) == NOTHING
    assert policy_value("account_administration", date(2026, 12, 1))["inactive_flag_days"] == 90


def _run(day: date) -> dict:
    return invoke("account_inactivity", job_event("account_inactivity", day, None))


def test_flag_then_deactivate_unless_signed_in_and_the_last_admin_stays(aws, api):
    old = "2026-01-02"
    for email in ("admin@downeast.example", "biller@downeast.example", "viewer@downeast.example"):
        user = accounts.get_user(aws.sub(email))
        accounts.put_user(replace(user, last_sign_in=old))
    first = _run(date(2026, 4, 2))
    flagged = {line["user_id"] for line in first["flagged"]}
    assert {aws.sub("biller@downeast.example"), aws.sub("viewer@downeast.example"),
            aws.sub("admin@downeast.example")} <= flagged
    assert api.http.get("/v1/me", headers=aws.auth("viewer@downeast.example")).status_code == 200  # signs in
    second = _run(date(2026, 4, 2) + timedelta(days=30))
    deactivated = {line["user_id"] for line in second["deactivated"]}
    assert aws.sub("biller@downeast.example") in deactivated
    assert aws.sub("viewer@downeast.example") not in deactivated  # the sign-in cleared the flag
    assert {line["user_id"] for line in second["last_admin_kept"]} >= {aws.sub("admin@downeast.example")}
    assert accounts.get_user(aws.sub("admin@downeast.example")).status == "ACTIVE"
    cognito = aws.session.client("cognito-idp")
    assert cognito.admin_get_user(UserPoolId=aws.pool_id, Username="biller@downeast.example")["Enabled"] is False
    assert _run(date(2026, 5, 3))["deactivated"] == []  # a re-run changes nothing
