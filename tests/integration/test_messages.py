"""Secure messages between Health Home sites with an agreement, e-mail notices without health
information, and the authorized-user list (minimum necessary)."""

from __future__ import annotations

import json
from datetime import date

from mainecare.domain.health_homes.members import Affiliation, Organization
from mainecare.stores import practices
from tests.integration.test_health_home_api import OTHER_PRACTICE, PRACTICE, SITE, hh  # noqa: F401

OTHER_SITE = "KATAHDIN-MILLINOCKET"
SECRET_BODY = "Ada Demoperson DEMO-0001 born 1970-03-04 E11.9 needs a follow-up"


def _sent_mail(aws) -> list:
    from moto.ses.models import ses_backends

    return ses_backends["123456789012"]["us-east-1"].sent_messages


def _share_a_cct(practice_ids: list[str]) -> None:
    practices.put_organization(Organization("CCT-SHARED", "Shared Care Team", "CCT"))
    for practice_id in practice_ids:
        practices.put_affiliation(Affiliation(practice_id, "CCT-SHARED", "CCT", date(2025, 1, 1)))


def test_no_agreement_no_message_then_a_shared_cct_carries_it_and_notices_carry_no_phi(hh):  # noqa: F811
    body = {"to_site_id": OTHER_SITE, "subject": "Follow-up", "body": SECRET_BODY}
    status, refused = hh.post(PRACTICE, f"/v1/sites/{SITE}/messages", body)
    assert status == 422 and refused["error"]["code"] == "NO_AGREEMENT"
    downeast, katahdin = practices.get_site(SITE).practice_id, practices.get_site(OTHER_SITE).practice_id
    _share_a_cct([downeast, katahdin])
    status, sent = hh.post(PRACTICE, f"/v1/sites/{SITE}/messages", body)
    assert status == 201 and sent["to_site_id"] == OTHER_SITE

    status, inbox = hh.get(OTHER_PRACTICE, f"/v1/sites/{OTHER_SITE}/messages")
    assert status == 200 and [m["message_id"] for m in inbox["messages"]] == [sent["message_id"]]
    assert "body" not in inbox["messages"][0]
    status, opened = hh.get(OTHER_PRACTICE, f"/v1/sites/{OTHER_SITE}/messages/{sent['message_id']}")
    assert status == 200 and opened["body"] == SECRET_BODY and opened["read_by"] == [OTHER_PRACTICE]
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/messages?box=SENT")[1]["count"] == 1
    # Nobody else reads it: not through their own site, not through the recipient's.
    assert hh.get(PRACTICE, f"/v1/sites/{OTHER_SITE}/messages")[0] == 404
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/messages/{sent['message_id']}")[0] == 200  # the sender's copy
    mail = _sent_mail(hh.aws)
    assert [m.destinations["ToAddresses"] for m in mail] == [[OTHER_PRACTICE]]
    notice = json.dumps([m.subject for m in mail] + [m.body for m in mail])
    for secret in ("Ada", "Demoperson", "DEMO-0001", "1970", "E11.9", "Follow-up"):
        assert secret not in notice


def test_the_authorized_user_list_shows_health_home_permissions_only(hh):  # noqa: F811
    status, listed = hh.get(PRACTICE, f"/v1/sites/{SITE}/authorized-users")
    assert status == 200
    by_email = {u["email"]: u for u in listed["users"]}
    assert by_email[PRACTICE]["portal_administrator"] is True
    assert "claims:submit" not in json.dumps(listed)  # not a Health Home permission: not shown
    assert "biller@downeast.example" not in by_email  # holds no Health Home permission
    assert hh.get(OTHER_PRACTICE, f"/v1/sites/{SITE}/authorized-users")[0] == 404
