"""Use cases: a partner's authorization requests and MaineCare's review of them.

A partner sees its own requests (another partner's answer 404, like an unknown id); staff with
authorizations:review see all and decide. Each change commits with its audit entry on condition
that the request did not change meanwhile; a decision then emits an EventBridge event (ids and
status only) and reaches the requesting provider's site as a secure message when the requesting NPI
is a Health Home site's service location.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.authorizations import model as rules
from mainecare.domain.authorizations.model import Authorization, ServiceRequest
from mainecare.domain.claims.npi import npi_error
from mainecare.domain.errors import Conflict, Invalid, NotFound
from mainecare.domain.permissions import AUTHORIZATIONS_REVIEW
from mainecare.stores import attachments, audit, events, practices
from mainecare.stores import authorizations as store
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import ConditionFailed, commit

SOURCE = "mainecare.authorizations"
ATTACHMENT_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _reviewer(identity: Identity) -> bool:
    return identity.may(AUTHORIZATIONS_REVIEW)


def visible(identity: Identity, authorization_id: str, consistent: bool = False) -> Authorization:
    found = store.get(authorization_id, consistent=consistent)
    if found is None or not (_reviewer(identity) or identity.owns(found.trading_partner_id)):
        raise NotFound("authorization", "AUTHORIZATION_NOT_FOUND")
    return found


def due_date(submitted: date, urgent: bool) -> date:
    days = policy_value("authorization_requirements", submitted)["turnaround_days"]
    return submitted + timedelta(days=days["urgent" if urgent else "standard"])


def submit(identity: Identity, kind: str, member_id: str, requesting_npi: str, servicing_npi: str,
           services: list[dict], starts: date, ends: date, diagnoses: list[str]) -> Authorization:
    for label, npi in (("requesting_npi", requesting_npi), ("servicing_npi", servicing_npi)):
        error = npi_error(npi)
        if error:
            raise Invalid("NPI_INVALID", f"{label}: {error.message}")
    requested = tuple(ServiceRequest(s["code_set"], s["code"].strip().upper(), s["units"]) for s in services)
    rules.check_request(kind, requested, starts, ends)
    now = clock.local_now()
    request = Authorization(f"PA-{now:%Y%m%d}-{uuid.uuid4().hex[:10].upper()}", kind, identity.trading_partner_id,
                            member_id, requesting_npi, servicing_npi, requested, starts, ends, tuple(diagnoses),
                            submitted_at=now.isoformat(timespec="milliseconds"))
    commit([*store.new_authorization(request),
            audit.entry(f"AUTH#{request.authorization_id}", "AUTHORIZATION_SUBMITTED", identity,
                        {"kind": kind, "services": len(requested)})])
    return request


def _save(identity: Identity, changed: Authorization, before: Authorization, action: str, details: dict) -> None:
    try:
        commit([*store.changed(changed, before),
                audit.entry(f"AUTH#{changed.authorization_id}", action, identity, details)])
    except ConditionFailed as error:
        raise Conflict("AUTHORIZATION_CHANGED", "The request changed meanwhile; read it again.") from error


def decide(identity: Identity, authorization_id: str, decision: str, *, reason: str = "", units: int | None = None,
           starts: date | None = None, ends: date | None = None, information: str = "") -> Authorization:
    before = visible(identity, authorization_id, consistent=True)
    decided = rules.decide(before, decision, reason=reason, units=units, starts=starts, ends=ends,
                           information=information)
    _save(identity, decided, before, f"AUTHORIZATION_{decided.status}",
          {"approved_units": decided.approved_units, "reason": reason[:200]})
    detail = {"authorization_id": decided.authorization_id, "status": decided.status,
              "trading_partner_id": decided.trading_partner_id, "requesting_npi": decided.requesting_npi}
    events.publish("AuthorizationDecided", detail, source=SOURCE)
    _tell_requesting_site(decided)
    if decided.status == "APPROVED":
        _record_service_starts(identity, decided)
    return decided


def _record_service_starts(identity: Identity, approved: Authorization) -> None:
    """An approval for a section 13 or 17.04 service is the member's service start there: recorded
    so the duplication-of-services rule acts on it (policy authorization_requirements)."""
    from mainecare.domain.members.spans import ServiceSpan
    from mainecare.services.health_homes.panel_changes import record_service
    from mainecare.stores import members

    sections = policy_value("authorization_requirements", approved.approved_starts)["service_sections"]
    started = sorted({sections[s.code] for s in approved.services if s.code in sections})
    if started and members.get_member(approved.member_id) is not None:
        for section in started:
            record_service(identity, approved.member_id, ServiceSpan(
                start=approved.approved_starts, end=approved.approved_ends, section=section,
                provider_id=approved.servicing_npi))


def _tell_requesting_site(decided: Authorization) -> None:
    site = practices.site_at_location(decided.requesting_npi)
    if site is None:
        return  # not a Health Home site: the event alone carries the decision
    from mainecare.services.health_homes.messages import send_from_program

    approved = (f" {decided.approved_units} units from {decided.approved_starts} to {decided.approved_ends}."
                if decided.status == "APPROVED" else "")
    why = f" Reason: {decided.decision_reason}" if decided.decision_reason else ""
    more = f" Information needed: {decided.information_requested}" if decided.information_requested else ""
    send_from_program(site, f"Authorization {decided.authorization_id}: {decided.status}",
                      f"Authorization request {decided.authorization_id} is {decided.status}.{approved}{why}{more}")


def cancel(identity: Identity, authorization_id: str) -> Authorization:
    before = _own(identity, authorization_id)
    cancelled = rules.cancel(before)
    _save(identity, cancelled, before, "AUTHORIZATION_CANCELLED", {})
    return cancelled


def extend(identity: Identity, authorization_id: str, ends: date, more_units: int) -> Authorization:
    before = _own(identity, authorization_id)
    extended = rules.extend(before, ends, more_units)
    _save(identity, extended, before, "AUTHORIZATION_EXTENSION_REQUESTED",
          {"ends": ends.isoformat(), "more_units": more_units})
    return extended


def _own(identity: Identity, authorization_id: str) -> Authorization:
    found = store.get(authorization_id, consistent=True)
    if found is None or not identity.owns(found.trading_partner_id):
        raise NotFound("authorization", "AUTHORIZATION_NOT_FOUND")
    return found


def attachment_upload(identity: Identity, authorization_id: str, content_type: str, size: int) -> dict:
    found = _own(identity, authorization_id)
    if content_type not in ATTACHMENT_TYPES:
        raise Invalid("ATTACHMENT_TYPE_INVALID", f"Attach {', '.join(sorted(ATTACHMENT_TYPES))} only.")
    if not 1 <= size <= MAX_ATTACHMENT_BYTES:
        raise Invalid("ATTACHMENT_TOO_LARGE", f"Attachments are 1 byte to {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB.")
    key = f"{found.trading_partner_id}/{found.authorization_id}/{uuid.uuid4().hex}.{ATTACHMENT_TYPES[content_type]}"
    audit.record(f"AUTH#{authorization_id}", "ATTACHMENT_UPLOAD_ISSUED", identity, {"key": key})
    return {"key": key, **attachments.upload_form(key, content_type, size)}


def page(identity: Identity, status: str | None, member_id: str | None, start: str | None, end: str | None,
         trading_partner_id: str | None, *, limit: int, token: str | None):
    if member_id:
        found, next_token = store.page(f"AUTHS#MEMBER#{member_id}", "gsi2", status=status, start=start, end=end,
                                       limit=limit, token=token)
        return [a for a in found if _reviewer(identity) or identity.owns(a.trading_partner_id)], next_token
    partner = trading_partner_id if trading_partner_id and _reviewer(identity) else identity.trading_partner_id
    return store.page(f"AUTHS#TP#{partner}", "gsi1", status=status, start=start, end=end, limit=limit, token=token)


def review_queue(*, limit: int, token: str | None) -> tuple[list[Authorization], str | None]:
    ids, next_token = store.queue(limit=limit, token=token)
    return [a for a in (store.get(i) for i in ids) if a is not None], next_token
