"""The monthly payment run on moto: pays attested members once, remits per pay-to organization
(JSON and a balanced X12 835), and turns a change after payment into an adjustment (issue 9)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from tests.integration.test_health_home_api import PRACTICE, SITE, hh  # noqa: F401 (fixture)


def _attest(hh, monkeypatch):  # noqa: F811
    from mainecare import clock

    hh.assigned("DEMO-0001")  # a PCCM member of this site (demo data)
    hh.assigned("DEMO-0003")
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 22))
    assert hh.get(PRACTICE, f"/v1/sites/{SITE}/dashboard?month=2026-01")[0] == 200
    response = hh.api.http.put(f"/v1/sites/{SITE}/attestations/2026-01", headers=hh.auth(PRACTICE), body=json.dumps(
        {"members": [{"member_id": "DEMO-0001", "activity": "DASHBOARD_SCAN"},
                     {"member_id": "DEMO-0003", "activity": "DASHBOARD_SCAN"}]}))
    assert response.status_code == 200, response.body


def _outbound(hh, key: str) -> str:  # noqa: F811
    from mainecare.config import settings

    return hh.aws.session.client("s3").get_object(Bucket=settings().bucket("OutboundAck"), Key=key)["Body"].read() \
        .decode("latin-1")


def _patients_named(hh, report) -> list[tuple[str, str]]:  # noqa: F811
    """The (last, first) names the run's 835s give their patients (NM1*QC), sorted."""
    found = []
    for remittance in report["remittances"]:
        for key in remittance["keys"][1:]:
            segments = (s.strip() for s in _outbound(hh, key).split("~"))
            found += [tuple(s.split("*")[3:5]) for s in segments if s.startswith("NM1*QC*")]
    return sorted(set(found))


def _names_of(*member_ids: str) -> list[tuple[str, str]]:
    from mainecare.stores import members

    return sorted((m.last_name, m.first_name) for m in members.get_members(member_ids).values())


def test_a_month_is_paid_once_remitted_and_balanced(hh, monkeypatch):  # noqa: F811
    from mainecare.services.health_homes import payment_run
    from mainecare.stores import payments

    _attest(hh, monkeypatch)
    report = payment_run.run("2026-01", date(2026, 2, 1))
    assert (report["sites"], report["lines"], report["paid"]) == (1, 3, "24.00")  # 8.50 + 3.50, and 12.00
    [remittance] = report["remittances"]
    body = json.loads(_outbound(hh, remittance["keys"][0]))
    assert body["total"] == "24.00" and {ln["component"] for ln in body["lines"]} == {"HEALTH_HOME", "PCCM"}
    x835 = _outbound(hh, remittance["keys"][1])
    pytest.importorskip("pyx12")
    from tests.x12_oracle import judge

    verdict = judge(x835)
    assert verdict.errors == [] and verdict.sets == ["835/0001 A"]
    segments = [s.strip().split("*") for s in x835.split("~") if s.strip()]
    bpr = next(s for s in segments if s[0] == "BPR")
    assert Decimal(bpr[2]) == sum(Decimal(s[4]) for s in segments if s[0] == "CLP") == Decimal("24.00")
    # In process the names come from the workers' own reads; every patient is named.
    assert _patients_named(hh, report) == _names_of("DEMO-0001", "DEMO-0003")

    again = payment_run.run("2026-01", date(2026, 2, 2))
    assert (again["lines"], again["paid"], again["remittances"]) == (0, "0", [])
    assert sum(line.amount for line in payments.ledger(SITE, "2026-01")) == Decimal("24.00")


def test_a_change_after_payment_is_an_adjustment_line(hh, monkeypatch):  # noqa: F811
    from mainecare.services.health_homes import payment_run
    from mainecare.stores import payments

    _attest(hh, monkeypatch)
    payment_run.run("2026-01", date(2026, 2, 1))
    # A retroactive termination: DEMO-0003 left before the cut-off, so January is not due.
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0003/termination",
                        {"reason": "WRONG_SITE", "effective_date": "2026-01-15"})
    assert status == 200
    report = payment_run.run("2026-01", date(2026, 2, 5))
    assert (report["lines"], report["paid"], report["adjustments"]) == (1, "-12.00", 1)
    # No longer attestable, so the worker did not read DEMO-0003: the remittance reads the name itself.
    assert _patients_named(hh, report) == _names_of("DEMO-0003")
    lines = [ln for ln in payments.ledger(SITE, "2026-01") if ln.member_id == "DEMO-0003"]
    assert [(ln.sequence, str(ln.amount)) for ln in lines] == [(1, "12.00"), (2, "-12.00")]


def test_the_scheduled_handler_pays_the_month_that_just_ended(hh, monkeypatch):  # noqa: F811
    from local.handlers import invoke
    from local.jobs import job_event

    _attest(hh, monkeypatch)
    answer = invoke("monthly_payments", {**job_event("monthly_payments", date(2026, 2, 1), None), "detail": {}})
    assert (answer["month"], answer["status"], answer["paid"]) == ("2026-01", "DONE", "24.00")


def test_the_distributed_maps_steps_through_the_handler_pay_the_same(hh, monkeypatch):  # noqa: F811
    """The deployed state machine calls the handler per step: start, pay_site per item, finish."""
    from local.handlers import invoke

    _attest(hh, monkeypatch)
    started = invoke("monthly_payments", {"action": "start", "month": "2026-01", "run_date": "2026-02-01"})
    assert started["sites"] == [SITE]
    paid = invoke("monthly_payments", {"action": "pay_site", "site_id": SITE, "month": "2026-01",
                                       "run_id": started["run_id"]})
    assert paid == {"site_id": SITE, "lines": 3}
    report = invoke("monthly_payments", {"action": "finish", "month": "2026-01", "run_id": started["run_id"],
                                         "run_date": "2026-02-01"})
    assert (report["lines"], report["paid"]) == (3, "24.00")
    assert _patients_named(hh, report) == _names_of("DEMO-0001", "DEMO-0003")  # read back, as in process


def test_the_runs_roster_reads_the_panels_attestable_members(hh, monkeypatch):  # noqa: F811
    """The run pays against attestable_member_ids (the roster's five attributes, no histories): the same
    members the panel marks attestable, before and after a retroactive termination."""
    from mainecare.services.health_homes import payment_run
    from mainecare.services.health_homes.panel_changes import attestable_member_ids, panel

    def from_the_panel(month: str) -> set[str]:
        return {row.enrollment.member_id for row in panel(payment_run.JOB, SITE, month)[2] if row.attestable}

    _attest(hh, monkeypatch)
    assert attestable_member_ids(SITE, "2026-01") == from_the_panel("2026-01") == {"DEMO-0001", "DEMO-0003"}
    status, _ = hh.post(PRACTICE, f"/v1/sites/{SITE}/panel/DEMO-0003/termination",
                        {"reason": "WRONG_SITE", "effective_date": "2026-01-15"})
    assert status == 200
    for month in ("2025-12", "2026-01", "2026-02"):
        assert attestable_member_ids(SITE, month) == from_the_panel(month), month
    assert attestable_member_ids(SITE, "2026-01") == {"DEMO-0001"}


def test_the_runs_member_projection_reads_what_whole_profiles_say(hh):  # noqa: F811
    """names_and_pccm (the run's projection) agrees with whole profiles, skips members the feed never
    loaded, and put_members (the batch the bench seeds with) stores what put_member stores."""
    from dataclasses import replace

    from mainecare.stores import members

    asked = ["DEMO-0001", "DEMO-0003", "NEVER-LOADED"]
    whole, projected = members.get_members(asked), members.names_and_pccm(asked)
    assert set(projected) == set(whole) == {"DEMO-0001", "DEMO-0003"}
    assert {k: (v.last_name, v.first_name, v.pccm) for k, v in projected.items()} == \
        {k: (v.last_name, v.first_name, v.pccm) for k, v in whole.items()}
    assert whole["DEMO-0001"].pccm, "the demo's PCCM member: the spans are compared, not two empty tuples"
    copies = [replace(m, member_id=f"COPY-{m.member_id}") for m in whole.values()]
    members.put_members(copies)
    assert members.get_members(c.member_id for c in copies) == {c.member_id: c for c in copies}


def test_the_runs_attestation_projection_reads_what_was_saved(hh):  # noqa: F811
    """attestations.payable (the run's projection) gives each saved member and whether MaineCare pays
    them, as the whole items say: a dual of a PCMH pilot practice is saved unpaid."""
    from mainecare.stores import attestations

    saved = [attestations.AttestedMember("M-PAID", "DASHBOARD_SCAN", True, "a@example.org", "2026-03-22T10:00:00Z"),
             attestations.AttestedMember("M-DUAL", "DASHBOARD_SCAN", False, "a@example.org", "2026-03-22T10:00:00Z")]
    attestations.save(SITE, "2026-03", saved, final=False, by="a@example.org", at="2026-03-22T10:00:00Z")
    whole = attestations.attested(SITE, "2026-03")
    assert attestations.payable(SITE, "2026-03") == {k: v.payable for k, v in whole.items()} == \
        {"M-PAID": True, "M-DUAL": False}
