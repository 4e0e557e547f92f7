"""The one shape every domain rule uses to say what is wrong with an input.

Rules return these instead of raising so a claim line can collect several problems at once
and the API, the BRR-style report and the 277CA text can all render the same value.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
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
