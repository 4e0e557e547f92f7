"""Issue 16 item 8: one effective date per FAQ generation, held in policy/generations.json and named
by every Health Home policy file, so April-June 2014 no longer mixes the 2013 and later FAQs."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest

from mainecare.stores.policy import generation_dates, policy_names, policy_value, policy_versions

HEALTH_HOME_POLICIES = [n for n in policy_names() if n.startswith("health_home_")]


def _raw_versions(name: str) -> list[dict]:
    text = resources.files("mainecare.policy").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)["versions"]


@pytest.mark.parametrize("name", HEALTH_HOME_POLICIES)
def test_every_health_home_policy_names_its_generation_instead_of_a_date(name):
    assert {v["effective_from"] for v in _raw_versions(name)} <= set(generation_dates())


def test_the_later_faq_starts_on_one_day_in_every_file():
    starts = {name: [v.effective_from for v in policy_versions(name)] for name in HEALTH_HOME_POLICIES}
    later = generation_dates()["later_faq"]
    assert later == date(2014, 4, 1)
    # Every date a Health Home rule changes on is a named generation: nothing in between.
    assert {d for dates in starts.values() for d in dates} <= set(generation_dates().values())


def test_the_dated_exceptions_the_later_faq_gives_keep_their_own_dates():
    assert generation_dates()["no_reassignment"] == date(2014, 5, 1)       # q6: "In May 2014"
    assert generation_dates()["signed_opt_in_forms"] == date(2015, 1, 1)   # q8: "In January 2015"


def test_in_may_2014_every_rule_reads_the_later_faq():
    day = date(2014, 5, 15)
    assert policy_value("health_home_attestation", day)["cutoff_day"] == 20
    assert policy_value("health_home_duplicative_services", day) == policy_value(
        "health_home_duplicative_services", date(2026, 1, 1))


def test_generations_is_not_itself_a_policy():
    assert "generations" not in policy_names()
