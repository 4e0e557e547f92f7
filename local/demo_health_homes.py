"""Demo Health Home data: practices, sites, partner organizations, affiliations and members.

Every member is synthetic (names say so; ids are DEMO-nnnn). `seed()` also runs two quarterly
auto-assignment batches: one mailed 40 days ago (the local stack's timer assigns it at once) and
one mailed 5 days ago (still pending), so the panel and the request history have something to show.
"""

from __future__ import annotations

from datetime import date, timedelta

from mainecare.domain.health_homes.members import (
    Affiliation,
    BhhCertification,
    CoverageSpan,
    Member,
    Organization,
    PccmSpan,
    Practice,
    ServiceSpan,
    Site,
)
from mainecare.stores import members, practices

SINCE = date(2024, 1, 1)
HH_START = date(2013, 1, 1)

PRACTICES = (
    Practice("DOWNEAST", "Downeast Health Partners", "DOWNEAST", "Downeast Health Partners LLC", "DOWNEAST-SYSTEM"),
    Practice("KATAHDIN", "Katahdin Family Practice", "KATAHDIN", "Katahdin Family Practice PA", "KATAHDIN-SYSTEM",
             hospital_affiliated=True),
)
SITES = (
    Site("DOWNEAST-MACHIAS", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Machias",
         True, HH_START, "RECOGNIZED", date(2013, 6, 1), date(2013, 11, 1)),
    Site("DOWNEAST-ELLSWORTH", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Ellsworth",
         True, HH_START, "RECOGNIZED", date(2013, 6, 1), date(2013, 12, 1)),
    Site("DOWNEAST-CALAIS", "DOWNEAST", "DOWNEAST", "DOWNEAST-SYSTEM", "Downeast Health - Calais",
         False, HH_START, "SUBMITTED", date(2013, 12, 1)),
    Site("KATAHDIN-MILLINOCKET", "KATAHDIN", "KATAHDIN", "KATAHDIN-SYSTEM", "Katahdin Family Practice",
         True, date(2014, 1, 1), "RECOGNIZED", date(2014, 6, 1), date(2014, 10, 1)),
)
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


def _full(start: date = SINCE) -> tuple[CoverageSpan, ...]:
    return (CoverageSpan(start=start, code="ACS"),)


MEMBERS = (
    # eligible: two chronic conditions
    Member("DEMO-0001", "Ada", "Demoperson", date(1970, 3, 4), _full(), frozenset({"DIABETES", "HYPERTENSION"}),
           pccm=(PccmSpan(start=SINCE, provider_id="DOWNEAST-MACHIAS"),)),
    # not eligible: Pharmacy Only coverage
    Member("DEMO-0002", "Bert", "Placeholder", date(1962, 7, 9), (CoverageSpan(start=SINCE, code="PHARMACY_ONLY"),),
           frozenset({"DIABETES", "COPD"})),
    # eligible: asthma, and BMI 31 makes overweight the second condition
    Member("DEMO-0003", "Cora", "Fictional", date(1985, 1, 20), _full(), frozenset({"ASTHMA"}), bmi=31.0),
    # Stage B: serious mental illness, BHH-certified by the Penobscot BHHO
    Member("DEMO-0004", "Dale", "Synthetic", date(1979, 11, 2), _full(), frozenset({"DIABETES", "TOBACCO_USE"}),
           serious_mental_illness=True, bhh=BhhCertification("BHHO-PENOBSCOT", date(2024, 6, 1))),
    # not eligible: receives Targeted Case Management (Section 13)
    Member("DEMO-0005", "Edna", "Madeup", date(1958, 5, 5), _full(), frozenset({"DIABETES", "COPD"}),
           services=(ServiceSpan(start=date(2025, 1, 1), section="13", provider_id="TCM-SUNRISE"),)),
    # eligible: dual eligible nursing-home resident
    Member("DEMO-0006", "Finn", "Notreal", date(1940, 2, 14), _full(), frozenset({"DIABETES", "HEART_DISEASE"}),
           dual_eligible=True, nursing_home_resident=True),
    # eligible child: asthma and weight-for-age at the 90th percentile
    Member("DEMO-0007", "Gus", "Testcase", date(2016, 8, 30), _full(), frozenset({"ASTHMA"}),
           weight_for_age_percentile=90.0),
    # earlier Stage B (BHH, Section 92) services: denied, staff may override
    Member("DEMO-0008", "Hana", "Sampledata", date(1990, 9, 9), _full(), frozenset({"DIABETES", "HYPERTENSION"}),
           services=(ServiceSpan(start=date(2026, 1, 1), end=date(2026, 6, 30), section="92",
                                 provider_id="BHHO-PENOBSCOT"),)),
    # auto-assigned 40 days ago (on the panel); DEMO-0010 also receives CCT services
    Member("DEMO-0009", "Ivy", "Pretend", date(1966, 4, 1), _full(), frozenset({"COPD", "HYPERLIPIDEMIA"})),
    Member("DEMO-0010", "Jack", "Imaginary", date(1955, 12, 12), _full(), frozenset({"DIABETES", "HEART_DISEASE"}),
           services=(ServiceSpan(start=date(2025, 3, 1), section="91", provider_id="CCT-COASTAL"),)),
    # one chronic condition and at risk of a second (secondhand smoke: at risk of asthma)
    Member("DEMO-0011", "Kit", "Fakename", date(1999, 10, 10), _full(), frozenset({"HYPERTENSION"}),
           at_risk_conditions=frozenset({"ASTHMA"})),
)


def seed_reference() -> None:
    """Practices, sites, organizations, affiliations and members (no requests)."""
    for practice in PRACTICES:
        practices.put_practice(practice)
    for site in SITES:
        practices.put_site(site)
    for organization in ORGANIZATIONS:
        practices.put_organization(organization)
    for affiliation in AFFILIATIONS:
        practices.put_affiliation(affiliation)
    for member in MEMBERS:
        members.put_member(member)


def seed(today: date | None = None) -> None:
    from mainecare.services import clock, member_requests

    seed_reference()
    today = today or clock.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    member_requests.auto_assign(f"{quarter}-DEMO-1", today - timedelta(days=40),
                                [("DEMO-0009", "DOWNEAST-MACHIAS"), ("DEMO-0010", "DOWNEAST-MACHIAS")])
    member_requests.auto_assign(f"{quarter}-DEMO-2", today - timedelta(days=5), [("DEMO-0006", "DOWNEAST-ELLSWORTH")])
