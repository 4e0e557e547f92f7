"""Use case: a member eligibility file arrived in the reference bucket; load it into the members table.

Rows that cannot be read are skipped and reported; the others are upserted member by member
(identity and coverage spans; the Health Home data stays), so a file loaded twice changes nothing
the second time. A file that cannot be read at all loads nothing and is not retried. Either way
a report lands beside the file (stores/member_files.py) and the outcome carries counts only.
"""

from __future__ import annotations

from dataclasses import field

from mainecare import clock
from mainecare.domain.members.eligibility_file import MemberFile, MemberFileFormatError, parse_member_csv
from mainecare.stores import audit, member_files, members
from valueobjects import value_object

FEED = "MEMBER_FEED"
is_member_file = member_files.is_member_file  # the handler dispatches on it


@value_object
class MemberLoadOutcome:
    loaded: bool
    rows_read: int = 0
    rows_skipped: int = 0
    members_loaded: int = 0
    error_code: str | None = None
    reason: str = ""
    skipped: tuple = field(default=(), repr=False)  # SkippedRow: row, column, reason code

    def as_dict(self) -> dict:
        """For logs and metrics: counts and codes, never a row's content."""
        return {k: v for k, v in self.__dict__.items() if k != "skipped" and v not in (None, "")}


def write_members(parsed: MemberFile) -> int:
    for record in parsed.members:
        members.put_member_coverage(record)
    # What a member's coverage is on the day a pending Health Home request would assign them may
    # have changed: re-judge those requests (issue 16 item 7, services/health_homes/assignment_day).
    # Imported here, not at the top: reference_ingest's cold start (crosswalk loads mostly) then
    # carries none of the Health Home code (bench/coldstart.py).
    from mainecare.services.health_homes import assignment_day

    assignment_day.recheck(record.member_id for record in parsed.members)
    return len(parsed.members)


def load_member_file(data: bytes, file_key: str, version_id: str | None = None,
                     actor: str = "reference_ingest") -> MemberLoadOutcome:
    try:
        parsed = parse_member_csv(data)
    except MemberFileFormatError as error:
        outcome = MemberLoadOutcome(False, error_code=error.code, reason=str(error))
        audit.record(FEED, "REJECTED", actor, {"file": file_key, "code": error.code})
    else:
        loaded = write_members(parsed)
        outcome = MemberLoadOutcome(True, parsed.rows_read, len(parsed.skipped), loaded, skipped=parsed.skipped)
        audit.record(FEED, "LOADED", actor, {"file": file_key, "rows": parsed.rows_read,
                                             "skipped": len(parsed.skipped), "members": loaded})
    member_files.put_report(file_key, {
        **outcome.as_dict(), "file": file_key, "source_version_id": version_id or "",
        "skipped": [row.to_dict() for row in outcome.skipped],
        "at": clock.now_text(),
    })
    return outcome


def load_member_object(bucket: str, key: str, actor: str = "reference_ingest") -> MemberLoadOutcome:
    data, version_id = member_files.read_object(bucket, key)
    return load_member_file(data, key, version_id, actor)
