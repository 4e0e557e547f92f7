"""Who may see what, in one place. Routes and services ask here; a scheduled job acts as
`Identity.system(...)`, which sees everything, so it can call the same services as a user.

- Program staff (health_home:all_sites) see every site's members and unredacted reasons.
- A trading partner's users see their own partner's sites, requests and claims; anything of
  another partner answers like an unknown id (404), so nothing leaks.
- Program staff with claims:read_all see every partner's claims.
"""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.permissions import CLAIMS_READ_ALL, HEALTH_HOME_ALL_SITES


def sees_all_sites(identity: Identity) -> bool:
    """Every Health Home site, and the confidential reasons a practice is never shown."""
    return identity.may(HEALTH_HOME_ALL_SITES)


def sees_partner_health_homes(identity: Identity, trading_partner_id: str) -> bool:
    return sees_all_sites(identity) or identity.owns(trading_partner_id)


def sees_partner_claims(identity: Identity, trading_partner_id: str) -> bool:
    return identity.may(CLAIMS_READ_ALL) or identity.owns(trading_partner_id)
