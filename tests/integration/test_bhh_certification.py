"""BHH certifications uploaded against the member feed the Health Home rules, and a prior
authorization for a section 13 / 17.04 service records the member's service start (seed 003 q44)."""

from __future__ import annotations

from mainecare.stores import members
from tests.integration.test_health_home_api import PRACTICE, SITE, STAFF, hh  # noqa: F401 (the fixture)


def test_an_uploaded_certification_is_what_the_stage_b_rule_reads(hh):  # noqa: F811
    before = hh.post(PRACTICE, f"/v1/sites/{SITE}/stage-b-additions", {"member_id": "DEMO-0001"})
    assert "NO_BHH_CERTIFICATION" in str(before[1])  # the member has no certification on record yet
    body = {"organization_id": "BHHO-PENOBSCOT", "certified_on": "2025-12-01", "document_key": "DOWNEAST/x.pdf"}
    assert hh.post(PRACTICE, "/v1/members/DEMO-0001/bhh-certification", body)[0] == 403  # staff or contractor only
    status, uploaded = hh.post(STAFF, "/v1/members/DEMO-0001/bhh-certification", body)
    assert status == 200 and uploaded["organization_id"] == "BHHO-PENOBSCOT"
    assert members.get_member("DEMO-0001").bhh.organization_id == "BHHO-PENOBSCOT"
    after = hh.post(PRACTICE, f"/v1/sites/{SITE}/stage-b-additions", {"member_id": "DEMO-0001"})
    assert "NO_BHH_CERTIFICATION" not in str(after[1])
    assert hh.post(STAFF, "/v1/members/DEMO-0001/bhh-certification",
                   {**body, "organization_id": "CCT-COASTAL"})[1]["error"]["code"] == "BHH_ORGANIZATION_UNKNOWN"
    assert hh.post(STAFF, "/v1/members/NOBODY/bhh-certification", body)[0] == 404


def test_an_approved_prior_authorization_for_case_management_records_the_service_start(hh):  # noqa: F811
    status, asked = hh.post(PRACTICE, "/v1/authorizations", {
        "kind": "PRIOR_AUTHORIZATION", "member_id": "DEMO-0011", "requesting_npi": "1234567893",
        "servicing_npi": "1234567893", "services": [{"code_set": "HCPCS", "code": "T1017", "units": 20}],
        "starts": "2026-01-05", "ends": "2026-03-31"})
    assert status == 201, asked
    assert not any(s.section == "13" for s in members.get_member("DEMO-0011").services)
    status, approved = hh.post(STAFF, f"/v1/authorizations/{asked['authorization_id']}/decision",
                               {"decision": "APPROVE"})
    assert status == 200, approved
    started = [s for s in members.get_member("DEMO-0011").services if s.section == "13"]
    assert [(s.start.isoformat(), s.provider_id) for s in started] == [("2026-01-05", "1234567893")]
