"""Panels table: Health Home member requests and panel memberships, with their full history.

Keys, and the question each answers:

| item                          | pk                | sk                | gsi1pk      | gsi1sk                     |
|-------------------------------|-------------------|-------------------|-------------|----------------------------|
| enrollment (request -> panel) | MEMBER#<member>   | REQ#<request>     | SITE#<site> | REQ#<requested at>#<request> |
| request pointer               | REQ#<request>     | POINTER           |             |                            |
| open-enrollment guard         | MEMBER#<member>   | OPEN              |             |                            |
| auto-assignment block         | MEMBER#<member>   | BLOCK#SITE#<site> |             |                            |
| provider notice               | NOTICE#<provider> | <at>#<notice id>  |             |                            |

- One enrollment item per request is the whole life of that request: DENIED or PENDING, then
  OPTED_OUT or ASSIGNED, then TERMINATED or MOVED, with every change appended to its `history`
  list in the same write that changes `status`. The opt-out timer's conditional UpdateItem
  (PENDING -> ASSIGNED) writes its audit entry that way, so the state machine touches this table
  and nothing else.
- Member-first partitions: a member's requests, guard and blocks sit in one partition, so "is this
  member already pending or on a panel anywhere", the eligibility inquiry's Health Home history,
  duplication of services and terminations are one strongly consistent Query or GetItem.
- gsi1 lists a site's requests newest first: the Member Request History and the monthly panel
  are one Query on SITE#<site> (a site holds thousands of members, not millions).
- The pointer maps a request id (all the opt-out and opt-in routes know) to its member partition;
  it never changes, so nothing but the create transaction writes it.
- The guard makes "one open (PENDING or ASSIGNED) Health Home enrollment per member" a conditional
  put: two practices requesting one member at once cannot both win. A termination effective in
  the future does not free the member at once: the guard stays, with `releases_on` (the first
  day off the panel), and from that day a new enrollment may take it over. Until then the member
  is still on the panel and no other site can request them.
- Blocks record terminations that stop future auto-assignment of a member to a site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from datetime import date

from mainecare.domain.health_homes.exits import Exit
from mainecare.domain.health_homes.panel import Enrollment, HistoryEntry
from mainecare.stores import transactions
from mainecare.stores.panel_records import (
    enrollment,
    enrollment_record,
    history,
    member_pk,
    reason_record,
    records,
    request_sk,
)
from mainecare.stores.records import day, get_or_none, iso
from mainecare.stores.transactions import Write, delete, save, update
from valueobjects import value_object

POINTER, OPEN = "POINTER", "OPEN"
STATUS, GUARD = "status", "guard"  # what a failed condition in a panel transaction was about

__all__ = ["member_pk", "request_sk"]  # the keys the opt-out timer's input names


class OpenEnrollmentExists(Exception):
    """The member already has a PENDING or ASSIGNED enrollment (the guard's condition failed)."""


class StatusChanged(Exception):
    """The enrollment is no longer in the status the change expected (someone else decided)."""


# --- reads -------------------------------------------------------------------------------

def get_enrollment(request_id: str) -> Enrollment | None:
    items = records()
    pointer = get_or_none(items, request_sk(request_id), POINTER, consistent_read=True)
    found = pointer and get_or_none(items, member_pk(pointer.member_id), request_sk(request_id), consistent_read=True)
    return enrollment(found) if found else None


def member_enrollments(member_id: str) -> list[Enrollment]:
    items = records()
    return [enrollment(i) for i in items.query(member_pk(member_id), items.sk.startswith("REQ#"),
                                               consistent_read=True)]


def open_enrollment(member_id: str, *, today: date) -> Enrollment | None:
    """The enrollment holding the member's guard on `today`: PENDING, ASSIGNED, or TERMINATED with
    an end date still to come; None when the member is free."""
    items = records()
    guard = get_or_none(items, member_pk(member_id), OPEN, consistent_read=True)
    if guard is None or (guard.releases_on and guard.releases_on <= today.isoformat()):
        return None
    found = get_or_none(items, member_pk(member_id), request_sk(guard.request_id), consistent_read=True)
    return enrollment(found) if found else None


@value_object
class Membership:
    """What the attestable-month rule reads of an enrollment: no reasons, no history."""

    request_id: str
    member_id: str
    status: str
    assigned_on: date | None
    ended_on: date | None


# The projection is the record's own fields (the item attributes carry the same names).
MEMBERSHIP_ATTRIBUTES = [f.name for f in fields(Membership)]


def site_memberships(site_id: str) -> list[Membership]:
    """site_enrollments with only the attestable-month rule's attributes (a ProjectionExpression):
    the payment run reads every site's roster, and an enrollment's history and reasons are most of
    its item and of the time to read it."""
    items = records()
    return [Membership(i.request_id, i.member_id, i.status, day(i.assigned_on), day(i.ended_on))
            for i in items.by_site.query(f"SITE#{site_id}", items.gsi1sk.startswith("REQ#"),
                                         attributes_to_get=MEMBERSHIP_ATTRIBUTES)]


def site_enrollments(site_id: str) -> list[Enrollment]:
    """Every request ever made at the site, newest first (gsi1; eventually consistent)."""
    items = records()
    return [enrollment(i) for i in items.by_site.query(f"SITE#{site_id}", items.gsi1sk.startswith("REQ#"),
                                                       scan_index_forward=False)]


def exits(member_id: str) -> list[Exit]:
    """Every time the member left a panel or opted out (domain/health_homes/exits.py)."""
    return [Exit(i.site_id, i.practice_id, i.reason, date.fromisoformat(i.since), i.request_id)
            for i in records().query(member_pk(member_id), records().sk.startswith("EXIT#"), consistent_read=True)]


def notices(provider_id: str) -> list[dict]:
    return [json.loads(i.notice) for i in records().query(f"NOTICE#{provider_id}", scan_index_forward=False)]


# --- writes: planned here, committed together with their audit entry by `transact` --------

def new_enrollment_puts(enrollment: Enrollment, *, take_open: bool, today: date | None = None) -> list[Write]:
    """The enrollment, its request pointer and (for an open one, as of `today`) the member's guard."""
    items = records()
    puts = [save(enrollment_record(enrollment), items.pk.does_not_exist()),
            save(items(request_sk(enrollment.request_id), POINTER, kind="POINTER", request_id=enrollment.request_id,
                       member_id=enrollment.member_id, site_id=enrollment.site_id), items.pk.does_not_exist())]
    if take_open:
        if today is None:
            raise ValueError("an open enrollment needs the day it opens (today)")
        puts.append(guard_put(enrollment.member_id, enrollment.request_id, enrollment.site_id, today=today))
    return puts


def guard_put(member_id: str, request_id: str, site_id: str, *, today: date) -> Write:
    """Take the member's guard: there is none, or the one there has been released by `today`."""
    items = records()
    guard = items(member_pk(member_id), OPEN, kind="OPEN", request_id=request_id, site_id=site_id)
    return save(guard, items.pk.does_not_exist() | (items.releases_on <= today.isoformat()), role=GUARD)


def guard_release(member_id: str, request_id: str, *, effective: date, today: date) -> Write:
    """Free the member from `effective` (the first day off the panel): now, if that day has come;
    otherwise the guard stays and records the day."""
    items = records()
    guard, held = items(member_pk(member_id), OPEN), items.request_id == request_id
    if effective <= today:
        return delete(guard, held, role=GUARD)
    return update(guard, [items.releases_on.set(effective.isoformat())], held, role=GUARD)


def guard_repoint(member_id: str, old_request_id: str, new_request_id: str, site_id: str) -> Write:
    items = records()
    return update(items(member_pk(member_id), OPEN), [items.request_id.set(new_request_id),
                                                      items.site_id.set(site_id)],
                  items.request_id == old_request_id, role=GUARD)


def exit_put(enrollment: Enrollment, reason: str, since: date) -> Write:
    """The record a later auto-assignment run judges (domain/health_homes/exits.py)."""
    return save(records()(member_pk(enrollment.member_id), f"EXIT#{enrollment.request_id}", kind="EXIT",
                          site_id=enrollment.site_id, practice_id=enrollment.practice_id,
                          member_id=enrollment.member_id, request_id=enrollment.request_id, reason=reason,
                          since=since.isoformat()))


def notice_put(provider_id: str, at: str, notice_id: str, notice_json: str) -> Write:
    return save(records()(f"NOTICE#{provider_id}", f"{at}#{notice_id}", kind="NOTICE", notice=notice_json))


def _stored(value):
    return iso(value) if isinstance(value, date) else value if isinstance(value, bool) else str(value)


def status_update(member_id: str, request_id: str, *, expect: Iterable[str], status: str, at: str,
                  entry: HistoryEntry, sets: dict | None = None, removes: Iterable[str] = ()) -> Write:
    """Update an enrollment's status only if it is still in one of `expect`, appending `entry`."""
    items = records()
    actions = [items.status.set(status), items.updated_at.set(at),
               items.history.set((items.history | []).append([history(entry)]))]
    actions += [getattr(items, name).set(_stored(value)) for name, value in (sets or {}).items() if value is not None]
    actions += [getattr(items, name).remove() for name in removes]
    return update(items(member_pk(member_id), request_sk(request_id)), actions, items.status.is_in(*expect),
                  role=STATUS)


def deny_pending(member_id: str, request_id: str, *, at: str, entry: HistoryEntry, reasons) -> Write:
    """A PENDING request ends DENIED with its reasons (the member no longer qualifies on the day it
    would have joined), only if it is still PENDING."""
    items = records()
    actions = [items.status.set("DENIED"), items.updated_at.set(at), items.decided_at.set(at),
               items.decided_by.set("eligibility-rules"), items.reasons.set([reason_record(r) for r in reasons]),
               items.history.set((items.history | []).append([history(entry)]))]
    return update(items(member_pk(member_id), request_sk(request_id)), actions, items.status.is_in("PENDING"),
                  role=STATUS)


def transact(writes: list[Write]) -> None:
    """Write all or nothing. A failed status condition raises StatusChanged, a failed guard
    condition OpenEnrollmentExists."""
    try:
        transactions.commit(writes)
    except transactions.ConditionFailed as error:
        if STATUS in error.roles:
            raise StatusChanged() from error
        if GUARD in error.roles:
            raise OpenEnrollmentExists() from error
        raise


def set_execution(member_id: str, request_id: str, execution_arn: str) -> None:
    """Remember the timer's execution (not a state change: no history, no audit)."""
    items = records()
    items(member_pk(member_id), request_sk(request_id)).update(actions=[items.execution_arn.set(execution_arn)],
                                                               condition=items.pk.exists())
