"""The monthly PMPM payment of attested Health Home members, and the ledger that makes a re-run
pay nothing twice. Pure: rates and rules come from policy (health_home_rates, health_home_ncqa).

A payment is keyed by site, member, month and component. The run computes what each key should
have been paid and compares it with what the ledger holds: the difference, if any, becomes a new
line (an adjustment), never an edit of a paid one. So a re-run, in any order and after any
change (a retroactive termination, a late correction), leaves the total paid equal to what is due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from mainecare.domain.health_homes.dates import month_bounds
from mainecare.domain.health_homes.members import Practice, Site
from valueobjects import value_object

NCQA_SUSPENDED = "NCQA_SUSPENDED"
NCQA_NOT_APPLIED = "NCQA_NOT_APPLIED"
NOT_PAYABLE_PCMH_DUAL = "PCMH_PILOT_DUAL"  # attested and tracked, paid by the pilot, not MaineCare
ZERO = Decimal("0.00")


@value_object
class Due:
    """What one attested member of a site should be paid for the month, component by component."""

    site_id: str
    member_id: str
    month: str
    component: str
    amount: Decimal
    reason: str | None = None  # why nothing is paid (amount 0), when so


@value_object
class LedgerLine:
    site_id: str
    member_id: str
    month: str
    component: str
    sequence: int  # 1 for the first payment of the key, then 2, 3 ... for adjustments
    amount: Decimal
    run_id: str
    reason: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.site_id, self.member_id, self.month, self.component


def category(pccm_here: bool, hospital_affiliated: bool) -> str:
    if not pccm_here:
        return "health_home_only"
    return "health_home_and_pccm_hospital_affiliated" if hospital_affiliated else "health_home_and_pccm"


def ncqa_standing(site: Site, month: str, ncqa_policy: Mapping) -> str | None:
    """None when the site is paid as usual; NCQA_SUSPENDED or NCQA_NOT_APPLIED past the deadline."""
    if site.health_home_start is None:
        return None
    year, number = (int(p) for p in month.split("-"))
    first, last = month_bounds(year, number)
    months = ncqa_policy["recognition_due_months"]
    due_year, due_month = divmod(site.health_home_start.year * 12 + site.health_home_start.month - 1 + months, 12)
    deadline = date(due_year, due_month + 1, min(site.health_home_start.day, 28))
    if first <= deadline:
        return None
    if site.ncqa_status == "RECOGNIZED" and site.ncqa_recognized_on and site.ncqa_recognized_on <= last:
        return None
    return NCQA_SUSPENDED if site.ncqa_status in ("SUBMITTED", "RECOGNIZED") else NCQA_NOT_APPLIED


def dues(site: Site, practice: Practice, month: str, attested: Iterable[tuple[str, bool, bool]],
         rates: Mapping, ncqa_policy: Mapping) -> list[Due]:
    """attested: (member id, payable, PCCM member of this site) for each attested member."""
    standing = ncqa_standing(site, month, ncqa_policy)
    found = []
    for member_id, payable, pccm_here in attested:
        for part in rates[category(pccm_here, practice.hospital_affiliated)]:
            amount, reason = Decimal(part["amount"]), None
            if not payable:
                amount, reason = ZERO, NOT_PAYABLE_PCMH_DUAL
            elif standing == NCQA_SUSPENDED:
                amount, reason = ZERO, NCQA_SUSPENDED
            found.append(Due(site.site_id, member_id, month, part["component"], amount, reason))
    return found


def adjustments(dues_now: Iterable[Due], ledger: Iterable[LedgerLine], run_id: str,
                keys_in_scope: Iterable[tuple[str, str, str, str]] = ()) -> list[LedgerLine]:
    """New ledger lines that bring each key's total paid to what is due now. A key in the ledger
    (or in keys_in_scope) with nothing due now is brought back to zero (e.g. a member whose
    attestation or membership was withdrawn after payment)."""
    paid: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    count: dict[tuple, int] = defaultdict(int)
    for line in ledger:
        paid[line.key] += line.amount
        count[line.key] = max(count[line.key], line.sequence)
    due = {(d.site_id, d.member_id, d.month, d.component): d for d in dues_now}
    new = []
    for key in sorted(set(due) | set(paid) | set(keys_in_scope)):
        target = due[key].amount if key in due else ZERO
        reason = due[key].reason if key in due else "NO_LONGER_DUE"
        delta = target - paid[key]
        first_look = key in due and count[key] == 0 and target == ZERO  # record a zero line once, with why
        if delta != ZERO or first_look:
            new.append(LedgerLine(*key, count[key] + 1, delta, run_id, reason))
    return new
