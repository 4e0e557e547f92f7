"""Which legacy portal accounts migrate to the new MaineCare Partner Portal (seed 002), pure.

Only clean accounts migrate: active Admin (role code R7) accounts whose e-mail is their own. Every
other row is reported with its reason. A shared e-mail is judged across the whole export, case
folded (policy account_administration says why). The migration creates the Admins; they invite
everyone else.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from valueobjects import value_object

HEADER = ("user_id", "email", "role_code", "status", "last_sign_in", "trading_partner_id")
ADMIN_ROLE = "R7"
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@value_object
class LegacyAccount:
    row: int
    user_id: str
    email: str
    role_code: str
    status: str
    last_sign_in: str
    trading_partner_id: str

    @property
    def active(self) -> bool:
        return self.status.upper() == "ACTIVE"

    @property
    def admin(self) -> bool:
        return self.role_code.upper() == ADMIN_ROLE


@value_object
class Verdict:
    account: LegacyAccount
    reason: str  # "" when it migrates: INACTIVE, NOT_ADMIN, EMAIL_MISSING, EMAIL_INVALID, EMAIL_SHARED


class LegacyFileInvalid(ValueError):
    pass


def read_export(text: str) -> list[LegacyAccount]:
    reader = csv.reader(io.StringIO(text))
    header = tuple(h.strip().lower() for h in next(reader, ()))
    if header != HEADER:
        raise LegacyFileInvalid(f"the header must be {','.join(HEADER)}")
    accounts = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise LegacyFileInvalid(f"row {number} has {len(row)} columns, not {len(HEADER)}")
        accounts.append(LegacyAccount(number, *(cell.strip() for cell in row)))
    return accounts


def judge(accounts: list[LegacyAccount]) -> list[Verdict]:
    uses = Counter(a.email.lower() for a in accounts if a.email)
    verdicts = []
    for account in accounts:
        if not account.email:
            reason = "EMAIL_MISSING"
        elif not EMAIL.fullmatch(account.email):
            reason = "EMAIL_INVALID"
        elif uses[account.email.lower()] > 1:
            reason = "EMAIL_SHARED"
        elif not account.active:
            reason = "INACTIVE"
        elif not account.admin:
            reason = "NOT_ADMIN"
        else:
            reason = ""
        verdicts.append(Verdict(account, reason))
    return verdicts
