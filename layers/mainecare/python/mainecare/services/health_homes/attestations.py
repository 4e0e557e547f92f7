"""Use cases of the monthly attestation (later FAQ questions 24-36; 2013 FAQ): save in parts during
the window, read back, and the attested members the payment run pays.

A save judges each member on its own: the ones the rules refuse come back with a code and the
rest are saved (a 207-style answer). The rules are domain/health_homes/attestation.py, their data
the health_home_attestation policy.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.errors import Conflict
from mainecare.domain.health_homes import attestation as rules_of
from mainecare.services.health_homes.common import month_of, visible_site
from mainecare.services.health_homes.panel_changes import panel
from mainecare.stores import attestations, members, practices
from mainecare.stores.audit import record as audit_record
from mainecare.stores.policy import policy_value
from valueobjects import value_object

OUTREACH_LOOK_BACK_MONTHS = 12  # enough to find the run's start; older outreach cannot matter


@value_object
class MemberError:
    member_id: str
    code: str
    message: str


@value_object
class AttestationState:
    site_id: str
    month: str
    window_opens: date
    window_closes: date
    final: bool
    dashboard_scanned: bool
    members: list[attestations.AttestedMember] = field(default_factory=list)
    errors: list[MemberError] = field(default_factory=list)


def _rules(year: int, number: int) -> rules_of.AttestationRules:
    return rules_of.AttestationRules.from_policy(policy_value("health_home_attestation", date(year, number, 1)))


def _outreach_history(site_id: str, year: int, number: int) -> dict[str, list[str | None]]:
    """member -> activity in each earlier month, most recent first (None: not attested)."""
    months, (y, m) = [], (year, number)
    for _ in range(OUTREACH_LOOK_BACK_MONTHS):
        y, m = rules_of.previous_month(y, m)
        months.append(attestations.attested(site_id, f"{y:04d}-{m:02d}"))
    every = set().union(*(saved.keys() for saved in months))
    return {member_id: [saved[member_id].activity if member_id in saved else None for saved in months]
            for member_id in every}


def state(identity: Identity, site_id: str, month: str) -> AttestationState:
    visible_site(identity, site_id)
    year, number = month_of(month)
    opens, closes = rules_of.window(year, number, _rules(year, number))
    saved = attestations.attested(site_id, month)
    return AttestationState(site_id, month, opens, closes, attestations.is_final(site_id, month),
                            bool(attestations.views(site_id, month)),
                            sorted(saved.values(), key=lambda m: m.member_id))


def save(identity: Identity, site_id: str, month: str, entries: list[tuple[str, str]], *, final: bool,
         today: date | None = None) -> AttestationState:
    on = today or clock.today()
    site = visible_site(identity, site_id)
    year, number = month_of(month)
    rules = _rules(year, number)
    opens, closes = rules_of.window(year, number, rules)
    if not rules_of.window_open(year, number, rules, on):
        raise Conflict("ATTESTATION_WINDOW_CLOSED", f"Attestation for {month} is open from {opens.isoformat()} "
                       f"to {closes.isoformat()}.", [{"window_opens": opens.isoformat(),
                                                       "window_closes": closes.isoformat()}])
    if attestations.is_final(site_id, month):
        raise Conflict(rules_of.MONTH_FINAL, f"The {month} attestation was marked final.")
    _, _, rows = panel(identity, site_id, month)
    on_panel = {r.enrollment.member_id: r for r in rows}
    scanned = bool(attestations.views(site_id, month))
    history = _outreach_history(site_id, year, number)
    practice = practices.get_practice(site.practice_id)
    duals = members.get_members(member_id for member_id, _ in entries)
    at, saved, errors = clock.now_text(), [], []
    for member_id, activity in entries:
        row = on_panel.get(member_id)
        refused = rules_of.member_error(activity, row.not_attestable_reason if row else None, row is not None,
                                        scanned, history.get(member_id, []), rules)
        if refused:
            errors.append(MemberError(member_id, *refused))
            continue
        member = duals.get(member_id)
        # Duals of Maine PCMH pilot practices are attested and tracked, not paid by MaineCare.
        payable = not (practice and practice.pcmh_pilot and member is not None and member.dual_eligible)
        saved.append(attestations.AttestedMember(member_id, activity, payable, identity.email, at))
    attestations.save(site_id, month, saved, final=final, by=identity.email, at=at)
    audit_record(f"ATTESTATION#{site_id}#{month}", "ATTESTATION_SAVED", identity,
                 {"saved": len(saved), "refused": len(errors), "final": final})
    current = state(identity, site_id, month)
    return AttestationState(**{**current.__dict__, "errors": errors})


def attested_members(site_id: str, month: str) -> dict[str, bool]:
    """What the payment run pays for a site and month: every member with a saved attestation (saved
    counts for payment whether or not the month was marked final; see the policy's description), and
    whether MaineCare pays them."""
    return attestations.payable(site_id, month)
