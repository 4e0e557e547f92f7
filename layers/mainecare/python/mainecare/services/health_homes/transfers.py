"""A practice in another system requests a member who is on a panel (later FAQ q7: "or the new
Health Home Practice may request the member through the HHES portal").

The request goes the usual way (letter, 28 days to opt out, joining on day 29), and the membership
it would replace ends the day the new one begins: when the request is made, the old membership is
marked TERMINATED from the assignment day (the member stays on that panel until then, as with any
termination effective later) and the member's guard passes to the new request, in the same
transaction. If the member opts out, the old membership is restored as it was; an early opt-in
ends it that day instead. The timer needs nothing new: it assigns the new request as always.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.health_homes.panel import (
    ASSIGNED,
    OPTED_OUT,
    TERMINATED,
    TRANSFER_REQUEST,
    TRANSFERRED,
    Enrollment,
)
from mainecare.services.health_homes.common import entry
from mainecare.stores import panels
from mainecare.stores.transactions import Write


def is_transfer(enrollment: Enrollment) -> bool:
    return enrollment.source == TRANSFER_REQUEST and bool(enrollment.moved_from_request_id)


def request_writes(old: Enrollment, new: Enrollment, actor: str, at: str) -> list[Write]:
    return [*panels.new_enrollment_puts(new, take_open=False),
            panels.status_update(old.member_id, old.request_id, expect=[ASSIGNED], status=TERMINATED, at=at,
                                 entry=entry(TERMINATED, "TRANSFER_REQUESTED", actor, at=at,
                                             note=f"to site {new.site_id}, from {new.assigns_on} unless the member "
                                                  "opts out"),
                                 sets={"ended_on": new.assigns_on, "termination_reason": TRANSFERRED,
                                       "moved_to_request_id": new.request_id}),
            panels.guard_repoint(old.member_id, old.request_id, new.request_id, new.site_id)]


def decision_writes(new: Enrollment, status: str, on: date, actor: str, at: str) -> list[Write]:
    """What the member's answer to a transfer request does to the membership it would replace."""
    old = panels.get_enrollment(new.moved_from_request_id)
    if status == OPTED_OUT:
        return [panels.status_update(new.member_id, old.request_id, expect=[TERMINATED], status=ASSIGNED, at=at,
                                     entry=entry(ASSIGNED, "TRANSFER_DECLINED", actor, at=at,
                                                 note=f"the member opted out of site {new.site_id}"),
                                     removes=("ended_on", "termination_reason", "moved_to_request_id")),
                panels.guard_repoint(new.member_id, new.request_id, old.request_id, old.site_id)]
    return [panels.status_update(new.member_id, old.request_id, expect=[TERMINATED], status=TERMINATED, at=at,
                                 entry=entry(TERMINATED, "TRANSFER_COMPLETED_EARLY", actor, at=at),
                                 sets={"ended_on": on})]
