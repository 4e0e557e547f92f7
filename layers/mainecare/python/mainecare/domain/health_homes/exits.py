"""Who the quarterly auto-assignment must leave alone: every time a member left a panel or refused
a Health Home is kept as an exit, and each run judges the exits by the policy in effect on the
run's letter date, not the one in effect when the exit was recorded.

Later FAQ question 6: "In May 2014, criteria was added to the auto-assignment process to prevent
member reassignment to panels when terminated for the reasons of 'Member no longer served at this
site', 'Member not served at this site', or 'No Longer Wants Health Home Services'" - criteria of
the assignment process, so a termination recorded before May 2014 blocks a run after it too.
Question 5: a member opts out "of Health Home services or assignment to your practice".
How far each blocks (the practice, or every Health Home) is policy: termination reasons carry
`auto_assignment_block`, opt-out scopes `opt_out_blocks` (reasons in the policy files).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from valueobjects import value_object

PRACTICE = "PRACTICE"  # blocks assignment to any site of the practice the member left
ALL_HEALTH_HOMES = "ALL"  # blocks every auto-assignment
OPTED_OUT_PREFIX = "OPTED_OUT_"
OPT_OUT_SCOPES = ("PRACTICE", "HEALTH_HOME_SERVICES")


@value_object
class Exit:
    site_id: str
    practice_id: str
    reason: str  # a termination reason code, or OPTED_OUT_<scope>
    since: date
    request_id: str = ""


def opt_out_reason(scope: str) -> str:
    return OPTED_OUT_PREFIX + scope


def block_scopes(termination_reasons: Iterable[Mapping], opt_out_policy: Mapping) -> dict[str, str]:
    """reason -> PRACTICE or ALL, for every reason that blocks under these policy versions."""
    scopes = {r["code"]: r["auto_assignment_block"] for r in termination_reasons if r.get("auto_assignment_block")}
    scopes.update({opt_out_reason(scope): block for scope, block in opt_out_policy.get("opt_out_blocks", {}).items()
                   if block})
    return scopes


def blocking_exit(exits: Iterable[Exit], practice_id: str, scopes: Mapping[str, str]) -> Exit | None:
    """The first exit that keeps the member from being auto-assigned to this practice, if any."""
    for found in exits:
        scope = scopes.get(found.reason)
        if scope == ALL_HEALTH_HOMES or (scope == PRACTICE and found.practice_id == practice_id):
            return found
    return None
