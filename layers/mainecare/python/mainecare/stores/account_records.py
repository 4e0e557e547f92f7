"""The Accounts table's item model: trading partners, users (stores/accounts.py) and the provider
facts the claim edits read (stores/providers.py), one pynamodb model for every kind of item.

  pk TP#<id>       sk PROFILE                 a trading partner
  pk USER#<sub>    sk PROFILE                 a user (gsi1 TP#<id> / USER#<email>#<sub>)
  pk LEGACY#<id>   sk PROFILE                 a migrated legacy account's marker (kind LEGACY)
  pk EMAIL#<email> sk PROFILE                 the e-mail's owner (kind EMAIL): usernames are unique
  pk PROVIDER#<npi> sk PROFILE | LICENSE#... | 340B#...   a provider's types, licences, 340B spans
Attributes a kind does not use stay absent. Table names come from settings at first use.
"""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, UnicodeAttribute
from pynamodb.models import Model

from mainecare.stores.tables import IndexedItem, bound_model, gsi1

PROFILE = "PROFILE"


def _build() -> type[Model]:
    class AccountItem(IndexedItem):
        class Meta:
            pass

        by_partner = gsi1()
        kind = UnicodeAttribute()  # TRADING_PARTNER, USER, PROVIDER, LICENSE, 340B
        status = UnicodeAttribute(null=True)  # partners, users and licences
        name = UnicodeAttribute(null=True)
        partner_kind = UnicodeAttribute(null=True)
        trading_partner_id = UnicodeAttribute(null=True)
        permission_sets = ListAttribute(of=UnicodeAttribute, null=True)
        member_id = UnicodeAttribute(null=True)
        email = UnicodeAttribute(null=True)
        submitter_ids = ListAttribute(of=UnicodeAttribute, null=True)
        # users: permissions granted one by one (beside legacy permission sets), sign-in and admin facts
        granted = ListAttribute(of=UnicodeAttribute, null=True)
        last_sign_in = UnicodeAttribute(null=True)  # Maine date of the latest sign-in seen by the API
        invited_by = UnicodeAttribute(null=True)
        invited_at = UnicodeAttribute(null=True)
        flagged_inactive_at = UnicodeAttribute(null=True)  # the inactivity job's notice date
        legacy_user_id = UnicodeAttribute(null=True)  # the old portal's id of a migrated user
        # providers
        provider_types = ListAttribute(of=UnicodeAttribute, null=True)
        expires = UnicodeAttribute(null=True)  # a licence's last day
        enrolled_from = UnicodeAttribute(null=True)  # a 340B enrollment span
        enrolled_to = UnicodeAttribute(null=True)
        medicaid_carve_in = BooleanAttribute(null=True)
        # licence spans (stores/providers.py) and maintenance cases (stores/maintenance_cases.py)
        license_number = UnicodeAttribute(null=True)
        starts = UnicodeAttribute(null=True)
        visible_from = UnicodeAttribute(null=True)
        profession = UnicodeAttribute(null=True)
        case_type = UnicodeAttribute(null=True)
        details = UnicodeAttribute(null=True)  # a case's JSON
        opened_by = UnicodeAttribute(null=True)
        opened_at = UnicodeAttribute(null=True)
        decided_by = UnicodeAttribute(null=True)
        decided_at = UnicodeAttribute(null=True)
        decision_reason = UnicodeAttribute(null=True)

    return AccountItem


def records() -> type[Model]:
    return bound_model("Accounts", _build)
