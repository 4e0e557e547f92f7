"""Member requests: a practice (or the quarterly auto-assignment) asks for a member; MaineCare
checks eligibility, sends the letter and starts the 28-day opt-out timer. Stage B additions join
at once. Staff can override a Stage A denial caused by earlier Stage B services.

Each change is one DynamoDB transaction: the enrollment item (with its history entry), the request
pointer, the member's open-enrollment guard and the audit record. Events go out after it commits.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict
from mainecare.domain.health_homes import eligibility, exits
from mainecare.domain.health_homes.dates import OptOutCalendar, opt_out_calendar
from mainecare.domain.health_homes.members import Member, Site
from mainecare.domain.health_homes.panel import (
    ASSIGNED,
    AUTO_ASSIGN,
    DENIED,
    PENDING,
    PRACTICE_REQUEST,
    STAGE_B_ADDITION,
    TRANSFER_REQUEST,
    Enrollment,
)
from mainecare.services.health_homes import member_letters, transfers
from mainecare.services.health_homes.common import (
    announce,
    audit,
    conflict,
    entry,
    new_request_id,
    not_found,
    rules_on,
    visible_enrollment,
    visible_site,
)
from mainecare.stores import auto_assignments, members, panels, practices, timer
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import ConditionFailed

AUTO_ASSIGN_ACTOR = "system:auto-assign"


def _member(member_id: str) -> Member:
    member = members.get_member(member_id)
    if member is None:
        raise not_found("member")
    return member


def _refuse_if_open(member_id: str, site_id: str, today: date) -> Enrollment | None:
    """The member's open enrollment if it is a PENDING request at this very site (a retry) or a
    membership in another system that a request from here may transfer (later FAQ q7); a conflict
    if the member is pending anywhere else, or on a panel of this site's own system."""
    existing = panels.open_enrollment(member_id, today=today)
    if existing is None:
        return None
    if existing.site_id == site_id and existing.status == PENDING:
        return existing
    leaving = f" until {existing.ended_on.isoformat()}" if existing.ended_on else ""
    if existing.site_id == site_id:
        raise conflict("ALREADY_ON_PANEL", f"The member is on this site's panel{leaving}.")
    if existing.status == PENDING:
        raise conflict("MEMBER_REQUEST_PENDING", "The member already has a pending Health Home request.")
    if existing.status == ASSIGNED and _other_system(existing.site_id, site_id):
        return existing  # a transfer request (later FAQ q7)
    if leaving:
        raise conflict("MEMBER_ON_ANOTHER_PANEL", f"The member is on another Health Home panel{leaving} "
                       "(a termination effective then); request the member from that day.")
    raise conflict("MEMBER_ON_ANOTHER_PANEL", "The member is on another panel of this system; staff move "
                   "the member within the system.")


def _other_system(from_site_id: str, to_site_id: str) -> bool:
    here, there = practices.get_site(from_site_id), practices.get_site(to_site_id)
    return bool(here and there and here.system_id != there.system_id)


def _base(site: Site, member: Member, *, request_id: str, stage: str, source: str, status: str, actor: str,
          at: str, **fields) -> Enrollment:
    return Enrollment(request_id=request_id, member_id=member.member_id, site_id=site.site_id,
                      practice_id=site.practice_id, trading_partner_id=site.trading_partner_id, stage=stage,
                      source=source, status=status, requested_at=at, requested_by=actor, **fields)


def start_timer(enrollment: Enrollment, deadline: datetime | None = None) -> str:
    """Start (idempotently: name = request id) the execution that assigns on day 29."""
    calendar_deadline = datetime.combine(enrollment.assigns_on, datetime.min.time(), tzinfo=clock.zone())
    # The Wait state counts on AWS's clock: when the local stack's clock is set, wait until the
    # system time at which ours shows the deadline (deployed the two are the same).
    when = clock.to_system(deadline or calendar_deadline).astimezone(UTC)
    arn = timer.start(enrollment.request_id, {
        "enrollment_pk": panels.member_pk(enrollment.member_id),
        "enrollment_sk": panels.request_sk(enrollment.request_id),
        "request_id": enrollment.request_id, "site_id": enrollment.site_id,
        "deadline": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "assigns_on": enrollment.assigns_on.isoformat()})
    panels.set_execution(enrollment.member_id, enrollment.request_id, arn)
    return arn


def _letter_fields(site: Site, member: Member, request_id: str, letter_date: date) -> tuple[OptOutCalendar, dict]:
    policy = policy_value("health_home_opt_out", letter_date)
    calendar = opt_out_calendar(letter_date, policy["days"], clock.zone(policy["timezone"]))
    key = member_letters.send(member, site, calendar, policy, request_id)
    return calendar, {"letter_date": calendar.letter_date, "last_day_to_opt_out": calendar.last_day_to_opt_out,
                      "assigns_on": calendar.assigned_on, "letter_key": key}


def _create_pending(site: Site, member: Member, *, actor: str, letter_date: date, source: str,
                    batch: str | None, timer_deadline: datetime | None, today: date,
                    transfer_from: Enrollment | None = None, also: tuple = ()) -> Enrollment:
    request_id = new_request_id(letter_date)
    _, fields = _letter_fields(site, member, request_id, letter_date)
    at = clock.now_text()
    action = "AUTO_ASSIGN_LETTER_SENT" if source == AUTO_ASSIGN else "LETTER_SENT"
    enrollment = _base(site, member, request_id=request_id, stage="A", source=source, status=PENDING,
                       actor=actor, at=at, batch=batch, history=(entry(PENDING, action, actor, at=at),),
                       moved_from_request_id=transfer_from.request_id if transfer_from else None, **fields)
    if transfer_from is None:
        writes = panels.new_enrollment_puts(enrollment, take_open=True, today=today)
    else:
        writes = transfers.request_writes(transfer_from, enrollment, actor, at)
    try:
        panels.transact([*writes, *also, audit(enrollment, action, actor, status=PENDING, batch=batch,
                                         letter_date=enrollment.letter_date, assigns_on=enrollment.assigns_on,
                                         transfer_from=enrollment.moved_from_request_id)])
    except panels.StatusChanged as error:
        raise conflict("MEMBER_ON_ANOTHER_PANEL", "The member's other membership changed meanwhile; "
                       "request the member again.") from error
    except panels.OpenEnrollmentExists as error:
        raise conflict("MEMBER_REQUEST_PENDING", "The member already has an open Health Home "
                       "enrollment.") from error
    arn = start_timer(enrollment, timer_deadline)
    announce("MemberRequestPending", enrollment, actor, status=PENDING, source=source, batch=batch,
             letter_date=enrollment.letter_date.isoformat(), assigns_on=enrollment.assigns_on.isoformat())
    return replace(enrollment, execution_arn=arn)


def request_member(identity: Identity, site_id: str, member_id: str, *, today: date | None = None,
                   timer_deadline: datetime | None = None) -> Enrollment:
    """A practice requests a member. Ineligible: a DENIED request with reasons. Eligible: PENDING,
    letter sent, timer started. The same request again while pending returns it (idempotent).
    `timer_deadline` fires the timer early (drills and tests); the member still joins on day 29."""
    on = today or clock.today()
    site = visible_site(identity, site_id)
    member = _member(member_id)
    existing = _refuse_if_open(member.member_id, site.site_id, on)
    if existing is not None and existing.status == PENDING:  # a retry of this very request
        if not existing.execution_arn:
            return replace(existing, execution_arn=start_timer(existing, timer_deadline))
        return existing
    source = TRANSFER_REQUEST if existing is not None else PRACTICE_REQUEST
    reasons = eligibility.site_reasons(site, on) + list(eligibility.stage_a(member, on, rules_on(on)).reasons)
    reasons = reasons or _reasons_on_assignment_day(member, on)
    if reasons:
        return _deny(site, member, identity.email, "A", source, reasons)
    return _create_pending(site, member, actor=identity.email, letter_date=on, source=source,
                           batch=None, timer_deadline=timer_deadline, today=on, transfer_from=existing)


def _reasons_on_assignment_day(member: Member, letter_date: date) -> list:
    """Day 29 re-checks eligibility (issue 16 item 7): a coverage end or a service already on file
    that disqualifies the member on the day they would join stops the request now
    (services/health_homes/assignment_day.py re-judges pending requests when the data changes)."""
    policy = policy_value("health_home_opt_out", letter_date)
    day = opt_out_calendar(letter_date, policy["days"], clock.zone(policy["timezone"])).assigned_on
    return list(eligibility.stage_a(member, day, rules_on(day)).reasons)


def _deny(site: Site, member: Member, actor: str, stage: str, source: str, reasons) -> Enrollment:
    at = clock.now_text()
    enrollment = _base(site, member, request_id=new_request_id(), stage=stage, source=source, status=DENIED,
                       actor=actor, at=at, reasons=tuple(reasons), decided_at=at, decided_by="eligibility-rules",
                       history=(entry(DENIED, "REQUEST_DENIED", actor, at=at),))
    panels.transact([*panels.new_enrollment_puts(enrollment, take_open=False),
                     audit(enrollment, "REQUEST_DENIED", actor, status=DENIED,
                           reasons=[r.code for r in reasons])])
    announce("MemberRequestDenied", enrollment, actor, status=DENIED, reasons=[r.code for r in reasons])
    return enrollment


SKIPPED = frozenset({"NOT_FOUND", "AUTO_ASSIGNMENT_BLOCKED", "ALREADY_ENROLLED", "NOT_ELIGIBLE",
                     "ALREADY_ASSIGNED_THIS_QUARTER"})  # auto_assign's answers that are not a request id


def auto_assign(batch: str, letter_date: date, candidates, *, timer_deadline: datetime | None = None,
                quarter: str | None = None) -> list[tuple[str, str, str]]:
    """The quarterly auto-assignment's letters: (member id, site id) pairs from the claims analysis.
    Skips members an earlier termination or opt-out keeps from this practice or from every Health
    Home (exits.py), members already enrolled and members not eligible on the letter date.
    Returns (member id, site id, request id or skip code).
    With `quarter`, each request is written with the member's marker for that quarter (one letter
    per member and quarter, however often the quarter's run is repeated)."""
    today = clock.today()  # whether a member is still on another panel is a question about now
    # Judged by the rules of the run's date, whenever each exit was recorded (later FAQ q6).
    blocks = exits.block_scopes(policy_value("health_home_termination_reasons", letter_date),
                                policy_value("health_home_opt_out", letter_date))
    return [(member_id, site_id, _auto_assign_one(batch, letter_date, member_id, site_id, blocks, today,
                                                  timer_deadline, quarter)) for member_id, site_id in candidates]


def _auto_assign_one(batch: str, letter_date: date, member_id: str, site_id: str, blocks, today: date,
                     timer_deadline: datetime | None, quarter: str | None) -> str:
    site, member = practices.get_site(site_id), members.get_member(member_id)
    if site is None or member is None:
        return "NOT_FOUND"
    if exits.blocking_exit(panels.exits(member_id), site.practice_id, blocks):
        return "AUTO_ASSIGNMENT_BLOCKED"
    if panels.open_enrollment(member_id, today=today) is not None:
        return "ALREADY_ENROLLED"
    if (eligibility.site_reasons(site, letter_date, new_patient=False)
            or not eligibility.stage_a(member, letter_date, rules_on(letter_date)).eligible
            or _reasons_on_assignment_day(member, letter_date)):
        return "NOT_ELIGIBLE"
    also = (auto_assignments.quarter_marker(quarter, member_id, batch, site_id),) if quarter else ()
    try:
        return _create_pending(site, member, actor=AUTO_ASSIGN_ACTOR, letter_date=letter_date, source=AUTO_ASSIGN,
                               batch=batch, timer_deadline=timer_deadline, today=today, also=also).request_id
    except ConditionFailed as error:
        if auto_assignments.QUARTER_MARKER not in error.roles:
            raise
        return "ALREADY_ASSIGNED_THIS_QUARTER"
    except Conflict:  # another request for the member was written meanwhile
        return "ALREADY_ENROLLED"


def add_stage_b(identity: Identity, site_id: str, member_id: str, *, today: date | None = None) -> Enrollment:
    """A BHH-certified member whose BHH organization has an MOU with this practice joins at once."""
    on = today or clock.today()
    site = visible_site(identity, site_id)
    member = _member(member_id)
    existing = _refuse_if_open(member.member_id, site.site_id, on)
    if existing is not None and existing.status == PENDING:
        raise conflict("MEMBER_REQUEST_PENDING", "The member already has a pending request at this site.")
    if existing is not None:  # Stage B additions join at once: no transfer without the member's letter
        raise conflict("MEMBER_ON_ANOTHER_PANEL", "The member is on another Health Home panel; that site "
                       "terminates the member first, or the member calls Member Services to transfer.")
    decision = eligibility.stage_b(member, on, rules_on(on), practices.affiliations(site.practice_id))
    reasons = eligibility.site_reasons(site, on, new_patient=False) + list(decision.reasons)
    if reasons:
        return _deny(site, member, identity.email, "B", STAGE_B_ADDITION, reasons)
    at = clock.now_text()
    enrollment = _base(site, member, request_id=new_request_id(on), stage="B", source=STAGE_B_ADDITION,
                       status=ASSIGNED, actor=identity.email, at=at, assigned_on=on, decided_at=at,
                       decided_by=identity.email, history=(entry(ASSIGNED, "STAGE_B_ADDED", identity.email, at=at),))
    try:
        panels.transact([*panels.new_enrollment_puts(enrollment, take_open=True, today=on),
                         audit(enrollment, "STAGE_B_ADDED", identity.email, status=ASSIGNED, assigned_on=on)])
    except panels.OpenEnrollmentExists as error:
        raise conflict("MEMBER_REQUEST_PENDING", "The member already has an open Health Home "
                       "enrollment.") from error
    announce("StageBMemberAdded", enrollment, identity.email, status=ASSIGNED, assigned_on=on.isoformat())
    return enrollment


def override(identity: Identity, request_id: str, reason: str, *, today: date | None = None,
             timer_deadline: datetime | None = None) -> Enrollment:
    """Staff override a Stage A denial caused by earlier Stage B services: the request becomes
    PENDING with a letter dated today, and the reason is recorded on it."""
    on = today or clock.today()
    denied = visible_enrollment(identity, request_id)
    site = visible_site(identity, denied.site_id)
    member = _member(denied.member_id)
    if denied.status != DENIED or denied.stage != "A":
        raise conflict("NOT_OVERRIDABLE", "Only a denied Stage A request can be overridden.")
    now_reasons = eligibility.site_reasons(site, on) + list(eligibility.stage_a(member, on, rules_on(on)).reasons)
    if not now_reasons or not all(r.overridable for r in now_reasons):
        raise conflict("NOT_OVERRIDABLE", "Only an ineligibility caused by earlier Stage B services alone "
                       "can be overridden; request the member again if nothing stands in the way.")
    _, fields = _letter_fields(site, member, request_id, on)
    actor = identity.email
    item = panels.status_update(member.member_id, request_id, expect=[DENIED], status=PENDING,
                                at=clock.now_text(), entry=entry(PENDING, "STAGE_B_DENIAL_OVERRIDDEN", actor,
                                                                 note=reason),
                                sets={**fields, "override_reason": reason, "decided_by": actor})
    pending = replace(denied, status=PENDING, **fields, override_reason=reason)
    try:
        panels.transact([item, panels.guard_put(member.member_id, request_id, site.site_id, today=on),
                         audit(pending, "STAGE_B_DENIAL_OVERRIDDEN", actor, status=PENDING,
                               assigns_on=pending.assigns_on)])
    except panels.StatusChanged as error:
        raise conflict("REQUEST_ALREADY_DECIDED", "The request is no longer denied.") from error
    except panels.OpenEnrollmentExists as error:
        raise conflict("MEMBER_REQUEST_PENDING", "The member already has an open Health Home "
                       "enrollment.") from error
    start_timer(pending, timer_deadline)
    announce("MemberRequestPending", pending, actor, status=PENDING, source=pending.source, override=True,
             assigns_on=pending.assigns_on.isoformat())
    return panels.get_enrollment(request_id)
