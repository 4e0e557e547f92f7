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
from datetime import date

from botocore.exceptions import ClientError
from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.config import settings
from mainecare.domain.health_homes.eligibility import Reason
from mainecare.domain.health_homes.panel import Enrollment, HistoryEntry
from mainecare.stores.aws import client
from mainecare.stores.tables import bound_model, gsi1

POINTER, OPEN = "POINTER", "OPEN"


class OpenEnrollmentExists(Exception):
    """The member already has a PENDING or ASSIGNED enrollment (the guard's condition failed)."""


class StatusChanged(Exception):
    """The enrollment is no longer in the status the change expected (someone else decided)."""


class _History(MapAttribute):
    at = UnicodeAttribute()
    status = UnicodeAttribute()
    action = UnicodeAttribute()
    actor = UnicodeAttribute()
    channel = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    execution = UnicodeAttribute(null=True)


class _Reason(MapAttribute):
    code = UnicodeAttribute()
    message = UnicodeAttribute()
    detail = UnicodeAttribute(null=True)
    overridable = BooleanAttribute(default=False)


def _build() -> type[Model]:
    class PanelRecord(Model):
        class Meta:
            pass

        pk = UnicodeAttribute(hash_key=True)
        sk = UnicodeAttribute(range_key=True)
        gsi1pk = UnicodeAttribute(null=True)
        gsi1sk = UnicodeAttribute(null=True)
        by_site = gsi1()
        kind = UnicodeAttribute()  # ENROLLMENT, POINTER, OPEN, BLOCK, NOTICE
        request_id = UnicodeAttribute(null=True)
        member_id = UnicodeAttribute(null=True)
        site_id = UnicodeAttribute(null=True)
        practice_id = UnicodeAttribute(null=True)
        trading_partner_id = UnicodeAttribute(null=True)
        stage = UnicodeAttribute(null=True)
        source = UnicodeAttribute(null=True)
        status = UnicodeAttribute(null=True)
        requested_at = UnicodeAttribute(null=True)
        requested_by = UnicodeAttribute(null=True)
        reasons = ListAttribute(of=_Reason, null=True)
        batch = UnicodeAttribute(null=True)
        letter_date = UnicodeAttribute(null=True)
        last_day_to_opt_out = UnicodeAttribute(null=True)
        assigns_on = UnicodeAttribute(null=True)
        assigned_on = UnicodeAttribute(null=True)
        ended_on = UnicodeAttribute(null=True)
        termination_reason = UnicodeAttribute(null=True)
        moved_to_request_id = UnicodeAttribute(null=True)
        moved_from_request_id = UnicodeAttribute(null=True)
        override_reason = UnicodeAttribute(null=True)
        letter_key = UnicodeAttribute(null=True)
        execution_arn = UnicodeAttribute(null=True)
        decided_at = UnicodeAttribute(null=True)
        decided_by = UnicodeAttribute(null=True)
        updated_at = UnicodeAttribute(null=True)
        history = ListAttribute(of=_History, null=True)
        releases_on = UnicodeAttribute(null=True)  # guard: the member is free from this day
        # blocks and notices
        reason = UnicodeAttribute(null=True)
        since = UnicodeAttribute(null=True)
        notice = UnicodeAttribute(null=True)

    return PanelRecord


def _items() -> type[Model]:
    return bound_model("Panels", _build)


def _table() -> str:
    return settings().table("Panels")


def member_pk(member_id: str) -> str:
    return f"MEMBER#{member_id}"


def request_sk(request_id: str) -> str:
    return f"REQ#{request_id}"


def enrollment_key(member_id: str, request_id: str) -> dict:
    return {"pk": {"S": member_pk(member_id)}, "sk": {"S": request_sk(request_id)}}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _enrollment(item) -> Enrollment:
    return Enrollment(
        request_id=item.request_id, member_id=item.member_id, site_id=item.site_id,
        practice_id=item.practice_id, trading_partner_id=item.trading_partner_id, stage=item.stage,
        source=item.source, status=item.status, requested_at=item.requested_at,
        requested_by=item.requested_by,
        reasons=tuple(Reason(r.code, r.message, r.detail, bool(r.overridable)) for r in item.reasons or ()),
        batch=item.batch, letter_date=_day(item.letter_date),
        last_day_to_opt_out=_day(item.last_day_to_opt_out), assigns_on=_day(item.assigns_on),
        assigned_on=_day(item.assigned_on), ended_on=_day(item.ended_on),
        termination_reason=item.termination_reason, moved_to_request_id=item.moved_to_request_id,
        moved_from_request_id=item.moved_from_request_id, override_reason=item.override_reason,
        letter_key=item.letter_key, execution_arn=item.execution_arn, decided_at=item.decided_at,
        decided_by=item.decided_by,
        history=tuple(HistoryEntry(h.at, h.status, h.action, h.actor, h.channel, h.note)
                      for h in item.history or ()),
    )


# --- reads -------------------------------------------------------------------------------

def get_enrollment(request_id: str) -> Enrollment | None:
    items = _items()
    try:
        pointer = items.get(f"REQ#{request_id}", POINTER, consistent_read=True)
        return _enrollment(items.get(member_pk(pointer.member_id), request_sk(request_id), consistent_read=True))
    except items.DoesNotExist:
        return None


def member_enrollments(member_id: str) -> list[Enrollment]:
    items = _items()
    return [_enrollment(i) for i in items.query(member_pk(member_id), items.sk.startswith("REQ#"),
                                                consistent_read=True)]


def open_enrollment(member_id: str, *, today: date) -> Enrollment | None:
    """The enrollment holding the member's guard on `today`: PENDING, ASSIGNED, or TERMINATED with
    an end date still to come; None when the member is free."""
    items = _items()
    try:
        guard = items.get(member_pk(member_id), OPEN, consistent_read=True)
        if guard.releases_on and guard.releases_on <= today.isoformat():
            return None
        return _enrollment(items.get(member_pk(member_id), request_sk(guard.request_id), consistent_read=True))
    except items.DoesNotExist:
        return None


def site_enrollments(site_id: str) -> list[Enrollment]:
    """Every request ever made at the site, newest first (gsi1; eventually consistent)."""
    items = _items()
    return [_enrollment(i) for i in items.by_site.query(f"SITE#{site_id}", items.gsi1sk.startswith("REQ#"),
                                                        scan_index_forward=False)]


def auto_assignment_blocked(member_id: str, site_id: str) -> bool:
    items = _items()
    try:
        items.get(member_pk(member_id), f"BLOCK#SITE#{site_id}", consistent_read=True)
        return True
    except items.DoesNotExist:
        return False


def notices(provider_id: str) -> list[dict]:
    items = _items()
    return [json.loads(i.notice) for i in items.query(f"NOTICE#{provider_id}", scan_index_forward=False)]


# --- writes ------------------------------------------------------------------------------

def _value(value) -> dict:
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, date):
        return {"S": value.isoformat()}
    return {"S": str(value)}


def history_value(entry: HistoryEntry) -> dict:
    fields = {"at": entry.at, "status": entry.status, "action": entry.action, "actor": entry.actor,
              "channel": entry.channel, "note": entry.note}
    return {"M": {k: {"S": v} for k, v in fields.items() if v is not None}}


def enrollment_item(enrollment: Enrollment) -> dict:
    items = _items()
    record = items(
        member_pk(enrollment.member_id), request_sk(enrollment.request_id), kind="ENROLLMENT",
        gsi1pk=f"SITE#{enrollment.site_id}", gsi1sk=f"REQ#{enrollment.requested_at}#{enrollment.request_id}",
        request_id=enrollment.request_id, member_id=enrollment.member_id, site_id=enrollment.site_id,
        practice_id=enrollment.practice_id, trading_partner_id=enrollment.trading_partner_id,
        stage=enrollment.stage, source=enrollment.source, status=enrollment.status,
        requested_at=enrollment.requested_at, requested_by=enrollment.requested_by,
        reasons=[_Reason(code=r.code, message=r.message, detail=r.detail, overridable=r.overridable)
                 for r in enrollment.reasons],
        batch=enrollment.batch, letter_date=_iso(enrollment.letter_date),
        last_day_to_opt_out=_iso(enrollment.last_day_to_opt_out), assigns_on=_iso(enrollment.assigns_on),
        assigned_on=_iso(enrollment.assigned_on), ended_on=_iso(enrollment.ended_on),
        moved_from_request_id=enrollment.moved_from_request_id, letter_key=enrollment.letter_key,
        decided_at=enrollment.decided_at, decided_by=enrollment.decided_by,
        updated_at=enrollment.requested_at,
    )
    item = record.serialize()
    item["history"] = {"L": [history_value(h) for h in enrollment.history]}
    return item


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def new_enrollment_puts(enrollment: Enrollment, *, take_open: bool, today: date | None = None) -> list[dict]:
    """The enrollment, its request pointer and (for an open one, as of `today`) the member's guard."""
    puts = [
        {"Put": {"TableName": _table(), "Item": enrollment_item(enrollment),
                 "ConditionExpression": "attribute_not_exists(pk)"}},
        {"Put": {"TableName": _table(), "ConditionExpression": "attribute_not_exists(pk)", "Item": {
            "pk": {"S": f"REQ#{enrollment.request_id}"}, "sk": {"S": POINTER}, "kind": {"S": "POINTER"},
            "request_id": {"S": enrollment.request_id}, "member_id": {"S": enrollment.member_id},
            "site_id": {"S": enrollment.site_id}}}},
    ]
    if take_open:
        if today is None:
            raise ValueError("an open enrollment needs the day it opens (today)")
        puts.append(guard_put(enrollment.member_id, enrollment.request_id, enrollment.site_id, today=today))
    return puts


def guard_put(member_id: str, request_id: str, site_id: str, *, today: date) -> dict:
    """Take the member's guard: there is none, or the one there has been released by `today`."""
    return {"Put": {"TableName": _table(),
                    "ConditionExpression": "attribute_not_exists(pk) OR releases_on <= :today",
                    "ExpressionAttributeValues": {":today": {"S": today.isoformat()}}, "Item": {
                        "pk": {"S": member_pk(member_id)}, "sk": {"S": OPEN}, "kind": {"S": "OPEN"},
                        "request_id": {"S": request_id}, "site_id": {"S": site_id}}}}


def guard_release(member_id: str, request_id: str, *, effective: date, today: date) -> dict:
    """Free the member from `effective` (the first day off the panel): now, if that day has come;
    otherwise the guard stays and records the day."""
    key = {"pk": {"S": member_pk(member_id)}, "sk": {"S": OPEN}}
    if effective <= today:
        return {"Delete": {"TableName": _table(), "Key": key, "ConditionExpression": "request_id = :rid",
                           "ExpressionAttributeValues": {":rid": {"S": request_id}}}}
    return {"Update": {"TableName": _table(), "Key": key, "ConditionExpression": "request_id = :rid",
                       "UpdateExpression": "SET releases_on = :on",
                       "ExpressionAttributeValues": {":rid": {"S": request_id}, ":on": {"S": effective.isoformat()}}}}


def guard_repoint(member_id: str, old_request_id: str, new_request_id: str, site_id: str) -> dict:
    return {"Update": {"TableName": _table(), "Key": {"pk": {"S": member_pk(member_id)}, "sk": {"S": OPEN}},
                       "ConditionExpression": "request_id = :old",
                       "UpdateExpression": "SET request_id = :new, site_id = :site",
                       "ExpressionAttributeValues": {":old": {"S": old_request_id}, ":new": {"S": new_request_id},
                                                     ":site": {"S": site_id}}}}


def block_put(member_id: str, site_id: str, reason_code: str, since: date) -> dict:
    return {"Put": {"TableName": _table(), "Item": {
        "pk": {"S": member_pk(member_id)}, "sk": {"S": f"BLOCK#SITE#{site_id}"}, "kind": {"S": "BLOCK"},
        "site_id": {"S": site_id}, "member_id": {"S": member_id}, "reason": {"S": reason_code},
        "since": {"S": since.isoformat()}}}}


def notice_put(provider_id: str, at: str, notice_id: str, notice_json: str) -> dict:
    return {"Put": {"TableName": _table(), "Item": {
        "pk": {"S": f"NOTICE#{provider_id}"}, "sk": {"S": f"{at}#{notice_id}"}, "kind": {"S": "NOTICE"},
        "notice": {"S": notice_json}}}}


def audit_put(audit: dict) -> dict:
    return {"Put": {"TableName": settings().table("Audit"), "Item": audit}}


def status_update(member_id: str, request_id: str, *, expect: Iterable[str], status: str, at: str,
                  entry: HistoryEntry, sets: dict | None = None) -> dict:
    """Update an enrollment's status only if it is still in one of `expect`, appending `entry`."""
    names = {"#status": "status", "#history": "history"}
    values = {":status": {"S": status}, ":now": {"S": at}, ":entry": {"L": [history_value(entry)]},
              ":empty": {"L": []}}
    clauses = ["#status = :status", "updated_at = :now",
               "#history = list_append(if_not_exists(#history, :empty), :entry)"]
    for index, (name, value) in enumerate((sets or {}).items()):
        if value is None:
            continue
        names[f"#f{index}"] = name
        values[f":f{index}"] = _value(value)
        clauses.append(f"#f{index} = :f{index}")
    expected = []
    for index, expected_status in enumerate(expect):
        values[f":e{index}"] = {"S": expected_status}
        expected.append(f":e{index}")
    return {"Update": {"TableName": _table(), "Key": enrollment_key(member_id, request_id),
                       "UpdateExpression": "SET " + ", ".join(clauses),
                       "ConditionExpression": f"#status IN ({', '.join(expected)})",
                       "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}}


def transact(items: list[dict], *, status_index: int | None = 0) -> None:
    """Write all or nothing. A failed guard condition raises OpenEnrollmentExists, a failed status
    condition (item `status_index`) StatusChanged."""
    try:
        client("dynamodb").transact_write_items(TransactItems=items)
    except ClientError as error:
        if error.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        codes = [r.get("Code") for r in error.response.get("CancellationReasons", [])]
        failed = [i for i, code in enumerate(codes) if code == "ConditionalCheckFailed"]
        if status_index is not None and status_index in failed:
            raise StatusChanged() from error
        if any(_touches_guard(items[i]) for i in failed):
            raise OpenEnrollmentExists() from error
        raise


def _touches_guard(item: dict) -> bool:
    body = next(iter(item.values()))
    key = body.get("Key") or body.get("Item", {})
    return key.get("sk", {}).get("S") == OPEN


def set_execution(member_id: str, request_id: str, execution_arn: str) -> None:
    """Remember the timer's execution (not a state change: no history, no audit)."""
    client("dynamodb").update_item(
        TableName=_table(), Key=enrollment_key(member_id, request_id),
        UpdateExpression="SET execution_arn = :arn", ConditionExpression="attribute_exists(pk)",
        ExpressionAttributeValues={":arn": {"S": execution_arn}})
