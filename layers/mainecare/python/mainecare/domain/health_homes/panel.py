"""Enrollments (a request that may become a panel membership) and the rules that change them.

Statuses: DENIED (ineligible; staff may override to PENDING), PENDING (letter sent, opt-out
period running), OPTED_OUT, ASSIGNED (on the panel), TERMINATED and MOVED (off the panel).
PENDING ends exactly once: the timer, an opt-out and an early opt-in each change it only if it is
still PENDING, so whichever write lands first wins and the others change nothing.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from mainecare.domain.health_homes.members import Member, Site
from mainecare.domain.members.spans import ServiceSpan
from valueobjects import value_object

DENIED = "DENIED"
PENDING = "PENDING"
OPTED_OUT = "OPTED_OUT"
ASSIGNED = "ASSIGNED"
TERMINATED = "TERMINATED"
MOVED = "MOVED"
STATUSES = (DENIED, PENDING, OPTED_OUT, ASSIGNED, TERMINATED, MOVED)
OPEN_STATUSES = frozenset({PENDING, ASSIGNED})  # the member holds the one open enrollment

# Where an enrollment came from.
PRACTICE_REQUEST = "PRACTICE_REQUEST"
AUTO_ASSIGN = "AUTO_ASSIGN"
STAGE_B_ADDITION = "STAGE_B_ADDITION"
MOVE = "MOVE"
MEMBER_TRANSFER = "MEMBER_TRANSFER"  # later FAQ q7: the member called Member Services to change systems
TRANSFER_REQUEST = "TRANSFER_REQUEST"  # later FAQ q7: a practice of another system requested the member
TRANSFERRED = "MEMBER_TRANSFERRED"  # the termination reason of the membership a transfer ends

DUPLICATION_OF_SERVICES = "DUPLICATION_OF_SERVICES"


@value_object
class HistoryEntry:
    at: str  # ISO 8601 UTC
    status: str
    action: str
    actor: str
    channel: str | None = None
    note: str | None = None


@value_object
class Enrollment:
    request_id: str
    member_id: str
    site_id: str
    practice_id: str
    trading_partner_id: str
    stage: str  # "A" or "B"
    source: str
    status: str
    requested_at: str
    requested_by: str
    reasons: tuple = ()  # eligibility.Reason values of a DENIED request (kept after an override)
    batch: str | None = None
    letter_date: date | None = None
    last_day_to_opt_out: date | None = None
    assigns_on: date | None = None  # the day the timer assigns (day 29)
    assigned_on: date | None = None  # the day the member actually joined the panel
    ended_on: date | None = None  # first day off the panel
    termination_reason: str | None = None
    opt_out_scope: str | None = None  # PRACTICE or HEALTH_HOME_SERVICES (later FAQ q5)
    moved_to_request_id: str | None = None
    moved_from_request_id: str | None = None
    override_reason: str | None = None
    letter_key: str | None = None
    execution_arn: str | None = None
    decided_at: str | None = None
    decided_by: str | None = None
    history: tuple[HistoryEntry, ...] = field(default=())

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def summary_reason(self) -> str | None:
        """The portal's 'Reason' column: auto-assignments show their batch and opt-out start."""
        if self.source == AUTO_ASSIGN and self.batch:
            return f"Auto Assign Batch {self.batch}; opt-out period began {self.letter_date.isoformat()}"
        if self.source == STAGE_B_ADDITION:
            return "Stage B addition (no opt-out period)"
        if self.source == MOVE and self.moved_from_request_id:
            return f"Moved within the system from request {self.moved_from_request_id}"
        if self.source == TRANSFER_REQUEST and self.moved_from_request_id:
            return (f"Transfer from another system (request {self.moved_from_request_id}): the member "
                    f"leaves that panel on {self.assigns_on} unless they opt out")
        if self.source == MEMBER_TRANSFER:
            return "Transferred at the member's request (Member Services; no opt-out period)"
        return None


@value_object
class TerminationReason:
    code: str
    label: str
    blocks_auto_assignment: bool


class RuleViolation(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def termination_reasons(policy: list[dict]) -> dict[str, TerminationReason]:
    return {r["code"]: TerminationReason(r["code"], r["label"], bool(r.get("auto_assignment_block")))
            for r in policy}


def check_termination(enrollment: Enrollment, reason_code: str, effective: date,
                      policy: list[dict]) -> TerminationReason:
    reasons = termination_reasons(policy)
    if reason_code not in reasons:
        raise RuleViolation("UNKNOWN_TERMINATION_REASON",
                            f"Use one of the termination reasons: {', '.join(sorted(reasons))}.")
    if enrollment.status != ASSIGNED:
        raise RuleViolation("NOT_ON_PANEL", "The member is not on this site's panel.")
    if enrollment.assigned_on and effective < enrollment.assigned_on:
        raise RuleViolation("EFFECTIVE_BEFORE_ASSIGNMENT",
                            "A termination cannot take effect before the member joined the panel.")
    return reasons[reason_code]


def check_move(enrollment: Enrollment, from_site: Site, to_site: Site, effective: date) -> None:
    """Staff move a member between sites of one system umbrella without a new request."""
    if enrollment.status != ASSIGNED:
        raise RuleViolation("NOT_ON_PANEL", "The member is not on this site's panel.")
    if from_site.site_id == to_site.site_id:
        raise RuleViolation("SAME_SITE", "The member is already at that site.")
    if from_site.system_id != to_site.system_id:
        raise RuleViolation("DIFFERENT_SYSTEM", "Moves stay within one system umbrella; a member "
                            "going to another system is terminated here and requested there.")
    if not to_site.is_health_home_on(effective):
        raise RuleViolation("SITE_NOT_HEALTH_HOME", "The destination site is not a Health Home then.")
    if enrollment.assigned_on and effective <= enrollment.assigned_on:
        raise RuleViolation("EFFECTIVE_BEFORE_ASSIGNMENT", "A move takes effect after the member joined.")


@value_object
class DuplicationOutcome:
    duplicative: bool
    disenroll: bool
    cct_provider_id: str | None = None  # who gets the notice with the new service's provider


def duplication_outcome(member: Member, enrollment: Enrollment | None, service: ServiceSpan,
                        duplicative_sections: frozenset[str], cct_section: str) -> DuplicationOutcome:
    """A Stage A member who starts a duplicative service (TCM, Community Integration ...) leaves the
    panel with 'Duplication of services' unless receiving CCT services; then both providers are
    told and the member chooses (later FAQ, questions 14 and 16)."""
    if (enrollment is None or enrollment.stage != "A" or enrollment.status != ASSIGNED
            or service.section not in duplicative_sections):
        return DuplicationOutcome(False, False)
    cct = [s for s in member.services_on(service.start) if s.section == cct_section]
    if cct:
        return DuplicationOutcome(True, False, cct[0].provider_id)
    return DuplicationOutcome(True, True)
