"""Which approved authorization pays a claim line, and how many units it draws, pure.

A line needs an authorization when its code is on the policy's list for its date of service
(policy/authorization_requirements.json). It is covered when an APPROVED authorization for the
same member and servicing (rendering) provider lists the code, its approved span holds the date of
service, and it still has the line's units: the units are then drawn from it. Lines of one claim
draw in line order from the same authorizations; what one line took the next cannot take.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mainecare.domain.authorizations.model import Authorization
from valueobjects import value_object


@value_object
class Draw:
    line_number: int
    authorization_id: str
    units: int
    approved_units: int  # the authorization's total, for the store's "still there" condition


def choose(authorizations: Iterable[Authorization], member_id: str, servicing_npi: str, code: str, day: date,
           units: int, taken: dict[str, int]) -> Authorization | None:
    """The authorization that pays `units` of `code` on `day` (the one ending soonest), or None."""
    fitting = [a for a in authorizations if a.covers(member_id, servicing_npi, code, day)
               and a.units_left - taken.get(a.authorization_id, 0) >= units]
    return min(fitting, key=lambda a: (a.approved_ends, a.authorization_id)) if fitting else None
