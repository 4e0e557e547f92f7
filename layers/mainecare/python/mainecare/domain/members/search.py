"""Who may be asked about: a member id alone identifies no one to an inquirer.

As a 270 eligibility search does, the inquirer sends the member id with the member's date of
birth or last name (or both, then both must agree). Last names compare trimmed and case-blind.
A search that does not match answers exactly as an unknown id does, so a caller cannot learn
that an id exists, nor test birth dates against it.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.health_homes.members import Member
from valueobjects import value_object


def _name(text: str) -> str:
    return " ".join(text.split()).casefold()


@value_object
class MemberSearch:
    date_of_birth: date | None = None
    last_name: str | None = None

    @property
    def given(self) -> bool:
        return self.date_of_birth is not None or bool(self.last_name and self.last_name.strip())

    def matches(self, member: Member) -> bool:
        if not self.given:
            return False
        if self.date_of_birth is not None and self.date_of_birth != member.birth_date:
            return False
        return not (self.last_name and self.last_name.strip()) or _name(self.last_name) == _name(member.last_name)
