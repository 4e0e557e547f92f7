"""The one shape every domain rule uses to say what is wrong with an input.

Rules return these instead of raising so a claim line can collect several problems at once
and the API, the BRR-style report and the 277CA text can all render the same value.
"""

from __future__ import annotations

from valueobjects import value_object


@value_object
class RuleError:
    code: str
    message: str
    # Values the caller could pick from to fix the input (e.g. the 11-digit readings of an
    # ambiguous 10-digit NDC); empty when the rule has nothing to suggest.
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        out: dict = {"code": self.code, "message": self.message}
        if self.candidates:
            out["candidates"] = list(self.candidates)
        return out


class DomainError(Exception):
    """A request the rules refuse, raised by services and the domain. It names what kind of
    refusal it is, never an HTTP status: the API maps kinds to statuses in one table
    (functions/api/chalicelib/error_map.py), a batch job reports the code and message."""

    kind = "INVALID"

    def __init__(self, code: str, message: str, details: list[dict] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class Invalid(DomainError):
    """The input is malformed or out of range for the rule (the caller can fix it)."""

    kind = "INVALID"


class NotFound(DomainError):
    """Nothing by that id that the caller may see. The same answer for "does not exist" and
    "belongs to someone else", so nothing leaks."""

    kind = "NOT_FOUND"

    def __init__(self, what: str, code: str = "NOT_FOUND"):
        super().__init__(code, f"No such {what}.")


class Conflict(DomainError):
    """Well formed, but the current state forbids it (already decided, window closed, duplicate)."""

    kind = "CONFLICT"


class Refused(DomainError):
    """Well formed and understood, refused by a business rule with a reason code."""

    kind = "REFUSED"


class NotAllowed(DomainError):
    """The caller is known but lacks the right for this action on this thing."""

    kind = "NOT_ALLOWED"


class TooLarge(DomainError):
    kind = "TOO_LARGE"


class Unauthenticated(DomainError):
    """No valid credentials: the caller must sign in (again)."""

    kind = "UNAUTHENTICATED"
