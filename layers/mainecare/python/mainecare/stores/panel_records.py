"""The Panels table's item model and its conversion to and from the domain's Enrollment.

One pynamodb model holds every kind of Panels item (enrollment, request pointer, open-enrollment
guard, auto-assignment block, provider notice: see stores/panels.py for the keys); the attributes
a kind does not use stay absent. The opt-out timer's state machine updates enrollment items
without this code (infra/statemachines/opt_out_timer.asl.json), so the attribute names and the
history entries' layout here are the ones it writes too.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.domain.health_homes.eligibility import Reason
from mainecare.domain.health_homes.panel import Enrollment, HistoryEntry
from mainecare.stores.records import day, iso
from mainecare.stores.tables import IndexedItem, bound_model, gsi1


class History(MapAttribute):
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
    class PanelRecord(IndexedItem):
        class Meta:
            pass

        by_site = gsi1()
        kind = UnicodeAttribute()  # ENROLLMENT, POINTER, OPEN, EXIT, NOTICE
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
        opt_out_scope = UnicodeAttribute(null=True)
        moved_to_request_id = UnicodeAttribute(null=True)
        moved_from_request_id = UnicodeAttribute(null=True)
        override_reason = UnicodeAttribute(null=True)
        letter_key = UnicodeAttribute(null=True)
        execution_arn = UnicodeAttribute(null=True)
        decided_at = UnicodeAttribute(null=True)
        decided_by = UnicodeAttribute(null=True)
        updated_at = UnicodeAttribute(null=True)
        history = ListAttribute(of=History, null=True)
        releases_on = UnicodeAttribute(null=True)  # guard: the member is free from this day
        # blocks and notices
        reason = UnicodeAttribute(null=True)
        since = UnicodeAttribute(null=True)
        notice = UnicodeAttribute(null=True)

    return PanelRecord


def records() -> type[Model]:
    return bound_model("Panels", _build)


def member_pk(member_id: str) -> str:
    return f"MEMBER#{member_id}"


def request_sk(request_id: str) -> str:
    return f"REQ#{request_id}"


def reason_record(reason: Reason) -> _Reason:
    return _Reason(code=reason.code, message=reason.message, detail=reason.detail, overridable=reason.overridable)


def history(entry: HistoryEntry) -> History:
    return History(at=entry.at, status=entry.status, action=entry.action, actor=entry.actor,
                   channel=entry.channel, note=entry.note)


def enrollment(item) -> Enrollment:
    return Enrollment(
        request_id=item.request_id, member_id=item.member_id, site_id=item.site_id,
        practice_id=item.practice_id, trading_partner_id=item.trading_partner_id, stage=item.stage,
        source=item.source, status=item.status, requested_at=item.requested_at,
        requested_by=item.requested_by,
        reasons=tuple(Reason(r.code, r.message, r.detail, bool(r.overridable)) for r in item.reasons or ()),
        batch=item.batch, letter_date=day(item.letter_date),
        last_day_to_opt_out=day(item.last_day_to_opt_out), assigns_on=day(item.assigns_on),
        assigned_on=day(item.assigned_on), ended_on=day(item.ended_on),
        termination_reason=item.termination_reason, opt_out_scope=item.opt_out_scope,
        moved_to_request_id=item.moved_to_request_id,
        moved_from_request_id=item.moved_from_request_id, override_reason=item.override_reason,
        letter_key=item.letter_key, execution_arn=item.execution_arn, decided_at=item.decided_at,
        decided_by=item.decided_by,
        history=tuple(HistoryEntry(h.at, h.status, h.action, h.actor, h.channel, h.note)
                      for h in item.history or ()),
    )


def enrollment_record(enrollment: Enrollment) -> Model:
    return records()(
        member_pk(enrollment.member_id), request_sk(enrollment.request_id), kind="ENROLLMENT",
        gsi1pk=f"SITE#{enrollment.site_id}", gsi1sk=f"REQ#{enrollment.requested_at}#{enrollment.request_id}",
        request_id=enrollment.request_id, member_id=enrollment.member_id, site_id=enrollment.site_id,
        practice_id=enrollment.practice_id, trading_partner_id=enrollment.trading_partner_id,
        stage=enrollment.stage, source=enrollment.source, status=enrollment.status,
        requested_at=enrollment.requested_at, requested_by=enrollment.requested_by,
        reasons=[reason_record(r) for r in enrollment.reasons],
        batch=enrollment.batch, letter_date=iso(enrollment.letter_date),
        last_day_to_opt_out=iso(enrollment.last_day_to_opt_out), assigns_on=iso(enrollment.assigns_on),
        assigned_on=iso(enrollment.assigned_on), ended_on=iso(enrollment.ended_on),
        moved_from_request_id=enrollment.moved_from_request_id, letter_key=enrollment.letter_key,
        decided_at=enrollment.decided_at, decided_by=enrollment.decided_by,
        updated_at=enrollment.requested_at, history=[history(h) for h in enrollment.history],
    )
