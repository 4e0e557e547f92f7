"""The weekly licence sync (seed 000; rules in domain/providers/licenses.py, policy/license_sync.json).

Each Monday: every provider licence whose latest span expires within the look-ahead (or has lapsed)
is looked up in the state registry's export (ALMS CSV in the reference bucket, behind the
LicenseRegistry interface). Same number, later expiration: a new span, visible from Tuesday, written
with its audit record in one transaction on the condition that it is new. Title 5 review, not in
the registry, not renewed yet: skipped with the reason. Another licence number held by the same
holder is never applied: it opens a maintenance case. Malformed registry rows are reported and
skipped. The report goes to `licenses/reports/<run date>.json` in the reference bucket.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from mainecare import clock
from mainecare.config import settings
from mainecare.domain.providers.licenses import AlmsExport, LicenseRegistry, due, judge
from mainecare.observability import logger, measure_now
from mainecare.stores import audit as audit_store
from mainecare.stores import maintenance_cases, providers, transactions
from mainecare.stores.aws import client
from mainecare.stores.policy import policy_value

ACTOR = "system:license_sync"


def registry_export(key: str) -> AlmsExport | None:
    s3 = client("s3")
    try:
        body = s3.get_object(Bucket=settings().bucket("ReferenceData"), Key=key)["Body"].read()
    except s3.exceptions.NoSuchKey:
        return None
    return AlmsExport(body.decode("utf-8-sig", errors="replace"))


def _open_license_case(npi: str, number: str, registry: LicenseRegistry, run_date: date) -> bool:
    entry = registry.lookup(number)
    details = {"license_number": number, "found_in": "ALMS", "run_date": run_date.isoformat(),
               **({"status": entry.status, "expires": entry.expires.isoformat(), "profession": entry.profession}
                  if entry else {})}
    return maintenance_cases.open_case(maintenance_cases.MaintenanceCase(
        f"LIC-{npi}-{number}", npi, "ADD_LICENSE", details, maintenance_cases.OPEN, ACTOR, clock.now_text()))


def sync(run_date: date, registry: LicenseRegistry | None = None) -> dict:
    policy = policy_value("license_sync", run_date)
    export = registry_export(policy["registry_key"]) if registry is None else None
    registry = registry or export
    report = {"run_date": run_date.isoformat(), "visible_from": None, "updated": [], "skipped": [],
              "cases_opened": [], "malformed_rows": export.malformed if export else []}
    if registry is None:
        report["status"] = "NO_REGISTRY_FILE"
        return report
    visible = run_date + timedelta(days=policy["visible_after_days"])
    report["visible_from"] = visible.isoformat()
    last = run_date + timedelta(days=policy["look_ahead_days"])
    for npi, number in providers.expiring(last):
        spans = providers.licenses(npi)
        [current] = due([s for s in spans if s.license_number == number], run_date, policy["look_ahead_days"],
                        policy["look_ahead_day_included"]) or [None]
        if current is None:
            continue
        decision = judge(current, registry.lookup(number), run_date, policy["visible_after_days"])
        line = {"npi": npi, "license_number": number}
        if decision.outcome == "UPDATED":
            try:
                transactions.commit([*providers.renewal_writes(npi, current, decision.span), audit_store.entry(
                    f"PROVIDER#{npi}", "LICENSE_RENEWED", ACTOR,
                    {"license_number": number, "expires": decision.span.expires.isoformat(),
                     "visible_from": visible.isoformat()})])
                report["updated"].append({**line, "expires": decision.span.expires.isoformat()})
            except transactions.ConditionFailed:
                report["skipped"].append({**line, "reason": "ALREADY_APPLIED"})
        else:
            report["skipped"].append({**line, "reason": decision.reason})
        known = {s.license_number for s in spans}
        for other in sorted(registry.numbers_of(current.holder) - known) if current.holder else ():
            if _open_license_case(npi, other, registry, run_date):
                report["cases_opened"].append({"npi": npi, "license_number": other})
    report["status"] = "DONE"
    s3_key = f"licenses/reports/{run_date.isoformat()}.json"
    client("s3").put_object(Bucket=settings().bucket("ReferenceData"), Key=s3_key,
                            Body=json.dumps(report, indent=1).encode(), ContentType="application/json")
    report["report_key"] = s3_key
    measure_now({"LicensesUpdated": len(report["updated"]), "LicensesSkipped": len(report["skipped"]),
                 "LicenseCasesOpened": len(report["cases_opened"]),
                 "LicenseRegistryRowsMalformed": len(report["malformed_rows"])})
    logger().info("licence sync", extra={k: len(report[k]) for k in ("updated", "skipped", "cases_opened")})
    return report
