"""Permissions: what a user may do comes from the permission sets granted to them.

Permission sets are effective-dated policy data (policy/permission_sets.json), so the program can
grow or narrow a set from a date without a code change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Routes declare one of these. The accounts issue grows the catalogue; keep names `area:verb`.
NDC_VALIDATE = "ndc:validate"
ACCOUNT_READ = "account:read"
REFERENCE_READ = "reference:read"
REFERENCE_LOAD = "reference:load"
CLAIMS_SUBMIT = "claims:submit"
CLAIMS_READ = "claims:read"
CLAIMS_READ_ALL = "claims:read_all"  # program staff: any trading partner's claims, member histories
NDC_COMBINATION_REQUEST = "ndc:combination_request"
NDC_COMBINATION_REVIEW = "ndc:combination_review"
# Health Homes (issue 4). Practices act on their own sites; HEALTH_HOME_ALL_SITES lets staff act on all.
ELIGIBILITY_READ = "eligibility:read"  # MaineCare eligibility inquiry and Health Home eligibility check
PANEL_READ = "panel:read"  # a site's panel and Member Request History
PANEL_REQUEST = "panel:request"  # request a member; Stage B additions
PANEL_TERMINATE = "panel:terminate"
PANEL_ATTEST = "panel:attest"  # a practice attests its members' minimum billable activity each month
PANEL_MOVE = "panel:move"  # staff: move a member between sites of one system umbrella
PANEL_OVERRIDE = "panel:override"  # staff: override a Stage A denial caused by earlier Stage B services
MEMBER_REQUEST_OPT_OUT = "member_request:opt_out"  # member services
MEMBER_REQUEST_OPT_IN = "member_request:opt_in"  # member services: phone or signed Stage A form
PANEL_MEMBER_CALLS = "panel:member_calls"  # member services: a member on a panel leaves or transfers
HEALTH_HOME_ALL_SITES = "health_home:all_sites"  # staff: every site, unredacted reasons
HEALTH_HOME_RECORD_SERVICES = "health_home:record_services"  # staff/feeds: a member's service starts
REBATE_READ = "rebate:read"
PROVIDER_READ = "provider:read"  # a partner's providers: licences and maintenance cases
PROVIDER_MAINTENANCE = "provider:maintenance"  # open a maintenance case for one of the partner's providers
PROVIDER_ALL = "provider:all"  # staff: every provider
PROVIDER_REVIEW = "provider:review"  # staff: apply or deny a maintenance case
MEMBER_SELF = "member:self"  # a member signed in to see their own history and letters
# Trading-partner user administration (the Admin (R7) role) and staff's view of it.
USERS_READ = "users:read"
USERS_INVITE = "users:invite"
USERS_MANAGE = "users:manage"
ADMIN_COVERAGE = "admin:coverage"
AUDIT_READ = "audit:read"  # staff: query the audit trail
MESSAGES_READ = "messages:read"  # the Health Home portal's secure messages to the partner's sites
MESSAGES_SEND = "messages:send"
# Referrals, prior authorizations and certification requests (issue 12).
AUTHORIZATIONS_SUBMIT = "authorizations:submit"
AUTHORIZATIONS_READ = "authorizations:read"
AUTHORIZATIONS_REVIEW = "authorizations:review"  # staff: the review queue and decisions


def permissions_for(granted_sets: Iterable[str], sets_in_effect: Mapping[str, Iterable[str]]) -> frozenset[str]:
    permissions: set[str] = set()
    for set_name in granted_sets:
        permissions.update(sets_in_effect.get(set_name, ()))
    return frozenset(permissions)


def permissions_for_partner(granted_sets: Iterable[str], sets_in_effect: Mapping[str, Iterable[str]],
                            kind_rule: Mapping | None) -> frozenset[str]:
    """As permissions_for, less what the partner's kind withholds (policy partner_kind_permissions):
    a withheld permission comes only from a set listed in the rule's granted_only_by."""
    if not kind_rule:
        return permissions_for(granted_sets, sets_in_effect)
    withheld = frozenset(kind_rule.get("withheld", ()))
    dedicated = frozenset(kind_rule.get("granted_only_by", ()))
    permissions: set[str] = set()
    for set_name in granted_sets:
        found = frozenset(sets_in_effect.get(set_name, ()))
        permissions.update(found if set_name in dedicated else found - withheld)
    return frozenset(permissions)
