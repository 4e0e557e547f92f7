"""The Member Dashboard's utilization and gaps-in-care signals, from a member's claims. Pure.

Later FAQ question 30: the dashboard is "composed of MaineCare claims data ... health care
utilization information for enrolled Health Home members, including recent hospitalizations, ED
use, and other information that can be used to identify gaps in care". What each count reads:
- hospitalizations: institutional claims with an inpatient bill type (facility type 11, hospital
  inpatient);
- ED visits: claims with an emergency-room line (revenue code 045x, place of service 23, or CPT
  99281-99285), one per claim;
- drug lines: service lines that carry an NDC (physician-administered drugs);
- the last primary care visit: office or preventive E/M (CPT 99202-99215, 99381-99397).
Signals: NO_PRIMARY_CARE_VISIT (none in the 12 months), FREQUENT_ED_USE (3 or more ED visits),
RECENT_HOSPITALIZATION (a stay starting in the last 30 days of the period).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from mainecare.domain.claims.model import Claim
from valueobjects import value_object

INPATIENT_BILL_TYPES = ("11",)
ED_REVENUE_PREFIX = "045"
ED_PLACE_OF_SERVICE = "23"
ED_CODES = frozenset(f"9928{n}" for n in range(1, 6))
PRIMARY_CARE_CODES = frozenset([*(f"992{n:02d}" for n in range(2, 16)), *(f"993{n}" for n in range(81, 98))])
FREQUENT_ED_VISITS = 3
RECENT_DAYS = 30


@value_object
class Utilization:
    hospitalizations: int
    ed_visits: int
    drug_lines: int
    last_primary_care_visit: date | None
    signals: tuple[str, ...]


def _dates(claim: Claim) -> list[date]:
    return [r.start for r in (claim.dates_of(line) for line in claim.lines) if r is not None]


def _is_ed(claim: Claim) -> bool:
    if claim.kind == "professional" and claim.facility_code == ED_PLACE_OF_SERVICE:
        return True
    return any(line.revenue_code.startswith(ED_REVENUE_PREFIX) or line.place_of_service == ED_PLACE_OF_SERVICE
               or line.procedure_code in ED_CODES for line in claim.lines)


def utilization(claims: Iterable[Claim], period_end: date) -> Utilization:
    claims = list(claims)
    stays = [c for c in claims if c.kind == "institutional" and c.facility_code.startswith(INPATIENT_BILL_TYPES)]
    ed = [c for c in claims if _is_ed(c)]
    drugs = sum(1 for c in claims for line in c.lines if line.drugs)
    visits = [r.start for c in claims for line in c.lines if line.procedure_code in PRIMARY_CARE_CODES
              for r in [c.dates_of(line)] if r is not None]
    signals = []
    if not visits:
        signals.append("NO_PRIMARY_CARE_VISIT")
    if len(ed) >= FREQUENT_ED_VISITS:
        signals.append("FREQUENT_ED_USE")
    recent = period_end - timedelta(days=RECENT_DAYS)
    if any(d >= recent for c in stays for d in _dates(c)):
        signals.append("RECENT_HOSPITALIZATION")
    return Utilization(len(stays), len(ed), drugs, max(visits) if visits else None, tuple(signals))
