"""Use cases: a trading partner asks MaineCare to add an NDC/HCPCS pair; staff decide.

An approved pair becomes a third validation source (after the CMS ASP and PDAC crosswalks) from
its effective date; functions see it at their next reference refresh.
"""

from __future__ import annotations

import uuid

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict, Invalid
from mainecare.domain.ndc import hcpcs_error, normalize_hcpcs, normalize_ndc
from mainecare.domain.permissions import NDC_COMBINATION_REVIEW
from mainecare.models.combination_requests import (
    CombinationDecisionRequest,
    CombinationRequestCreate,
    CombinationRequestView,
)
from mainecare.stores import combination_requests as store


def submit(identity: Identity, body: CombinationRequestCreate) -> CombinationRequestView:
    parsed = normalize_ndc(body.ndc)  # no guessing from reference data: a request names one NDC
    if not parsed.format_valid:
        raise Invalid(parsed.errors[0].code, parsed.errors[0].message)
    if (error := hcpcs_error(body.hcpcs)) is not None:
        raise Invalid(error.code, error.message)
    request = {"request_id": uuid.uuid4().hex, "trading_partner_id": identity.trading_partner_id,
               "ndc11": parsed.ndc11, "hcpcs": normalize_hcpcs(body.hcpcs), "reason": body.reason,
               "status": "PENDING", "requested_by": identity.email,
               "requested_at": clock.now().isoformat(timespec="seconds")}
    store.put_request(request, identity.email)
    return CombinationRequestView(**request)


def visible(identity: Identity, request: dict | None) -> bool:
    return request is not None and (identity.may(NDC_COMBINATION_REVIEW)
                                    or identity.owns(request["trading_partner_id"]))


def list_for(identity: Identity) -> list[CombinationRequestView]:
    found = [r for r in store.list_requests() if visible(identity, r)]
    return [CombinationRequestView(**r) for r in sorted(found, key=lambda r: r["requested_at"])]


def decide(identity: Identity, request_id: str, body: CombinationDecisionRequest) -> CombinationRequestView | None:
    request = store.get_request(request_id)
    if request is None:
        return None
    if request["status"] != "PENDING":
        raise Conflict("ALREADY_DECIDED", f"This request was already {request['status']}.")
    effective_from = body.effective_from or clock.today()
    decision = {"status": body.decision, "decided_by": identity.email, "note": body.note,
                "decided_at": clock.now().isoformat(timespec="seconds")}
    if body.decision == "APPROVED":
        decision["effective_from"] = effective_from.isoformat()
    pair = (request["ndc11"], request["hcpcs"], effective_from) if body.decision == "APPROVED" else None
    try:
        store.decide(request_id, decision, identity.email, pair)
    except store.AlreadyDecided as error:
        raise Conflict("ALREADY_DECIDED", "Someone decided this request first.") from error
    return CombinationRequestView(**{**request, "status": body.decision, "decision": decision})
