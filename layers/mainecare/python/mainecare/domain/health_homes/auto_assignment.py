"""Which Health Home site the quarterly auto-assignment names for a member (later FAQ question 3).

In this order:
1. PCCM: the member's PCP assignment (a PCCM span on the letter date) when that site is a Health Home.
2. Rendering provider: the member's usual rendering provider (the one on most of the member's
   primary care claims, or on most claims when there are none; it must be the only one with that
   count) when that provider is affiliated with a Health Home site of the practice whose pay-to
   billed those claims.
3. Plurality: the Health Home site with the most claims, primary care first (`rank`: primary
   care claims, then all claims, then the latest date of service); a tie on all three names no site.
A claim belongs to a practice by its pay-to (the billing NPI): hospital systems rarely send the
real service location, so the site within the practice is the one whose service location NPI is
the claim's facility, else the rendering provider's site in that practice, else the practice's
first Health Home site by id (its "main" site; the FAQ accepts that this may not be exact).
Nursing-home residents are assigned only from primary care claims (question 19: "if they are
identified as receiving primary care from the Health Home practice").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date

from mainecare.domain.health_homes.claim_line_counts import Tally, Triple
from mainecare.domain.health_homes.members import Member, Practice, Site
from valueobjects import record, value_object

PCCM, RENDERING, PLURALITY = "PCCM", "RENDERING_PROVIDER", "PLURALITY"
TIE, NO_HEALTH_HOME_CLAIMS = "TIE", "NO_HEALTH_HOME_CLAIMS"


@value_object
class RenderingAffiliation:
    """A rendering provider who practices at a site of a practice (billing under its pay-to)."""

    npi: str
    practice_id: str
    site_id: str


@value_object
class Choice:
    site_id: str | None
    step: str  # PCCM, RENDERING_PROVIDER, PLURALITY; or why there is none: TIE, NO_HEALTH_HOME_CLAIMS


@record
class SiteDirectory:
    """The Health Home practices and sites on a day, indexed the ways the site order reads them."""

    on: date
    sites: dict[str, Site] = field(default_factory=dict)  # Health Home sites only
    practice_by_pay_to: dict[str, str] = field(default_factory=dict)  # billing NPI -> practice id
    site_by_location: dict[tuple[str, str], str] = field(default_factory=dict)  # (practice, facility NPI)
    rendering_site: dict[tuple[str, str], str] = field(default_factory=dict)  # (practice, rendering NPI)
    main_site: dict[str, str] = field(default_factory=dict)  # practice -> its first Health Home site

    @classmethod
    def build(cls, on: date, practices: Iterable[Practice], sites: Iterable[Site],
              renderings: Iterable[RenderingAffiliation], pay_to_npis: Mapping[str, str],
              location_npis: Mapping[str, str]) -> SiteDirectory:
        """`pay_to_npis`: practice id -> the NPI its pay-to bills under; `location_npis`: site id ->
        its service location NPI."""
        directory = cls(on)
        known_practices = {p.practice_id for p in practices}
        for site in sorted(sites, key=lambda s: s.site_id):
            if site.practice_id in known_practices and site.is_health_home_on(on):
                directory.sites[site.site_id] = site
                directory.main_site.setdefault(site.practice_id, site.site_id)
                if location_npis.get(site.site_id):
                    directory.site_by_location[(site.practice_id, location_npis[site.site_id])] = site.site_id
        for practice_id, npi in pay_to_npis.items():
            if npi and practice_id in directory.main_site:
                directory.practice_by_pay_to[npi] = practice_id
        for affiliation in sorted(renderings, key=lambda a: a.site_id):
            if affiliation.site_id in directory.sites:
                directory.rendering_site.setdefault((affiliation.practice_id, affiliation.npi), affiliation.site_id)
        return directory

    def site_of(self, triple: Triple) -> str | None:
        billing, rendering, facility = triple
        practice = self.practice_by_pay_to.get(billing)
        if practice is None:
            return None
        return (self.site_by_location.get((practice, facility)) or self.rendering_site.get((practice, rendering))
                or self.main_site[practice])


def rank(tally: Tally) -> tuple[int, int, str]:
    return tally.primary_care_claims, tally.claims, tally.last_service_date


def _counted(member: Member, counts: Mapping[Triple, Tally]) -> dict[Triple, Tally]:
    if not member.nursing_home_resident:
        return dict(counts)
    return {t: Tally(c.primary_care_claims, c.primary_care_claims, c.last_service_date)
            for t, c in counts.items() if c.primary_care_claims}


def _usual_rendering(counts: Mapping[Triple, Tally], directory: SiteDirectory) -> str | None:
    by_provider: dict[tuple[str, str], Tally] = {}
    for (billing, rendering, _), tally in counts.items():
        practice = directory.practice_by_pay_to.get(billing)
        if practice is None or not rendering:
            continue
        by_provider.setdefault((practice, rendering), Tally()).add(tally)
    if not by_provider:
        return None
    primary = any(t.primary_care_claims for t in by_provider.values())
    score = {k: (t.primary_care_claims if primary else t.claims) for k, t in by_provider.items()}
    best = max(score.values())
    leaders = [k for k, v in score.items() if v == best]
    if len(leaders) != 1:
        return None
    return directory.rendering_site.get(leaders[0])


def choose_site(member: Member, counts: Mapping[Triple, Tally], directory: SiteDirectory) -> Choice:
    pccm = next((span for span in member.pccm if span.covers(directory.on)), None)
    if pccm is not None and pccm.provider_id in directory.sites:
        return Choice(pccm.provider_id, PCCM)
    counted = _counted(member, counts)
    rendering_site = _usual_rendering(counted, directory)
    if rendering_site is not None:
        return Choice(rendering_site, RENDERING)
    by_site: dict[str, Tally] = {}
    for triple, tally in counted.items():
        site = directory.site_of(triple)
        if site is not None:
            by_site.setdefault(site, Tally()).add(tally)
    if not by_site:
        return Choice(None, NO_HEALTH_HOME_CLAIMS)
    ordered = sorted(by_site.items(), key=lambda item: rank(item[1]), reverse=True)
    if len(ordered) > 1 and rank(ordered[0][1]) == rank(ordered[1][1]):
        return Choice(None, TIE)
    return Choice(ordered[0][0], PLURALITY)


def lookback(quarter_first_day: date, months: int) -> tuple[date, date]:
    """The whole calendar months before the quarter begins (policy: lookback_months)."""
    index = quarter_first_day.year * 12 + quarter_first_day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1), date.fromordinal(quarter_first_day.toordinal() - 1)


def months_of(first: date, last: date) -> list[str]:
    """YYYY-MM of every month from first to last."""
    months, index = [], first.year * 12 + first.month - 1
    while index <= last.year * 12 + last.month - 1:
        months.append(f"{index // 12:04d}-{index % 12 + 1:02d}")
        index += 1
    return months
