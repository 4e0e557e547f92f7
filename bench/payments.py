"""Benchmark: the monthly Health Home payment run over attested panel members on in-process moto.

Run: .venv/bin/python bench/payments.py [--members 200000] [--sites 300]

Seeds sites, assigned panel memberships and attestations for January 2026 straight into the tables
(batch writes; not timed), then times `payment_run.run` (every site's dues, the ledger lines, the
remittances and the report) and prints members per second against the issue's target (the whole
run of 200,000 members under 60 s on this CPU), and the DynamoDB write units per member, counted
from the items the run wrote (each ledger line is one item under 1 KB: 1 WU). Every member has a
profile (a coverage span; every other one a PCCM span at the site, so paid HH + PCCM in two lines).

Two peers, measured in the same run:
- the ledger arithmetic alone (domain.payments.adjustments over the same members): what reading
  and writing the store costs on top of the rules;
- the store floor: the least any payment run must do on this store, which is to write the same
  number of ledger lines once and read each site's ledger once (stores.payments, nothing else).
  Its extrapolation to 200,000 members says whether the 60 s target is reachable on moto at all.
moto's in-process DynamoDB stands in for AWS, so the absolute rate is a floor: deployed, the
Distributed Map pays 20 sites at once. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / "layers" / "mainecare" / "python", ROOT):
    sys.path.insert(0, str(extra))
os.environ.update({"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x", "AWS_DEFAULT_REGION": "us-east-1",
                   "POWERTOOLS_METRICS_NAMESPACE": "Bench"})
MONTH = "2026-01"


def _seed(members: int, sites: int) -> None:
    from mainecare.domain.health_homes.members import Member, Practice, Site
    from mainecare.domain.health_homes.panel import Enrollment
    from mainecare.domain.members.spans import CoverageSpan, PccmSpan
    from mainecare.stores import attestations, practices
    from mainecare.stores import members as member_store
    from mainecare.stores.panel_records import enrollment_record, records

    per_site = members // sites
    items = records()
    for s in range(sites):
        practice_id = f"P{s:03d}"
        practices.put_practice(Practice(practice_id, f"Practice {s}", f"TP{s:03d}", f"Pay-to {s}", f"SYS{s:03d}",
                                        pay_to_tin=f"01{s:07d}"))
        site_id = f"S{s:03d}"
        practices.put_site(Site(site_id, practice_id, f"TP{s:03d}", f"SYS{s:03d}", f"Site {s}", True,
                                date(2013, 1, 1), "RECOGNIZED", date(2013, 6, 1), date(2013, 11, 1)))
        saved, profiles = [], []
        with items.batch_write() as batch:
            for m in range(per_site):
                member_id = f"M{s:03d}{m:06d}"
                batch.save(enrollment_record(Enrollment(
                    request_id=f"R{member_id}", member_id=member_id, site_id=site_id, practice_id=practice_id,
                    trading_partner_id=f"TP{s:03d}", stage="A", source="PRACTICE_REQUEST", status="ASSIGNED",
                    requested_at="2025-12-01T00:00:00Z", requested_by="bench", assigned_on=date(2025, 12, 29))))
                saved.append(attestations.AttestedMember(member_id, "DASHBOARD_SCAN", True, "bench",
                                                         "2026-01-22T00:00:00Z"))
                pccm = (PccmSpan(start=date(2020, 1, 1), end=None, provider_id=site_id),) if m % 2 else ()
                profiles.append(Member(member_id, f"First{m}", f"Last{s}", date(1980, 1, 1),
                                       coverage=(CoverageSpan(start=date(2020, 1, 1), end=None, code="MC"),),
                                       pccm=pccm))
        member_store.put_members(profiles)
        attestations.save(site_id, MONTH, saved, final=True, by="bench", at="2026-01-22T00:00:00Z")


def _rules_alone(members: int) -> float:
    from mainecare.domain.health_homes.payments import Due, adjustments

    dues = [Due("S", f"M{n}", MONTH, "HEALTH_HOME", Decimal("12.00")) for n in range(members)]
    started = time.perf_counter()
    adjustments(dues, [], "bench")
    return time.perf_counter() - started


def _store_floor(lines: int, sites: int) -> float:
    """Write `lines` ledger lines across `sites` units once and read each unit's ledger once."""
    from mainecare.domain.health_homes.payments import LedgerLine
    from mainecare.stores import payments as ledger_store

    per_site = lines // sites
    started = time.perf_counter()
    for s in range(sites):
        unit = f"FLOOR{s:03d}"
        ledger_store.add_lines([LedgerLine(unit, f"M{s:03d}{n:06d}", MONTH, "HEALTH_HOME", 1, Decimal("12.00"),
                                           "FLOOR", "") for n in range(per_site)])
        ledger_store.ledger(unit, MONTH)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=200_000)
    parser.add_argument("--sites", type=int, default=300)
    args = parser.parse_args()
    import boto3
    from moto import mock_aws

    from local.provision import provision
    from mainecare.config import reset_settings
    from mainecare.services.health_homes import payment_run
    from mainecare.stores.aws import reset_clients

    with mock_aws():
        reset_settings()
        reset_clients()
        provision(boto3.Session(region_name="us-east-1"))
        began = time.perf_counter()
        _seed(args.members, args.sites)
        seeded = time.perf_counter() - began
        started = time.perf_counter()
        report = payment_run.run(MONTH, date(2026, 2, 1))
        seconds = time.perf_counter() - started
        floor = _store_floor(report["lines"], args.sites)
    paid_members = (args.members // args.sites) * args.sites
    alone = _rules_alone(paid_members)
    print(f"members attested      {paid_members:>10,} across {args.sites} sites (seeded in {seeded:.1f} s, not timed)")
    print(f"payment run           {seconds:>10.1f} s   {paid_members / seconds:>10,.0f} members/s   "
          f"target < 60 s for 200,000: {'MET' if paid_members / seconds * 60 >= 200_000 else 'NOT MET'}"
          f" (extrapolated {200_000 / (paid_members / seconds):.0f} s)")
    print(f"ledger rules alone    {alone:>10.2f} s   {paid_members / alone:>10,.0f} members/s   "
          f"run/rules {seconds / alone:.0f}x")
    print(f"store floor           {floor:>10.1f} s   {paid_members / floor:>10,.0f} members/s   "
          f"run/floor {seconds / floor:.1f}x (extrapolated {200_000 / (paid_members / floor):.0f} s for 200,000: "
          f"{report['lines']:,} lines written once, each site's ledger read once)")
    print(f"ledger lines          {report['lines']:>10,}   paid {report['paid']}   "
          f"write units/member {report['lines'] / paid_members:.2f} (1 WU per line: items under 1 KB)")


if __name__ == "__main__":
    main()
