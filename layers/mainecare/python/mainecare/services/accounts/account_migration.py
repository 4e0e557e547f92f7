"""Use case: migrate the old portal's accounts to the new MaineCare Partner Portal (seed 002).

Reads the legacy export (a CSV in the reference bucket), migrates the clean Admin (R7) accounts
(domain/account_migration.py judges which): each gets a Cognito invitation and a user holding the
Admin template, with its legacy marker and e-mail claim in one transaction, so a re-run migrates
nothing twice. Reports every account not migrated with its reason and, per trading partner, the
Admin coverage after the migration. Logs carry counts only (no e-mails).
"""

from __future__ import annotations

from collections import defaultdict

from mainecare import clock
from mainecare.domain.accounts import INVITED, UserAccount
from mainecare.domain.accounts.migration import judge, read_export
from mainecare.domain.accounts.user_admin import coverage
from mainecare.observability import logger, measure_now
from mainecare.stores import accounts, audit, identity_provider, reference_files
from mainecare.stores.policy import policy_value
from mainecare.stores.transactions import ConditionFailed, commit

ACTOR = "system:account_migration"
ADMIN_TEMPLATE = "Admin"


def migrate(key: str) -> dict:
    today = clock.today()
    verdicts = judge(read_export(reference_files.read_text(key)))
    report = {"source_key": key, "run_date": today.isoformat(), "migrated": [], "not_migrated": [], "coverage": []}
    active_users, admins = defaultdict(int), defaultdict(int)
    for verdict in verdicts:
        account = verdict.account
        active_users[account.trading_partner_id] += account.active
        reason = verdict.reason or _blocked(account)
        if reason == "ALREADY_MIGRATED":
            admins[account.trading_partner_id] += 1
        if reason:
            report["not_migrated"].append({"row": account.row, "user_id": account.user_id,
                                           "trading_partner_id": account.trading_partner_id, "reason": reason})
            continue
        reason = _migrate_one(account, today)
        if reason:
            report["not_migrated"].append({"row": account.row, "user_id": account.user_id,
                                           "trading_partner_id": account.trading_partner_id, "reason": reason})
            continue
        admins[account.trading_partner_id] += 1
        report["migrated"].append({"row": account.row, "user_id": account.user_id,
                                   "trading_partner_id": account.trading_partner_id})
    rules = policy_value("account_administration", today)
    for partner in sorted(active_users):
        found = coverage(partner, active_users[partner], active_users[partner], admins[partner], rules)
        report["coverage"].append(found.__dict__)
    report["report_key"] = reference_files.put_json(f"accounts/migration-reports/{today.isoformat()}.json", report)
    measure_now({"AccountsMigrated": len(report["migrated"]), "AccountsNotMigrated": len(report["not_migrated"])})
    logger().info("account migration", extra={"migrated": len(report["migrated"]),
                                              "not_migrated": len(report["not_migrated"])})
    return report


def _blocked(account) -> str:
    if accounts.legacy_migrated(account.user_id):
        return "ALREADY_MIGRATED"
    partner = accounts.get_trading_partner(account.trading_partner_id)
    if partner is None:
        return "PARTNER_UNKNOWN"
    if accounts.email_taken(account.email):
        return "EMAIL_TAKEN"  # already a user of the new portal
    return ""


def _migrate_one(account, today) -> str:
    email = account.email.lower()
    try:
        sub = identity_provider.invite(email)
    except identity_provider.AlreadyInPool:
        return "EMAIL_TAKEN"
    user = UserAccount(sub, email, account.trading_partner_id, (ADMIN_TEMPLATE,), INVITED,
                       invited_at=today.isoformat())
    try:
        commit([*accounts.new_user_writes(user, invited_by=ACTOR, legacy_user_id=account.user_id),
                audit.entry(f"USER#{sub}", "USER_MIGRATED", ACTOR,
                            {"trading_partner_id": account.trading_partner_id, "legacy_user_id": account.user_id})])
    except ConditionFailed as error:
        identity_provider.withdraw_invitation(email)
        return "ALREADY_MIGRATED" if "LEGACY_DONE" in error.roles else "EMAIL_TAKEN"
    return ""
