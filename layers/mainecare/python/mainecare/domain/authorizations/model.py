"""An authorization request and its life: submitted -> pended (more information asked) -> approved
(with the approved units and span, possibly fewer than asked) or denied (with a reason); the
requester may cancel it while undecided or ask to extend an approved one.

The shape follows the X12 278 and Availity's authorization front door (what a payer's partners
already know): kind, member, requesting and servicing provider NPIs, service lines (a code with
its code set, units), a date span, diagnoses.
"""

from __future__ import annotations

from dataclasses import field, replace
from datetime import date

from mainecare.domain.errors import Conflict, Invalid
from valueobjects import value_object

KINDS = ("REFERRAL", "PRIOR_AUTHORIZATION", "CERTIFICATION")
CODE_SETS = ("HCPCS", "CPT", "REVENUE", "NDC")
SUBMITTED, PENDED, APPROVED, DENIED, CANCELLED = "SUBMITTED", "PENDED", "APPROVED", "DENIED", "CANCELLED"
OPEN = (SUBMITTED, PENDED)


@value_object
class ServiceRequest:
    code_set: str  # HCPCS, CPT, REVENUE or NDC
    code: str
    units: int


@value_object
class Authorization:
    authorization_id: str
    kind: str
    trading_partner_id: str
    member_id: str
    requesting_npi: str
    servicing_npi: str
    services: tuple[ServiceRequest, ...]
    starts: date
    ends: date
    diagnoses: tuple[str, ...]
    status: str = SUBMITTED
    submitted_at: str = ""
    approved_units: int = 0  # across the request's services, once approved
    approved_starts: date | None = None
    approved_ends: date | None = None
    units_used: int = 0
    decision_reason: str = ""
    information_requested: str = ""
    history: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def units_left(self) -> int:
        return max(0, self.approved_units - self.units_used)

    def covers(self, member_id: str, servicing_npi: str, code: str, day: date) -> bool:
        """An approved authorization for this member and servicing provider covers the code on the day."""
        return (self.status == APPROVED and self.member_id == member_id and self.servicing_npi == servicing_npi
                and any(s.code == code for s in self.services)
                and self.approved_starts is not None and self.approved_starts <= day <= self.approved_ends)


def check_request(kind: str, services: tuple[ServiceRequest, ...], starts: date, ends: date) -> None:
    if kind not in KINDS:
        raise Invalid("AUTHORIZATION_KIND_INVALID", f"kind is one of {', '.join(KINDS)}.")
    if ends < starts:
        raise Invalid("AUTHORIZATION_SPAN_INVALID", "The span ends before it starts.")
    if not services or any(s.units < 1 for s in services):
        raise Invalid("AUTHORIZATION_UNITS_INVALID", "Ask for at least one unit of each service.")
    if any(s.code_set not in CODE_SETS for s in services):
        raise Invalid("AUTHORIZATION_CODE_SET_INVALID", f"code_set is one of {', '.join(CODE_SETS)}.")


def decide(current: Authorization, decision: str, *, reason: str = "", units: int | None = None,
           starts: date | None = None, ends: date | None = None, information: str = "") -> Authorization:
    """Staff's decision on an open request. An approval grants at most what was asked, within the
    asked span (a partial approval narrows either); a denial needs a reason; pending asks for more."""
    if current.status not in OPEN:
        raise Conflict("AUTHORIZATION_ALREADY_DECIDED", f"The request is {current.status}.")
    asked = sum(s.units for s in current.services)
    if decision == "APPROVE":
        granted = asked if units is None else units
        span_start, span_end = starts or current.starts, ends or current.ends
        if not 1 <= granted <= asked:
            raise Invalid("APPROVED_UNITS_INVALID", f"Approve from 1 to the {asked} units asked for.")
        if span_start < current.starts or span_end > current.ends or span_end < span_start:
            raise Invalid("APPROVED_SPAN_INVALID", "The approved span must lie within the span asked for.")
        return replace(current, status=APPROVED, approved_units=granted, approved_starts=span_start,
                       approved_ends=span_end, decision_reason=reason)
    if decision == "DENY":
        if not reason:
            raise Invalid("DENIAL_REASON_MISSING", "A denial says why.")
        return replace(current, status=DENIED, decision_reason=reason)
    if decision == "PEND":
        if not information:
            raise Invalid("INFORMATION_MISSING", "Say what more information is needed.")
        return replace(current, status=PENDED, information_requested=information)
    raise Invalid("DECISION_INVALID", "decision is APPROVE, DENY or PEND.")


def cancel(current: Authorization) -> Authorization:
    if current.status not in OPEN:
        raise Conflict("AUTHORIZATION_ALREADY_DECIDED",
                       f"Only an open request can be cancelled; it is {current.status}.")
    return replace(current, status=CANCELLED)


def extend(current: Authorization, new_end: date, more_units: int) -> Authorization:
    """An approved authorization extended: a later end and/or more units (the request reopens for review)."""
    if current.status != APPROVED:
        raise Conflict("AUTHORIZATION_NOT_APPROVED", "Only an approved authorization can be extended.")
    if new_end < current.ends or more_units < 0 or (new_end == current.ends and more_units == 0):
        raise Invalid("EXTENSION_INVALID", "An extension asks for a later end date or more units.")
    services = current.services
    if more_units:
        first = services[0]
        services = (replace(first, units=first.units + more_units), *services[1:])
    return replace(current, status=SUBMITTED, ends=new_end, services=services)
