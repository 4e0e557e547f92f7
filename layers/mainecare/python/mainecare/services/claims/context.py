"""Builds the EditContext the claim edits run with, from the stores, once per request or file.

Provider and member look-ups are memoised for the life of the context: an 837 file bills the
same few providers thousands of times, and each answer costs a DynamoDB query.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from mainecare import clock
from mainecare.domain.claims.context import EditContext, Enrollment340B, LicenseStatus
from mainecare.domain.crosswalks.index import CrosswalkIndex
from mainecare.domain.policy import PolicyNotInEffect, in_effect
from mainecare.services.claims.accompanying import has_accompanying_claim
from mainecare.services.reference.index import current_index
from mainecare.stores import authorizations, members, providers, rebate_list
from mainecare.stores.policy import policy_value, policy_versions

COMMUNITY_CARE_TEAM = "CCT"


class MemberCoverage:
    """Members' coverage for the edits, remembered for the context's life (bounded: a file of a
    million claims must not hold every member). `prefetch` reads a batch of claims' members in
    BatchGetItem calls before they are edited: one round trip per hundred members instead of one
    per member, which was most of an 837's editing time."""

    LIMIT = 20_000

    def __init__(self) -> None:
        self._known: dict[str, tuple | None] = {}

    def __call__(self, member_id: str):
        if member_id not in self._known:
            self._remember({member_id: members.get_coverage(member_id)})
        return self._known[member_id]

    def prefetch(self, member_ids) -> None:
        missing = [m for m in dict.fromkeys(member_ids) if m and m not in self._known]
        if missing:
            self._remember(members.get_coverages(missing))

    def _remember(self, found: dict) -> None:
        if len(self._known) + len(found) > self.LIMIT:
            self._known.clear()
        self._known.update(found)


def prefetch_members(context: EditContext, member_ids) -> None:
    """Read these members' coverage ahead in batches, when the context's lookup can."""
    prefetch = getattr(context.member_coverage, "prefetch", None)
    if prefetch is not None:
        prefetch(member_ids)


def edit_context(today: date | None = None, crosswalks: CrosswalkIndex | None = None) -> EditContext:
    @lru_cache(maxsize=4096)
    def enrollments(npi: str):
        return tuple(providers.enrollments_340b(npi))

    edit_day = today or clock.today()

    @lru_cache(maxsize=4096)
    def licenses(npi: str):  # as the sync made them visible by the day the claim is edited
        return tuple(providers.licenses(npi, visible_on=edit_day))

    def provider_340b(npi: str, site_npi: str | None, dos: date) -> Enrollment340B | None:
        for record in enrollments(npi):
            in_force = record.enrolled_from <= dos and (record.enrolled_to is None or dos <= record.enrolled_to)
            if in_force and record.medicaid_carve_in and record.site_npi in (None, site_npi):
                return Enrollment340B(npi, record.site_npi)
        return None

    def license_status(npi: str, dos: date) -> LicenseStatus | None:
        known = licenses(npi)
        if not known:
            return None  # unknown never denies: the license sync has not seen this provider
        active = [lic for lic in known if lic.status.upper() == "ACTIVE" and lic.covers(dos)]
        # Not active: the span the date falls after (a lapse between two spans reads as the earlier one).
        begun = [lic for lic in known if lic.starts is None or lic.starts <= dos] or list(known)
        chosen = active[0] if active else max(begun, key=lambda lic: lic.expires or date.max)
        return LicenseStatus(chosen.license_number, chosen.status, chosen.expires)

    @lru_cache(maxsize=4096)
    def is_cct(npi: str) -> bool:
        return COMMUNITY_CARE_TEAM in providers.provider_types(npi)

    member_coverage = MemberCoverage()

    requirements = policy_versions("authorization_requirements")
    rebates = rebate_list.current()

    def authorization_required(code: str, dos: date) -> bool:
        try:
            return code in in_effect("authorization_requirements", requirements, dos)["codes"]
        except PolicyNotInEffect:
            return False  # no list before the first version: nothing needed authorizing

    def on_rebate_list(ndc11: str, dos: date) -> bool | None:
        return rebates.covers(ndc11, dos) if rebates is not None else None

    return EditContext(
        crosswalks=crosswalks or current_index(),
        authorization_required=authorization_required,
        # Not memoised: each read is consistent, so a claim edited again after losing a race for the
        # last units sees what the winner drew.
        authorizations_for=authorizations.of_member,
        on_rebate_list=on_rebate_list,
        today=today or clock.today(),
        provider_340b=provider_340b,
        license_status=license_status,
        is_community_care_team=is_cct,
        modifier_340b_policy=policy_versions("modifier_340b_mismatch"),
        ndc_format_policy=policy_versions("ndc_format"),
        interpreter_codes=frozenset(policy_value("interpreter_services", today or clock.today())["codes"]),
        has_accompanying_claim=lru_cache(maxsize=4096)(has_accompanying_claim),
        member_coverage=member_coverage,
    )
