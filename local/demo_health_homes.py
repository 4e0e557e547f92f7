"""Demo Health Home data: practices, sites, partner organizations, affiliations and members.

Every member is synthetic (names say so; ids are DEMO-nnnn). Identity and coverage come from the
demo eligibility file (events/reference/members_demo.csv, loaded like any member file); the
Health Home data (conditions, services, BHH, PCCM...) is written beside it. `seed()` also runs two quarterly
auto-assignment batches: one mailed 40 days ago (the local stack's timer assigns it at once) and
one mailed 5 days ago (still pending), so the panel and the request history have something to show.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from mainecare.domain.health_homes.auto_assignment import RenderingAffiliation
from mainecare.domain.health_homes.members import (
    Affiliation,
    BhhCertification,
    Member,
    Organization,
    PccmSpan,
    Practice,
    ServiceSpan,
    Site,
)
from mainecare.domain.members.eligibility_file import parse_member_csv
from mainecare.services.reference import load_members
from mainecare.stores import member_files, members, practices

SINCE = date(2024, 1, 1)
HH_START = date(2013, 1, 1)

PRACTICES = (
    Practice("DOWNEAST", "Downeast Health Partners", "DOWNEAST", "Downeast Health Partners LLC", "DOWNEAST-SYSTEM",
             pay_to_tin="010000001", pay_to_npi="1550000016"),
    Practice("KATAHDIN", "Katahdin Family Practice", "KATAHDIN", "Katahdin Family Practice PA", "KATAHDIN-SYSTEM",
             hospital_affiliated=True, pay_to_tin="010000002", pay_to_npi="1550000024"),
)
SITES = (
    Site("DOWNEAST-MACHIAS", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Machias",
         True, HH_START, "RECOGNIZED", date(2013, 6, 1), date(2013, 11, 1), service_location_npi="1550000032"),
    Site("DOWNEAST-ELLSWORTH", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Ellsworth",
         True, HH_START, "RECOGNIZED", date(2013, 6, 1), date(2013, 12, 1), service_location_npi="1550000040"),
    Site("DOWNEAST-CALAIS", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Calais",
         False, HH_START, "SUBMITTED", date(2013, 12, 1), service_location_npi="1550000057"),
    Site("KATAHDIN-MILLINOCKET", "KATAHDIN", "KATAHDIN", "KATAHDIN-SYSTEM", "Katahdin Family Practice",
         True, date(2014, 1, 1), "RECOGNIZED", date(2014, 6, 1), date(2014, 10, 1),
         service_location_npi="1550000065"),
)
# A Downeast clinician who sees patients at Ellsworth (the auto-assignment's rendering-provider step).
RENDERING_AFFILIATIONS = (RenderingAffiliation("1550000073", "DOWNEAST", "DOWNEAST-ELLSWORTH"),)
ORGANIZATIONS = (
    Organization("BHHO-PENOBSCOT", "Penobscot Behavioral Health Home (demo)", "BHHO"),
    Organization("CCT-COASTAL", "Coastal Community Care Team (demo)", "CCT"),
    Organization("TCM-SUNRISE", "Sunrise Targeted Case Management (demo)", "TCM"),
)
AFFILIATIONS = (
    Affiliation("DOWNEAST", "BHHO-PENOBSCOT", "BHHO", date(2014, 4, 1), mou_on_file=True),
    Affiliation("DOWNEAST", "CCT-COASTAL", "CCT", date(2013, 1, 1)),
    Affiliation("KATAHDIN", "BHHO-PENOBSCOT", "BHHO", date(2015, 1, 1), mou_on_file=False),  # no MOU yet
)


DEMO_MEMBERS_FILE = Path(__file__).resolve().parent.parent / "events" / "reference" / "members_demo.csv"

# What MaineCare knows of each demo member beyond the eligibility file (identity and coverage
# spans, in events/reference/members_demo.csv): claims-history conditions, BMI, services, BHH
# certification, PCCM, dual eligibility and nursing-home residence.
HEALTH_HOME_DATA = {
    # eligible: two chronic conditions
    "DEMO-0001": {"chronic_conditions": frozenset({"DIABETES", "HYPERTENSION"}),
                  "pccm": (PccmSpan(start=SINCE, provider_id="DOWNEAST-MACHIAS"),)},
    # not eligible: Pharmacy Only coverage (in the file)
    "DEMO-0002": {"chronic_conditions": frozenset({"DIABETES", "COPD"})},
    # eligible: asthma, and BMI 31 makes overweight the second condition
    "DEMO-0003": {"chronic_conditions": frozenset({"ASTHMA"}), "bmi": 31.0},
    # Stage B: receives Behavioral Health Home (Section 92) services from the Penobscot BHHO, which
    # certified the member (serious mental illness, which alone excluded under the 2013 FAQ)
    "DEMO-0004": {"chronic_conditions": frozenset({"DIABETES", "TOBACCO_USE"}), "serious_mental_illness": True,
                  "bhh": BhhCertification("BHHO-PENOBSCOT", date(2024, 6, 1)),
                  "services": (ServiceSpan(start=date(2024, 6, 1), section="92", provider_id="BHHO-PENOBSCOT"),)},
    # not eligible: receives Targeted Case Management (Section 13)
    "DEMO-0005": {"chronic_conditions": frozenset({"DIABETES", "COPD"}),
                  "services": (ServiceSpan(start=date(2025, 1, 1), section="13", provider_id="TCM-SUNRISE"),)},
    # eligible: dual eligible nursing-home resident
    "DEMO-0006": {"chronic_conditions": frozenset({"DIABETES", "HEART_DISEASE"}), "dual_eligible": True,
                  "nursing_home_resident": True},
    # eligible child: asthma and weight-for-age at the 90th percentile
    "DEMO-0007": {"chronic_conditions": frozenset({"ASTHMA"}), "weight_for_age_percentile": 90.0},
    # earlier Stage B (BHH, Section 92) services: denied, staff may override
    "DEMO-0008": {"chronic_conditions": frozenset({"DIABETES", "HYPERTENSION"}),
                  "services": (ServiceSpan(start=date(2025, 1, 1), end=date(2025, 6, 30), section="92",
                                           provider_id="BHHO-PENOBSCOT"),)},
    # auto-assigned 40 days ago (on the panel); DEMO-0010 also receives CCT services
    "DEMO-0009": {"chronic_conditions": frozenset({"COPD", "HYPERLIPIDEMIA"})},
    "DEMO-0010": {"chronic_conditions": frozenset({"DIABETES", "HEART_DISEASE"}),
                  "services": (ServiceSpan(start=date(2025, 3, 1), section="91", provider_id="CCT-COASTAL"),)},
    # one chronic condition and at risk of a second (secondhand smoke: at risk of asthma)
    "DEMO-0011": {"chronic_conditions": frozenset({"HYPERTENSION"}), "at_risk_conditions": frozenset({"ASTHMA"})},
}


def _demo_members() -> tuple[Member, ...]:
    """The Health Home demo members: the eligibility file's identity and coverage plus their data above."""
    loaded = {m.member_id: m for m in parse_member_csv(DEMO_MEMBERS_FILE.read_bytes()).members}
    return tuple(Member(member_id, loaded[member_id].first_name, loaded[member_id].last_name,
                        loaded[member_id].birth_date, loaded[member_id].coverage, **data)
                 for member_id, data in HEALTH_HOME_DATA.items())


MEMBERS = _demo_members()


def drop_members_file() -> str:
    """Put the demo eligibility file in incoming/members/, as MIHMS would; the ingest loads it."""
    return member_files.put_incoming(DEMO_MEMBERS_FILE.name, DEMO_MEMBERS_FILE.read_bytes())[0]


def seed_reference(members_loaded: bool = False) -> None:
    """Practices, sites, organizations, affiliations and members (no requests).

    The members file goes through the same parser and writer the reference ingest uses; pass
    members_loaded=True when the ingest has already loaded it (the local stack drops it)."""
    for practice in PRACTICES:
        practices.put_practice(practice)
    for site in SITES:
        practices.put_site(site)
    for organization in ORGANIZATIONS:
        practices.put_organization(organization)
    for affiliation in AFFILIATIONS:
        practices.put_affiliation(affiliation)
    for rendering in RENDERING_AFFILIATIONS:
        practices.put_rendering_affiliation(rendering)
    if not members_loaded:
        load_members.load_member_file(DEMO_MEMBERS_FILE.read_bytes(), f"demo/{DEMO_MEMBERS_FILE.name}", actor="demo")
    for member in MEMBERS:
        members.put_health_home_data(member)


def seed(today: date | None = None, members_loaded: bool = False) -> None:
    from mainecare import clock
    from mainecare.services.health_homes import member_requests

    seed_reference(members_loaded)
    today = today or clock.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    member_requests.auto_assign(f"{quarter}-DEMO-1", today - timedelta(days=40),
                                [("DEMO-0009", "DOWNEAST-MACHIAS"), ("DEMO-0010", "DOWNEAST-MACHIAS")])
    member_requests.auto_assign(f"{quarter}-DEMO-2", today - timedelta(days=5), [("DEMO-0006", "DOWNEAST-ELLSWORTH")])
