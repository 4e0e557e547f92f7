"""No log line and no e-mail notice carries protected health information: a member's names, ids,
birth date or diagnoses, whatever the caller did with them (eligibility, a Health Home request and
its letter, a JSON claim, an 837 file, a secure message)."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from mainecare.domain.health_homes.members import Affiliation, Organization
from mainecare.stores import inbound, practices
from tests.integration.test_health_home_api import PRACTICE, SITE, hh  # noqa: F401 (the fixture)

ROOT = Path(__file__).resolve().parents[2]
PHI = ("Demoperson", "DEMO-0001", "1970-03-04", "19700101", "A12345678", "JANE", "DOE*", "C189", "DIABETES",
       "E11.9", "HYPERTENSION")


def test_member_data_never_reaches_a_log_line_or_a_notice(hh, capsys, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)  # an operator turning logging all the way up (LOG_LEVEL=DEBUG)
    from local import demo

    demo.drop_reference_files()
    hh.aws.deliver("ReferenceIngestQueue")
    staff = "staff@mainecare.example"
    assert hh.get(staff, "/v1/members/DEMO-0001/eligibility?date_of_birth=1970-03-04")[0] == 200
    assert hh.get(staff, "/v1/members/DEMO-0001/health-home-eligibility?last_name=Demoperson")[0] == 200
    hh.request("DEMO-0001")
    claim = json.loads((ROOT / "events" / "api" / "claim_professional.json").read_text())
    hh.post("biller@downeast.example", "/v1/claims", claim)
    hh.post("biller@downeast.example", "/v1/claims", {**claim, "subscriber": {**claim["subscriber"],
                                                                               "memberId": "A12345678X"}})
    inbound.put_inbound("DOWNEAST", "phi.txt", (ROOT / "events" / "edi" / "brief_837p_ndc.txt").read_bytes())
    hh.aws.deliver("EdiIngestQueue")
    practices.put_organization(Organization("CCT-PHI", "Care Team", "CCT"))
    for practice in ("DOWNEAST", "KATAHDIN"):
        practices.put_affiliation(Affiliation(practice, "CCT-PHI", "CCT", date(2025, 1, 1)))
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/messages", {
        "to_site_id": "KATAHDIN-MILLINOCKET", "subject": "Ada Demoperson DEMO-0001",
        "body": "Born 1970-03-04, DIABETES, E11.9, HYPERTENSION"})
    assert status == 201

    from moto.ses.models import ses_backends

    notices = [f"{m.subject} {m.body}" for m in ses_backends["123456789012"]["us-east-1"].sent_messages]
    captured = capsys.readouterr()
    logged = "\n".join([captured.out, captured.err, caplog.text, *notices])
    assert "837 file processed" in logged and notices  # the things looked at were there
    leaks = [value for value in PHI if value in logged]
    assert leaks == [], leaks
