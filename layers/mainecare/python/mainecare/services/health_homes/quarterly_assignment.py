"""The quarterly Health Home auto-assignment: a year of claim lines -> pending member requests.

Steps (each one a Lambda call of the deployed QuarterlyAssignment state machine, all of them in
process locally and in tests):
  start         the quarter's next batch number; the look-back year's shards listed for the map
  count_shard   one shard's claim lines -> per-member counts (a worker; memory flat in shard count)
  merge         the workers' counts summed, cut into member chunks for the second map
  assign_chunk  each member of a chunk: the site order (domain/health_homes/auto_assignment.py),
                then the existing auto_assign workflow (Stage A, exits, open enrollments, letter,
                28-day timer) with the member's quarter marker in the same transaction
  finish        the report (counts by outcome, by site-order step, by site; no member ids)
Everything is keyed by the batch, so a retried step rewrites its own files and a re-run of the
quarter gets a new batch that writes no member twice (stores/auto_assignments.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, timedelta

from mainecare import clock
from mainecare.config import settings
from mainecare.domain.health_homes import auto_assignment as rules
from mainecare.domain.health_homes.claim_line_counts import by_member, count_rows, counts_text, member_of, merge_text
from mainecare.domain.quarters import quarter_bounds, quarter_of
from mainecare.observability import logger, measure_now
from mainecare.services.health_homes.member_requests import SKIPPED, auto_assign
from mainecare.stores import auto_assignments, claim_lines, members, practices
from mainecare.stores.aws import client
from mainecare.stores.policy import policy_value

MACHINE = "QuarterlyAssignment"


def _policy(letter_date: date) -> dict:
    return policy_value("health_home_auto_assignment", letter_date)


def _run(batch: str) -> dict:
    run = claim_lines.get_json(claim_lines.run_key(batch, "run.json"))
    if run is None:
        raise ValueError(f"no auto-assignment run {batch!r}")
    return run


def start(run_date: date) -> dict:
    quarter = quarter_of(run_date)
    first, last = rules.lookback(quarter_bounds(quarter)[0], _policy(run_date)["lookback_months"])
    batch = auto_assignments.new_batch(quarter, run_date.isoformat())
    shards = [key for month in rules.months_of(first, last)
              for key in claim_lines.keys_under(claim_lines.month_prefix(month))]
    run = {"batch": batch, "quarter": quarter, "run_date": run_date.isoformat(), "letter_date": run_date.isoformat(),
           "lookback_first": first.isoformat(), "lookback_last": last.isoformat(), "shards": len(shards),
           "started_at": clock.now_text()}
    claim_lines.put_json(claim_lines.run_key(batch, "run.json"), run)
    shard_list = claim_lines.run_key(batch, "shards.json")
    claim_lines.put_json(shard_list, [{"key": key} for key in shards])
    return {**run, "shard_list": shard_list}


def _name(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def count_shard(batch: str, shard: str) -> dict:
    run = _run(batch)
    codes = frozenset(_policy(date.fromisoformat(run["letter_date"]))["primary_care_codes"])
    first, last = (run[k].replace("-", "") for k in ("lookback_first", "lookback_last"))
    counts, read = count_rows(claim_lines.read_lines(shard), first, last, codes)
    claim_lines.put_lines(claim_lines.run_key(batch, f"counts/{_name(shard)}.tsv.gz"), counts_text(counts),
                          claim_lines.RUN_FILE_COMPRESSION)
    return {"shard": shard, "lines": read, "keys": len(counts)}


def merge(batch: str) -> dict:
    run = _run(batch)
    counts: dict = {}
    for key in claim_lines.keys_under(claim_lines.run_key(batch, "counts/")):
        merge_text(claim_lines.read_lines(key), counts)
    size = _policy(date.fromisoformat(run["letter_date"]))["members_per_chunk"]
    groups: list[list[str]] = []  # keys sorted put each member's keys together; a chunk never splits one
    members, previous = 0, None
    for key in sorted(counts):
        member = member_of(key)
        if member != previous:
            members += 1
            if not groups or (members - 1) % size == 0:
                groups.append([])
            previous = member
        groups[-1].append(key)
    chunks = []
    for number, keys in enumerate(groups):
        chunk = claim_lines.run_key(batch, f"chunks/{number:05d}.tsv.gz")
        claim_lines.put_lines(chunk, counts_text(counts, keys), claim_lines.RUN_FILE_COMPRESSION)
        chunks.append({"key": chunk})
    chunk_list = claim_lines.run_key(batch, "chunks.json")
    claim_lines.put_json(chunk_list, chunks)
    return {"batch": batch, "chunk_list": chunk_list, "members": members, "chunks": len(chunks)}


def _directory(on: date) -> rules.SiteDirectory:
    sites = [s for s in (practices.get_site(i) for i in practices.all_site_ids()) if s is not None]
    known = {p.practice_id: p for p in (practices.get_practice(i) for i in sorted({s.practice_id for s in sites}))
             if p is not None}
    renderings = [a for practice_id in known for a in practices.rendering_affiliations(practice_id)]
    return rules.SiteDirectory.build(on, known.values(), sites, renderings,
                                     {p.practice_id: p.pay_to_npi for p in known.values()},
                                     {s.site_id: s.service_location_npi for s in sites})


def assign_chunk(batch: str, chunk: str) -> dict:
    run = _run(batch)
    letter_date = date.fromisoformat(run["letter_date"])
    directory = _directory(letter_date)
    counts = by_member(merge_text(claim_lines.read_lines(chunk)))
    outcomes, steps, sites = Counter(), Counter(), Counter()
    for member_id in sorted(counts):
        if auto_assignments.assigned_this_quarter(run["quarter"], member_id):
            outcomes["ALREADY_ASSIGNED_THIS_QUARTER"] += 1
            continue
        member = members.get_member(member_id)
        if member is None:
            outcomes["MEMBER_NOT_FOUND"] += 1
            continue
        choice = rules.choose_site(member, counts[member_id], directory)
        if choice.site_id is None:
            outcomes[choice.step] += 1
            continue
        [(_, _, result)] = auto_assign(batch, letter_date, [(member_id, choice.site_id)], quarter=run["quarter"])
        created = result not in SKIPPED
        outcomes["ASSIGNED" if created else result] += 1
        if created:
            steps[choice.step] += 1
            sites[choice.site_id] += 1
    summary = {"members": len(counts), "outcomes": dict(outcomes), "steps": dict(steps), "sites": dict(sites)}
    claim_lines.put_json(claim_lines.run_key(batch, f"outcomes/{_name(chunk)}.json"), summary)
    return summary


def finish(batch: str) -> dict:
    run = _run(batch)
    outcomes, steps, sites, considered = Counter(), Counter(), Counter(), 0
    for key in claim_lines.keys_under(claim_lines.run_key(batch, "outcomes/")):
        part = claim_lines.get_json(key)
        considered += part["members"]
        outcomes.update(part["outcomes"])
        steps.update(part["steps"])
        sites.update(part["sites"])
    letter_date = date.fromisoformat(run["letter_date"])
    visible_on = letter_date + timedelta(days=_policy(letter_date)["visible_after_days"])
    report = {**run, "finished_at": clock.now_text(), "members_considered": considered,
              "assigned": outcomes.get("ASSIGNED", 0), "outcomes": dict(sorted(outcomes.items())),
              "by_step": dict(sorted(steps.items())), "by_site": dict(sorted(sites.items())),
              "visible_to_practices_on": visible_on.isoformat(),
              "report_key": claim_lines.run_key(batch, "report.json")}
    claim_lines.put_json(report["report_key"], report)
    measure_now({"AutoAssignmentMembersConsidered": considered, "AutoAssignmentLetters": report["assigned"]})
    logger().info("auto-assignment finished", extra={k: report[k] for k in ("batch", "members_considered", "assigned")})
    return report


def distributed() -> bool:
    """Deployed, the function knows the QuarterlyAssignment machine's ARN and the map runs the steps."""
    return settings().state_machines[MACHINE].startswith("arn:")


def launch(run_date: date) -> str:
    started = client("stepfunctions").start_execution(stateMachineArn=settings().state_machines[MACHINE],
                                                      input=json.dumps({"run_date": run_date.isoformat()}))
    return started["executionArn"]


def run(run_date: date) -> dict:
    """Every step in this process, in order: the local stack's and the tests' run of the job."""
    started = start(run_date)
    batch = started["batch"]
    for item in claim_lines.get_json(started["shard_list"]):
        count_shard(batch, item["key"])
    merged = merge(batch)
    for item in claim_lines.get_json(merged["chunk_list"]):
        assign_chunk(batch, item["key"])
    return finish(batch)
