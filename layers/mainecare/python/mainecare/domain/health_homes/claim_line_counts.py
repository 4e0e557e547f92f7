"""Claim lines as the quarterly auto-assignment reads them, and the per-member counts it makes.

A shard is text, one claim line per row, tab-separated (claim ids, NPIs and codes never hold a
tab), the lines of one claim next to each other:

    date of service (YYYYMMDD), claim id, member id, billing NPI, rendering NPI, service facility
    NPI, procedure code

The order serves the worker's speed (bench/assignment.py): the date is the row's first 8
characters (a line outside the window is dropped unread) and the counting key, member and provider
triple (billing = the pay-to that bills, rendering, facility), is one contiguous slice. A worker
turns any number of rows into counts per key: how many claims, how many of them primary care, the
last date of service. A claim counts once per key however many lines it has. Counting is one pass,
memory grows with the keys in one shard, not with the number of shards, and partial counts add up
(merge_text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from valueobjects import record

if TYPE_CHECKING:  # a type only: the payment and panel Lambdas that reach this module never build claims
    from mainecare.domain.claims.model import Claim

COLUMNS = ("service_date", "claim_id", "member_id", "billing_npi", "rendering_npi", "facility_npi",
           "procedure_code")
Triple = tuple[str, str, str]  # billing NPI, rendering NPI, facility NPI
FlatCounts = dict[str, list]  # "member\tbilling\trendering\tfacility" -> [claims, primary care claims, last date]


@record
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
        rows.append("\t".join(_clean(v) for v in (dates.start.strftime("%Y%m%d"), claim_id, member_id,
                                                 claim.billing.npi, rendering, facility, line.procedure_code)))
    return rows


def count_rows(rows: Iterable[str], first: str, last: str, primary_care_codes: frozenset[str],
               counts: FlatCounts | None = None) -> tuple[FlatCounts, int]:
    """Count rows whose date of service is in [first, last] (YYYYMMDD). Returns the counts and the
    number of rows read. The hot loop of the auto-assignment: plain lists and slices on purpose."""
    counts = {} if counts is None else counts
    read = 0
    current_claim = None
    seen: set = set()  # keys already counted for the current claim
    seen_primary: set = set()
    for row in rows:
        read += 1
        day = row[:8]
        if day < first or day > last:
            continue
        parts = row.split("\t", 2)
        if len(parts) != 3:
            continue
        key, _, code = parts[2].rpartition("\t")
        if code[-1:] == "\n":
            code = code[:-1]
        tally = counts.get(key)
        if tally is None:
            tally = counts[key] = [0, 0, day]
        if parts[1] != current_claim:
            current_claim = parts[1]
            seen = {key}
            seen_primary = set()
            tally[0] += 1
        elif key not in seen:
            seen.add(key)
            tally[0] += 1
        if code in primary_care_codes and key not in seen_primary:
            seen_primary.add(key)
            tally[1] += 1
        if day > tally[2]:
            tally[2] = day
    return counts, read


def counts_text(counts: FlatCounts, keys: Iterable[str] | None = None) -> Iterator[str]:
    """Counts as rows: member, billing, rendering, facility, claims, primary care claims, last date."""
    for key in counts if keys is None else keys:
        claims, primary, last = counts[key]
        yield f"{key}\t{claims}\t{primary}\t{last}\n"


def merge_text(rows: Iterable[str], counts: FlatCounts | None = None) -> FlatCounts:
    """Add rows written by counts_text into `counts`."""
    counts = {} if counts is None else counts
    for row in rows:
        key, claims, primary, last = row.rstrip("\n").rsplit("\t", 3)
        known = counts.get(key)
        if known is None:
            counts[key] = [int(claims), int(primary), last]
        else:
            known[0] += int(claims)
            known[1] += int(primary)
            if last > known[2]:
                known[2] = last
    return counts


def by_member(counts: FlatCounts) -> MemberCounts:
    """The counts per member and provider triple; a key that is not four fields is dropped."""
    members: MemberCounts = {}
    for key, (claims, primary, last) in counts.items():
        fields = key.split("\t")
        if len(fields) == 4:
            members.setdefault(fields[0], {})[(fields[1], fields[2], fields[3])] = Tally(claims, primary, last)
    return members


def member_of(key: str) -> str:
    return key.split("\t", 1)[0]
