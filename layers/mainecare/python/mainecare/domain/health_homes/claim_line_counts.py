"""Claim lines as the quarterly auto-assignment reads them, and the per-member counts it makes.

A shard is text, one claim line per row, tab-separated (claim ids, NPIs and codes never hold a
tab), the lines of one claim next to each other:

    member id, claim id, date of service (YYYYMMDD), billing NPI, rendering NPI, service facility
    NPI, procedure code

A worker turns any number of rows into counts per member and provider triple (billing = the
pay-to that bills, rendering, facility): how many claims, how many of them primary care, the
last date of service. A claim counts once per triple however many lines it has; a triple with
no line in the window is not counted. Counting is one pass, memory grows with the members and
triples in one shard, not with the number of shards, and partial counts add up (merge).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mainecare.domain.claims.model import Claim

COLUMNS = ("member_id", "claim_id", "service_date", "billing_npi", "rendering_npi", "facility_npi",
           "procedure_code")
Triple = tuple[str, str, str]  # billing NPI, rendering NPI, facility NPI


@dataclass
class Tally:
    claims: int = 0
    primary_care_claims: int = 0
    last_service_date: str = ""  # YYYYMMDD

    def add(self, other: Tally) -> None:
        self.claims += other.claims
        self.primary_care_claims += other.primary_care_claims
        self.last_service_date = max(self.last_service_date, other.last_service_date)


MemberCounts = dict[str, dict[Triple, Tally]]


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").strip()


def claim_rows(claim: Claim, claim_id: str, member_id: str) -> list[str]:
    """The rows of one stored claim (without the newline), a row per line with a date of service."""
    facility = claim.service_location_npi or ""
    rows = []
    for line in claim.lines:
        dates = claim.dates_of(line)
        if dates is None:
            continue
        rendering = line.rendering_npi or claim.rendering_npi or claim.attending_npi
        rows.append("\t".join(_clean(v) for v in (member_id, claim_id, dates.start.strftime("%Y%m%d"),
                                                 claim.billing.npi, rendering, facility, line.procedure_code)))
    return rows


def count_rows(rows: Iterable[str], first: str, last: str, primary_care_codes: frozenset[str],
               counts: MemberCounts | None = None) -> tuple[MemberCounts, int]:
    """Count rows whose date of service is in [first, last] (YYYYMMDD). Returns the counts and the
    number of rows read. A malformed row (not seven fields) is skipped: the extract writes them."""
    counts = {} if counts is None else counts
    read = 0
    current_claim = None
    seen: set = set()  # triples (and primary-care triples) already counted for the current claim
    for row in rows:
        read += 1
        fields = row.rstrip("\n").split("\t")
        if len(fields) != 7:
            continue
        member, claim, day, billing, rendering, facility, code = fields
        if day < first or day > last:
            continue
        if claim != current_claim:
            current_claim = claim
            seen = set()
        triple = (billing, rendering, facility)
        per_member = counts.get(member)
        if per_member is None:
            per_member = counts[member] = {}
        tally = per_member.get(triple)
        if tally is None:
            tally = per_member[triple] = Tally()
        if triple not in seen:
            seen.add(triple)
            tally.claims += 1
        if code in primary_care_codes and (triple, 1) not in seen:
            seen.add((triple, 1))
            tally.primary_care_claims += 1
        if day > tally.last_service_date:
            tally.last_service_date = day
    return counts, read


def counts_text(counts: MemberCounts) -> Iterator[str]:
    """Counts as rows: member, billing, rendering, facility, claims, primary care claims, last date."""
    for member in sorted(counts):
        for (billing, rendering, facility), tally in sorted(counts[member].items()):
            yield (f"{member}\t{billing}\t{rendering}\t{facility}\t{tally.claims}\t"
                   f"{tally.primary_care_claims}\t{tally.last_service_date}\n")


def merge_text(rows: Iterable[str], counts: MemberCounts | None = None) -> MemberCounts:
    """Add rows written by counts_text into `counts`."""
    counts = {} if counts is None else counts
    for row in rows:
        member, billing, rendering, facility, claims, primary, last = row.rstrip("\n").split("\t")
        tally = Tally(int(claims), int(primary), last)
        per_member = counts.setdefault(member, {})
        known = per_member.get((billing, rendering, facility))
        if known is None:
            per_member[(billing, rendering, facility)] = tally
        else:
            known.add(tally)
    return counts
