"""Trading partners and their users, as the rest of the system sees them."""

from __future__ import annotations

from dataclasses import dataclass, field

ACTIVE = "ACTIVE"


@dataclass(frozen=True)
class TradingPartner:
    trading_partner_id: str
    name: str
    kind: str  # PRACTICE, BILLING_AGENT, CLEARINGHOUSE, PROGRAM
    status: str = ACTIVE


@dataclass(frozen=True)
class UserAccount:
    email: str  # the Cognito username
    trading_partner_id: str
    permission_sets: tuple[str, ...]
    status: str = ACTIVE
    member_id: str = ""  # set for a member's own portal account (permission set Member)


@dataclass(frozen=True)
class Identity:
    """A verified caller: who they are, whose data they may see, what they may do."""

    email: str
    trading_partner_id: str
    permissions: frozenset[str] = field(default_factory=frozenset)
    member_id: str = ""  # a member signed in to the member portal: whose records are "mine"

    def may(self, permission: str) -> bool:
        return permission in self.permissions

    def owns(self, trading_partner_id: str) -> bool:
        return self.trading_partner_id == trading_partner_id
