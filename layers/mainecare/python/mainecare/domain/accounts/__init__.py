"""Trading partners and their users, as the rest of the system sees them."""

from __future__ import annotations

from dataclasses import field

from valueobjects import value_object

# Seed 002's five kinds of trading partner, and the two account holders that are not partners.
PARTNER_KINDS = ("PROVIDER", "BILLING_AGENT", "HEALTH_PLAN", "CLEARINGHOUSE", "BUSINESS_ASSOCIATE")
ACCOUNT_KINDS = (*PARTNER_KINDS, "PROGRAM", "MEMBER_PORTAL")  # MaineCare's staff; members' own accounts
ACTIVE = "ACTIVE"
INVITED = "INVITED"
INACTIVE = "INACTIVE"


@value_object
class TradingPartner:
    trading_partner_id: str
    name: str
    kind: str  # one of ACCOUNT_KINDS
    status: str = ACTIVE
    # The ids this partner is registered to send 837s under (ISA06, GS02 and the 1000A NM109 all
    # carry one of them): what ties a file to the partner whose inbound prefix received it.
    submitter_ids: tuple[str, ...] = ()

    def __post_init__(self):
        if self.kind not in ACCOUNT_KINDS:
            raise ValueError(f"a trading partner's kind is one of {', '.join(ACCOUNT_KINDS)}, not {self.kind!r}")


@value_object
class UserAccount:
    sub: str  # the Cognito user's immutable id (token claim `sub`): the key of the account
    email: str  # the user's current e-mail: an attribute, it can change
    trading_partner_id: str
    permission_sets: tuple[str, ...]
    status: str = ACTIVE  # ACTIVE, INVITED (until the first sign-in), INACTIVE
    member_id: str = ""  # set for a member's own portal account (permission set Member)
    granted: tuple[str, ...] = ()  # permissions granted one by one by an Admin (catalogue names)
    last_sign_in: str = ""  # Maine date
    invited_at: str = ""
    flagged_inactive_at: str = ""


@value_object
class Identity:
    """A verified caller: who they are, whose data they may see, what they may do."""

    email: str
    trading_partner_id: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    member_id: str = ""  # a member signed in to the member portal: whose records are "mine"
    sub: str = ""  # the Cognito user's immutable id; "" for identities built outside a sign-in

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    @classmethod
    def system(cls, job: str, permissions: frozenset[str]) -> Identity:
        """A scheduled job acting for the program: it calls the same services a user would, with
        the permissions it is given (services/access.py decides what those let it see)."""
        return cls(email=f"system:{job}", trading_partner_id="MAINECARE", permissions=frozenset(permissions))

    def owns(self, trading_partner_id: str) -> bool:
        return self.trading_partner_id == trading_partner_id
