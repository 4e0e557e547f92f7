"""Reads effective-dated policy documents shipped as data with the package.

Documents live in mainecare/policy/*.json so a policy change is a data change, reviewed and
versioned like code; a later issue can move them to the reference table behind this interface.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources

from mainecare.domain.policy import Versioned, in_effect

# Not a policy: the named dates policies start on (policy/generations.json).
GENERATIONS = "generations"


def _document(name: str) -> dict:
    text = resources.files("mainecare.policy").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def generation_dates() -> dict[str, date]:
    """Named dates ("later_faq" -> 2014-04-01): a version's effective_from may name one."""
    return {name: date.fromisoformat(entry["date"]) for name, entry in _document(GENERATIONS)["dates"].items()}


def effective_date(value: str) -> date:
    named = generation_dates().get(value)
    return named if named is not None else date.fromisoformat(value)


@cache
def _versions(name: str) -> tuple[Versioned, ...]:
    return tuple(Versioned(effective_date(v["effective_from"]), v["value"]) for v in _document(name)["versions"])


def policy_versions(name: str) -> tuple[Versioned, ...]:
    return _versions(name)


def policy_value(name: str, on: date):
    return in_effect(name, _versions(name), on)


def policy_names() -> list[str]:
    return sorted(p.name.removesuffix(".json") for p in resources.files("mainecare.policy").iterdir()
                  if p.name.endswith(".json") and p.name != f"{GENERATIONS}.json")


def first_effective(name: str) -> date:
    return min(v.effective_from for v in _versions(name))
