"""Health Home eligibility: a pure decision with reasons as codes.

Stage A (chronic conditions) needs full MaineCare coverage on the date and two qualifying
conditions, or one and the risk of a second. Overweight qualifies from measurements only: BMI at
or over the adult threshold, or weight-for-age at or over the child percentile. Members with
serious mental illness (2013 FAQ) or Stage B services (later FAQ q12) belong to Stage B;
members receiving duplicative case-management services are excluded. Nursing-home residents and
dual eligibles may join. Reasons that touch mental health are confidential: a practice sees one
neutral code (STAGE_A_EXCLUDED) and never the diagnosis or the service.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from mainecare.domain.health_homes.members import Affiliation, Member
from valueobjects import value_object

# Codes and the text a practice sees. Staff see the same code with `detail`.
NO_COVERAGE = "NO_COVERAGE"
COVERAGE_NOT_FULL = "COVERAGE_NOT_FULL"
CONDITIONS_NOT_MET = "CONDITIONS_NOT_MET"
SERIOUS_MENTAL_ILLNESS = "SERIOUS_MENTAL_ILLNESS"
STAGE_B_SERVICES = "STAGE_B_SERVICES"
DUPLICATIVE_SERVICES = "DUPLICATIVE_SERVICES"
STAGE_A_EXCLUDED = "STAGE_A_EXCLUDED"  # what a practice sees for either confidential reason
NO_BHH_CERTIFICATION = "NO_BHH_CERTIFICATION"
SITE_NOT_AFFILIATED_WITH_BHHO = "SITE_NOT_AFFILIATED_WITH_BHHO"
SITE_NOT_HEALTH_HOME = "SITE_NOT_HEALTH_HOME"
SITE_NOT_ACCEPTING_NEW_PATIENTS = "SITE_NOT_ACCEPTING_NEW_PATIENTS"

MESSAGES = {
    NO_COVERAGE: "The member has no MaineCare coverage on this date.",
    COVERAGE_NOT_FULL: "The member's MaineCare coverage is not full coverage, which Health Homes require.",
    CONDITIONS_NOT_MET: "Health Homes need two qualifying chronic conditions, or one and the risk of a second.",
    SERIOUS_MENTAL_ILLNESS: "The member belongs to Stage B (serious mental illness).",
    STAGE_B_SERVICES: "The member received Stage B services in the look-back period.",
    DUPLICATIVE_SERVICES: "The member receives case-management services that duplicate Health Home services.",
    STAGE_A_EXCLUDED: "The member is not eligible for Stage A. MaineCare may not disclose the reason "
                      "(confidential behavioral health information); the Health Home team can review it.",
    NO_BHH_CERTIFICATION: "The member has no Behavioral Health Home certification in effect.",
    SITE_NOT_AFFILIATED_WITH_BHHO: "This site is not affiliated, with an MOU on file, with the member's BHH "
                                   "organization.",
    SITE_NOT_HEALTH_HOME: "This site is not a Health Home on this date.",
    SITE_NOT_ACCEPTING_NEW_PATIENTS: "This site is not accepting new patients.",
}
CONFIDENTIAL = frozenset({SERIOUS_MENTAL_ILLNESS, STAGE_B_SERVICES})


@value_object
class Reason:
    code: str
    message: str
    detail: str | None = None  # staff only: which coverage, sections, organization
    overridable: bool = False  # staff may override it with a recorded reason

    @property
    def confidential(self) -> bool:
        return self.code in CONFIDENTIAL


def reason(code: str, detail: str | None = None, overridable: bool = False) -> Reason:
    return Reason(code, MESSAGES[code], detail, overridable)


def for_practice(reasons) -> tuple[Reason, ...]:
    """What a practice may be told: confidential reasons collapse into one neutral code, and no
    reason carries staff detail (it can name a mental-health service)."""
    shown: list[Reason] = []
    for item in reasons:
        shown_code = STAGE_A_EXCLUDED if item.confidential else item.code
        if all(r.code != shown_code for r in shown):
            shown.append(Reason(shown_code, MESSAGES[shown_code]))
    return tuple(shown)


@value_object
class Decision:
    stage: str  # "A" or "B"
    on: date
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def overridable(self) -> bool:
        """Staff may override: every reason is an overridable one (earlier Stage B services)."""
        return bool(self.reasons) and all(r.overridable for r in self.reasons)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


@value_object
class Rules:
    """The policy documents in effect on the decision date, as the rules read them."""

    coverage: dict  # health_home_coverage
    eligibility: dict  # health_home_eligibility
    duplicative: dict  # health_home_duplicative_services

    def is_adult(self, member: Member, on: date) -> bool:
        return member.age_on(on) >= self.eligibility["adult_from_age"]

    def duplicative_sections(self, member: Member, on: date) -> frozenset[str]:
        return frozenset(self.duplicative["adults" if self.is_adult(member, on) else "children"])


def _months_before(on: date, months: int) -> date:
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    return date(year, month + 1, min(on.day, monthrange(year, month + 1)[1]))


def coverage_reasons(member: Member, on: date, rules: Rules) -> list[Reason]:
    span = member.coverage_on(on)
    if span is None:
        return [reason(NO_COVERAGE)]
    if span.code not in rules.coverage["full"]:
        described = rules.coverage["limited"].get(span.code, span.code)
        return [reason(COVERAGE_NOT_FULL, detail=described)]
    return []


def qualifying_conditions(member: Member, on: date, rules: Rules) -> tuple[frozenset[str], frozenset[str]]:
    """(conditions the member has, conditions the member is at risk of), as the policy counts them."""
    policy = rules.eligibility
    listed = frozenset(policy["conditions"])
    overweight = policy["overweight_condition"]
    has = {c for c in member.chronic_conditions if c in listed and c != overweight}
    if rules.is_adult(member, on):
        if member.bmi is not None and member.bmi >= policy["adult_bmi_at_least"]:
            has.add(overweight)
    elif (member.weight_for_age_percentile is not None
          and member.weight_for_age_percentile >= policy["child_weight_for_age_percentile_at_least"]):
        has.add(overweight)
    # A risk of a condition the member already has is no second condition (FAQ: secondhand smoke).
    at_risk = {c for c in member.at_risk_conditions if c in listed and c not in has}
    return frozenset(has), frozenset(at_risk)


def stage_a(member: Member, on: date, rules: Rules) -> Decision:
    reasons = coverage_reasons(member, on, rules)
    has, at_risk = qualifying_conditions(member, on, rules)
    if not (len(has) >= 2 or (len(has) == 1 and at_risk)):
        reasons.append(reason(CONDITIONS_NOT_MET))
    stage_b = rules.eligibility["stage_b"]
    if stage_b["serious_mental_illness"] and member.serious_mental_illness:
        reasons.append(reason(SERIOUS_MENTAL_ILLNESS))
    reasons.extend(stage_b_service_reasons(member, on, stage_b))
    duplicative = sorted({s.section for s in member.services_on(on)} & rules.duplicative_sections(member, on))
    if duplicative:
        reasons.append(reason(DUPLICATIVE_SERVICES, detail=", ".join(duplicative)))
    return Decision("A", on, tuple(reasons))


def stage_b_service_reasons(member: Member, on: date, stage_b: dict) -> list[Reason]:
    """Stage B services (later FAQ q12: "receiving certain MaineCare services ... best served under
    Stage B") exclude from Stage A. Staff may override only an exclusion by *previous* Stage B
    services the member no longer receives (q18); a Stage B service still running on the date
    cannot be overridden. `service_lookback_months` null: every earlier service counts, because the
    seeds set no window and q18's "previous services" are what the override exists for."""
    sections = frozenset(stage_b["service_sections"])
    if not sections:
        return []
    months = stage_b["service_lookback_months"]
    since = _months_before(on, months) if months else date.min
    found = [s for s in member.services if s.section in sections and s.overlaps(since, on)]
    if not found:
        return []
    running = any(s.covers(on) for s in found)
    return [reason(STAGE_B_SERVICES, detail=", ".join(sorted({s.section for s in found})),
                   overridable=bool(stage_b["staff_override"]) and not running)]


def stage_b(member: Member, on: date, rules: Rules, site_practice_affiliations) -> Decision:
    """A Stage B addition: a BHH certification in effect, and the site's practice affiliated (MOU on
    file) with that member's BHH organization. Coverage must still be full."""
    reasons = coverage_reasons(member, on, rules)
    if member.bhh is None or not member.bhh.in_effect(on):
        reasons.append(reason(NO_BHH_CERTIFICATION))
    elif not any(_mou_with(a, member.bhh.organization_id, on) for a in site_practice_affiliations):
        reasons.append(reason(SITE_NOT_AFFILIATED_WITH_BHHO, detail=member.bhh.organization_id))
    return Decision("B", on, tuple(reasons))


def _mou_with(affiliation: Affiliation, organization_id: str, on: date) -> bool:
    return (affiliation.kind == "BHHO" and affiliation.organization_id == organization_id
            and affiliation.mou_on_file and affiliation.in_effect(on))


def site_reasons(site, on: date, *, new_patient: bool = True) -> list[Reason]:
    """What stops a site taking a member: not a Health Home yet, or closed to new patients."""
    if not site.is_health_home_on(on):
        return [reason(SITE_NOT_HEALTH_HOME)]
    if new_patient and not site.accepting_new_patients:
        return [reason(SITE_NOT_ACCEPTING_NEW_PATIENTS)]
    return []
