"""Stage A and Stage B eligibility: every reason code, from the FAQ's own cases, in both FAQ generations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mainecare.domain.health_homes import eligibility as el
from mainecare.domain.health_homes.members import (
    Affiliation,
    BhhCertification,
    CoverageSpan,
    Member,
    ServiceSpan,
    Site,
)
from mainecare.stores.policy import policy_value

TODAY = date(2026, 1, 15)  # the later FAQ's rules
IN_2013 = date(2013, 6, 1)  # the 2/20/13 FAQ's rules


def rules(on: date) -> el.Rules:
    return el.Rules(policy_value("health_home_coverage", on), policy_value("health_home_eligibility", on),
                    policy_value("health_home_duplicative_services", on))


def adult(**changes) -> Member:
    base = Member("M1", "Test", "Adult", date(1970, 1, 1), (CoverageSpan(start=date(2010, 1, 1), code="ACS"),),
                  frozenset({"DIABETES", "HYPERTENSION"}))
    return replace(base, **changes)


def child(**changes) -> Member:
    return adult(birth_date=date(2016, 5, 1), **changes)


def codes(member: Member, on: date = TODAY) -> tuple[str, ...]:
    return el.stage_a(member, on, rules(on)).codes


# --- coverage ----------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["ACS", "ANC"])
@pytest.mark.parametrize("on", [IN_2013, TODAY])
def test_adults_and_children_services_and_adult_non_categorical_are_full(code, on):
    assert codes(adult(coverage=(CoverageSpan(start=date(2010, 1, 1), code=code),)), on) == ()


@pytest.mark.parametrize("code", ["PHARMACY_ONLY", "QMB", "QMBY", "SOMETHING_ELSE"])
def test_pharmacy_only_and_medicare_secondary_qmb_are_not_full(code):
    member = adult(coverage=(CoverageSpan(start=date(2010, 1, 1), code=code),))
    decision = el.stage_a(member, TODAY, rules(TODAY))
    assert decision.codes == (el.COVERAGE_NOT_FULL,)
    assert not decision.overridable


def test_no_coverage_on_the_date():
    member = adult(coverage=(CoverageSpan(start=date(2010, 1, 1), end=date(2025, 12, 31), code="ACS"),))
    assert codes(member) == (el.NO_COVERAGE,)
    assert codes(member, date(2025, 12, 31)) == ()


# --- conditions --------------------------------------------------------------------------

def test_two_chronic_conditions_qualify_one_does_not():
    assert codes(adult()) == ()
    assert codes(adult(chronic_conditions=frozenset({"DIABETES"}))) == (el.CONDITIONS_NOT_MET,)


def test_one_condition_and_at_risk_of_a_second_qualifies():
    assert codes(adult(chronic_conditions=frozenset({"HYPERTENSION"}), at_risk_conditions=frozenset({"ASTHMA"}))) == ()


def test_secondhand_smoke_risk_of_asthma_is_no_second_condition_for_a_member_with_asthma():
    # FAQ 11: it may qualify as "at risk" for asthma, but does not add a second condition to asthma.
    assert codes(adult(chronic_conditions=frozenset({"ASTHMA"}), at_risk_conditions=frozenset({"ASTHMA"}))) \
        == (el.CONDITIONS_NOT_MET,)


def test_conditions_outside_the_list_do_not_count():
    assert codes(adult(chronic_conditions=frozenset({"DIABETES", "CANCER"}))) == (el.CONDITIONS_NOT_MET,)


@pytest.mark.parametrize("bmi, qualifies", [(25.0, True), (31.2, True), (24.9, False), (None, False)])
def test_adults_need_a_bmi_of_25_or_over(bmi, qualifies):
    member = adult(chronic_conditions=frozenset({"ASTHMA"}), bmi=bmi)
    assert codes(member) == (() if qualifies else (el.CONDITIONS_NOT_MET,))


@pytest.mark.parametrize("percentile, qualifies", [(85.0, True), (97.0, True), (84.9, False)])
def test_children_need_the_85th_weight_for_age_percentile(percentile, qualifies):
    member = child(chronic_conditions=frozenset({"ASTHMA"}), weight_for_age_percentile=percentile, bmi=40.0)
    assert codes(member) == (() if qualifies else (el.CONDITIONS_NOT_MET,))


def test_overweight_comes_from_measurements_not_a_listed_code():
    assert codes(adult(chronic_conditions=frozenset({"ASTHMA", "OVERWEIGHT"}), bmi=22.0)) == (el.CONDITIONS_NOT_MET,)


# --- Stage B, duplication, who may join ---------------------------------------------------

def test_in_2013_serious_mental_illness_is_stage_b_and_a_practice_never_sees_the_diagnosis():
    """2013 FAQ: "Members with serious mental health conditions (e.g., schizophrenia, bipolar) will
    be eligible for Stage B Health Homes ... excluded from current Health Home"."""
    decision = el.stage_a(adult(serious_mental_illness=True), IN_2013, rules(IN_2013))
    assert decision.codes == (el.SERIOUS_MENTAL_ILLNESS,)
    assert not decision.overridable
    shown = el.for_practice(decision.reasons)
    assert [r.code for r in shown] == [el.STAGE_A_EXCLUDED]
    text = " ".join(f"{r.code} {r.message} {r.detail}" for r in shown).lower()
    assert "mental illness" not in text and "serious" not in text and shown[0].detail is None


def test_under_the_later_faq_services_not_the_diagnosis_place_a_member_in_stage_b():
    """Later FAQ q12: excluded when "receiving certain MaineCare services ... that indicate serious
    behavioral health needs best served under Stage B"."""
    assert codes(adult(serious_mental_illness=True)) == ()
    running = ServiceSpan(start=date(2025, 3, 1), section="92", provider_id="BHHO-1")
    decision = el.stage_a(adult(serious_mental_illness=True, services=(running,)), TODAY, rules(TODAY))
    assert decision.codes == (el.STAGE_B_SERVICES,)
    assert [r.code for r in el.for_practice(decision.reasons)] == [el.STAGE_A_EXCLUDED]


def test_a_stage_b_service_still_running_cannot_be_overridden():
    """q18's override is for "previous Stage B services for which the member no longer qualifies"."""
    running = ServiceSpan(start=date(2025, 3, 1), end=date(2026, 12, 31), section="92", provider_id="BHHO-1")
    assert not el.stage_a(adult(services=(running,)), TODAY, rules(TODAY)).overridable


def test_earlier_stage_b_services_exclude_and_staff_may_override():
    bhh = ServiceSpan(start=date(2025, 3, 1), end=date(2025, 9, 30), section="92", provider_id="BHHO-1")
    decision = el.stage_a(adult(services=(bhh,)), TODAY, rules(TODAY))
    assert decision.codes == (el.STAGE_B_SERVICES,)
    assert decision.overridable
    assert [r.code for r in el.for_practice(decision.reasons)] == [el.STAGE_A_EXCLUDED]
    # No look-back window (the seeds give none): years later they still exclude, still overridable.
    later = el.stage_a(adult(services=(bhh,)), date(2029, 10, 1), rules(date(2029, 10, 1)))
    assert later.codes == (el.STAGE_B_SERVICES,) and later.overridable


def test_override_only_when_stage_b_services_are_the_only_reason():
    bhh = ServiceSpan(start=date(2025, 3, 1), end=date(2025, 9, 30), section="92")
    decision = el.stage_a(adult(services=(bhh,), chronic_conditions=frozenset({"DIABETES"})), TODAY, rules(TODAY))
    assert set(decision.codes) == {el.STAGE_B_SERVICES, el.CONDITIONS_NOT_MET}
    assert not decision.overridable


@pytest.mark.parametrize("section", ["17.04-1", "17.04-2", "17.04-3", "17.04-4", "13"])
def test_adults_receiving_section_17_04_or_tcm_are_excluded(section):
    member = adult(services=(ServiceSpan(start=date(2025, 6, 1), section=section),))
    decision = el.stage_a(member, TODAY, rules(TODAY))
    assert decision.codes == (el.DUPLICATIVE_SERVICES,)
    assert decision.reasons[0].detail == section
    assert el.for_practice(decision.reasons)[0].detail is None  # the section is not shown to practices


def test_children_are_excluded_only_by_tcm():
    assert codes(child(services=(ServiceSpan(start=date(2025, 6, 1), section="13"),),
                       weight_for_age_percentile=90.0)) == (el.DUPLICATIVE_SERVICES,)
    assert codes(child(services=(ServiceSpan(start=date(2025, 6, 1), section="17.04-1"),))) == ()


def test_a_discontinued_tcm_service_no_longer_excludes():
    # FAQ 13: if TCM is discontinued, the member becomes eligible.
    tcm = ServiceSpan(start=date(2025, 1, 1), end=date(2025, 12, 31), section="13")
    assert codes(adult(services=(tcm,))) == ()


def test_the_2013_faq_has_no_duplication_rule():
    assert codes(adult(services=(ServiceSpan(start=date(2013, 1, 1), section="13"),)), IN_2013) == ()


def test_nursing_home_residents_and_dual_eligibles_may_join():
    assert codes(adult(nursing_home_resident=True, dual_eligible=True)) == ()


# --- Stage B additions and sites ----------------------------------------------------------

MOU = Affiliation("P1", "BHHO-1", "BHHO", date(2014, 4, 1), mou_on_file=True)


def test_stage_b_needs_a_bhh_certification():
    assert el.stage_b(adult(), TODAY, rules(TODAY), [MOU]).codes == (el.NO_BHH_CERTIFICATION,)


def test_stage_b_needs_an_mou_with_the_members_bhh_organization():
    member = adult(serious_mental_illness=True, bhh=BhhCertification("BHHO-1", date(2024, 1, 1)))
    assert el.stage_b(member, TODAY, rules(TODAY), [MOU]).eligible
    without_mou = replace(MOU, mou_on_file=False)
    other = replace(MOU, organization_id="BHHO-2")
    for affiliations in ([], [without_mou], [other]):
        assert el.stage_b(member, TODAY, rules(TODAY), affiliations).codes == (el.SITE_NOT_AFFILIATED_WITH_BHHO,)


def test_sites_must_be_health_homes_accepting_new_patients():
    site = Site("S1", "P1", "TP", "SYS", "Site", True, date(2014, 1, 1))
    assert el.site_reasons(site, TODAY) == []
    assert [r.code for r in el.site_reasons(site, date(2013, 12, 31))] == [el.SITE_NOT_HEALTH_HOME]
    closed = replace(site, accepting_new_patients=False)
    assert [r.code for r in el.site_reasons(closed, TODAY)] == [el.SITE_NOT_ACCEPTING_NEW_PATIENTS]
    assert el.site_reasons(closed, TODAY, new_patient=False) == []
