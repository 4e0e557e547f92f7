"""The monthly Health Home payment run (the 1st, for the month whose attestation window has just
closed): per site, what each attested member is due this month; the ledger's difference as new
lines; per pay-to organization a remittance (JSON and X12 835) in the outbound bucket; a report.

The unit of work is a site (`pay_site`): the Step Functions Distributed Map of the deployed run
(infra/statemachines/payment_run.asl.json: start, pay each site, finish) and the in-process loop
of `run` call the same functions, so the shard is the site.
Re-running a month pays nothing twice (domain/health_homes/payments.py).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import field
from datetime import date, timedelta
from decimal import Decimal

from mainecare import clock
from mainecare.config import settings
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes import payments as rules
from mainecare.domain.health_homes.remittance835 import Payee, write_835
from mainecare.domain.permissions import HEALTH_HOME_ALL_SITES
from mainecare.observability import measure_now
from mainecare.services.health_homes.attestations import attested_members
from mainecare.services.health_homes.panel_changes import attestable_member_ids
from mainecare.stores import attestations, cct_panels, members, outbound, practices
from mainecare.stores import payments as ledger_store
from mainecare.stores.audit import record as audit_record
from mainecare.stores.aws import client
from mainecare.stores.control_numbers import next_control_number
from mainecare.stores.policy import policy_value
from valueobjects import record

JOB = Identity.system("monthly_payments", frozenset({HEALTH_HOME_ALL_SITES}))
LOCK_MINUTES = 30


@record
class SiteOutcome:
    site_id: str
    pay_to: str
    lines: list[rules.LedgerLine] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    partner_id: str = ""  # where its remittance goes in the outbound bucket
    tax_id: str = ""  # the payee's federal tax id (the 835 names it); none: JSON remittance only
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # member -> (last, first), as read to pay


CCT_PREFIX = "CCT-"  # a Community Care Team's unit of work, beside the sites: "CCT-<organization>"


def _first(month: str) -> date:
    year, number = (int(p) for p in month.split("-"))
    return date(year, number, 1)


def pay_site(site_id: str, month: str, run_id: str) -> SiteOutcome:
    """The worker: one site's (or Community Care Team's) dues for the month, and the ledger lines
    that make them so."""
    if site_id.startswith(CCT_PREFIX):
        return pay_cct(site_id, month, run_id)
    first = _first(month)
    site = practices.get_site(site_id)
    practice = practices.get_practice(site.practice_id) if site else None
    if site is None or practice is None:
        return SiteOutcome(site_id, "", flags=["SITE_NOT_FOUND"])
    # Attestable still: a membership terminated after the attestation, back to before the cut-off,
    # is no longer due (the ledger then reverses what was paid).
    attestable = attestable_member_ids(site_id, month)
    attested = attested_members(site_id, month)
    saved = sorted(member_id for member_id in attested if member_id in attestable)
    known = members.names_and_pccm(saved)
    due_input = [(member_id, attested[member_id], _pccm_here(known.get(member_id), site_id, first))
                 for member_id in saved]
    dues = rules.dues(site, practice, month, due_input, policy_value("health_home_rates", first),
                      policy_value("health_home_ncqa", first))
    new = rules.adjustments(dues, ledger_store.ledger(site_id, month), run_id)
    ledger_store.add_lines(new)
    standing = rules.ncqa_standing(site, month, policy_value("health_home_ncqa", first))
    return SiteOutcome(site_id, practice.pay_to, new, [standing] if standing else [], practice.trading_partner_id,
                       practice.pay_to_tin, _names(known, new))


def _names(known: dict[str, members.NameAndPccm], lines: list[rules.LedgerLine]) -> dict[str, tuple[str, str]]:
    """The 835 names each member it pays; the worker has just read them."""
    return {ln.member_id: (known[ln.member_id].last_name, known[ln.member_id].first_name)
            for ln in lines if ln.member_id in known}


def pay_cct(unit: str, month: str, run_id: str) -> SiteOutcome:
    """A Community Care Team's PMPM for the members on its panel that month (rate table
    'community_care_team'; $129.50 in 2013, BRIEF section 5)."""
    cct_id = unit.removeprefix(CCT_PREFIX)
    organization = practices.get_organization(cct_id)
    parts = policy_value("health_home_rates", _first(month))["community_care_team"]
    dues = [rules.Due(unit, member_id, month, part["component"], Decimal(part["amount"]))
            for member_id in cct_panels.members_in(cct_id, month) for part in parts]
    new = rules.adjustments(dues, ledger_store.ledger(unit, month), run_id)
    ledger_store.add_lines(new)
    return SiteOutcome(unit, organization.name if organization else cct_id, new, [], cct_id, "")


def _pccm_here(member: members.NameAndPccm | None, site_id: str, first: date) -> bool:
    return bool(member and any(p.provider_id == site_id and p.covers(first) for p in member.pccm))


def distributed() -> bool:
    """Deployed, the CDK app gives the function the PaymentRun state machine's ARN: the Distributed
    Map runs the steps. The local stack (moto runs no Distributed Map) and the tests have none."""
    return settings().state_machines["PaymentRun"].startswith("arn:")


def launch(month: str, run_date: date) -> str:
    """Start the PaymentRun state machine for the month; its execution ARN."""
    started = client("stepfunctions").start_execution(
        stateMachineArn=settings().state_machines["PaymentRun"],
        input=json.dumps({"month": month, "run_date": run_date.isoformat()}))
    return started["executionArn"]


def start(month: str, run_date: date) -> dict:
    """Take the month's lock and list the sites to pay: the Distributed Map's items."""
    now = clock.now()
    run_id = f"PAY-{month}-{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"  # two runs in one second differ
    ledger_store.take_lock(month, run_id, now.isoformat(), (now + timedelta(minutes=LOCK_MINUTES)).isoformat())
    return {"run_id": run_id, "month": month, "run_date": run_date.isoformat(), "sites": _units(month)}


def _units(month: str) -> list[str]:
    return [*attestations.sites_attested(month), *(CCT_PREFIX + cct_id for cct_id in cct_panels.team_ids())]


def finish(month: str, run_id: str, run_date: date, paid: dict[str, SiteOutcome] | None = None) -> dict:
    """After every site is paid: the run's lines remitted and reported; the lock released.

    The Distributed Map's finish step reads each unit's lines back from the ledger (the workers ran
    elsewhere). In process, `paid` holds what each worker returned, the very lines it wrote, so
    they are not read again: reading back cost a sixth of a local run."""
    try:
        outcomes, names = [], {}
        for unit in _units(month):
            if paid is not None and unit in paid:
                lines = paid[unit].lines
                names.update(paid[unit].names)
            else:
                lines = [ln for ln in ledger_store.ledger(unit, month) if ln.run_id == run_id]
            outcomes.append(_outcome_of(unit, month, lines))
        remittances = _remit(outcomes, month, run_id, clock.now(), names)
        report = _report(outcomes, month, run_id, run_date, remittances)
        ledger_store.put_run(month, run_id, report)
        audit_record(f"PAYMENT_RUN#{month}", "PAYMENT_RUN", JOB.email,
                     {k: report[k] for k in ("run_id", "lines", "paid")})
        measure_now({"HealthHomePaymentLines": report["lines"], "HealthHomeSitesPaid": len(outcomes)})
        return report
    finally:
        ledger_store.release_lock(month, run_id)


def _outcome_of(unit: str, month: str, lines: list[rules.LedgerLine]) -> SiteOutcome:
    if unit.startswith(CCT_PREFIX):
        cct_id = unit.removeprefix(CCT_PREFIX)
        organization = practices.get_organization(cct_id)
        return SiteOutcome(unit, organization.name if organization else cct_id, lines, [], cct_id, "")
    site = practices.get_site(unit)
    practice = practices.get_practice(site.practice_id) if site else None
    standing = rules.ncqa_standing(site, month, policy_value("health_home_ncqa", _first(month))) if site else None
    return SiteOutcome(unit, practice.pay_to if practice else "", lines, [standing] if standing else [],
                       practice.trading_partner_id if practice else unit, practice.pay_to_tin if practice else "")


def run(month: str, run_date: date) -> dict:
    """The whole run in this process: start, every site, finish (the local stack's way, and the
    deployed Distributed Map's steps in the same order)."""
    started = start(month, run_date)
    try:
        paid = {site_id: pay_site(site_id, month, started["run_id"]) for site_id in started["sites"]}
    except Exception:
        ledger_store.release_lock(month, started["run_id"])
        raise
    return finish(month, started["run_id"], run_date, paid)


def _remit(outcomes: list[SiteOutcome], month: str, run_id: str, now,
           names: dict[str, tuple[str, str]]) -> list[dict]:
    by_payee: dict[tuple[str, str, str], list[rules.LedgerLine]] = defaultdict(list)
    for outcome in outcomes:
        by_payee[(outcome.pay_to, outcome.partner_id, outcome.tax_id)].extend(outcome.lines)
    written = []
    for (pay_to, partner_id, tax_id), lines in sorted(by_payee.items()):
        if not lines:
            continue
        total = sum((line.amount for line in lines), Decimal("0"))
        body = {"pay_to": pay_to, "month": month, "run_id": run_id, "total": str(total),
                "lines": [{"site_id": ln.site_id, "member_id": ln.member_id, "component": ln.component,
                           "sequence": ln.sequence, "amount": str(ln.amount), "reason": ln.reason} for ln in lines]}
        base = f"remittances/{month}/{run_id}"
        keys = [outbound.put(partner_id, f"{base}.json", json.dumps(body, indent=2))]
        if tax_id:  # the 835's payee is named by tax id; a payee without one gets the JSON only
            unread = {ln.member_id for ln in lines} - names.keys()
            names.update({m.member_id: (m.last_name, m.first_name) for m in members.names_and_pccm(unread).values()})
            keys.append(outbound.put(partner_id, f"{base}.835", write_835(
                Payee(pay_to, tax_id), lines, run_id=run_id, paid_on=now, interchange_control=next_control_number(),
                receiver_id=partner_id, names=names)))
        written.append({"pay_to": pay_to, "total": str(total), "keys": keys})
    return written


def _report(outcomes, month, run_id, run_date, remittances) -> dict:
    lines = [ln for o in outcomes for ln in o.lines]
    return {"run_id": run_id, "month": month, "run_date": run_date.isoformat(), "sites": len(outcomes),
            "lines": len(lines), "paid": str(sum((ln.amount for ln in lines), Decimal("0"))),
            "adjustments": sum(1 for ln in lines if ln.sequence > 1),
            "flags": sorted({f"{o.site_id}:{f}" for o in outcomes for f in o.flags}),
            "remittances": remittances}
