"""The dates the program's rules cover. Every rule is effective-dated policy, so a date before the
first version of any of them (the Health Home program's rules begin on 2013-01-01) has no rule to
judge it by: the API refuses such dates plainly instead of failing on them."""

from __future__ import annotations

from datetime import date

from mainecare.stores.policy import first_effective, policy_names


def first_day_of_rules() -> date:
    """The earliest day any policy has a version in effect."""
    return min(first_effective(name) for name in policy_names())


def first_day_of_every_rule() -> date:
    """The first day on which every policy has a version in effect (signing in needs the
    permission sets, which begin latest)."""
    return max(first_effective(name) for name in policy_names())
