"""Use cases: claim status and history, scoped to who is asking.

A partner sees only its own claims (another partner's claim answers exactly like a missing one);
program staff (claims:read_all) see every claim and any member's history.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from mainecare.domain.accounts import Identity
from mainecare.domain.permissions import CLAIMS_READ_ALL
from mainecare.services.access import sees_partner_claims
from mainecare.stores import claim_pages
from mainecare.stores import claims as claim_store
from mainecare.stores.claims import ListedClaim, StoredClaim

STATUSES = frozenset({"ACCEPTED", "PENDED", "REJECTED"})


def visible_claim(identity: Identity, claim_id: str) -> StoredClaim | None:
    found = claim_store.get_claim(claim_id)
    if found is None or not sees_partner_claims(identity, found.trading_partner_id):
        return None
    return found


def partner_claims_page(identity: Identity, status: str | None, received_from: str | None,
                        received_to: str | None, member_id: str | None, trading_partner_id: str | None, *,
                        limit: int, token: str | None) -> tuple[list[ListedClaim], str | None]:
    partner = trading_partner_id if trading_partner_id and identity.may(CLAIMS_READ_ALL) \
        else identity.trading_partner_id
    return claim_pages.claims_page("gsi1", f"TP#{partner}", received_from, received_to, limit=limit, token=token,
                                   status=status, member_id=member_id)


def member_history_page(member_id: str, service_from: str | None, service_to: str | None, *, limit: int,
                        token: str | None) -> tuple[list[ListedClaim], str | None]:
    return claim_pages.claims_page("gsi2", f"MEMBER#{member_id}", service_from, service_to, limit=limit, token=token)


def member_history(member_id: str, service_from: str | None = None, service_to: str | None = None):
    return claim_store.claims_of_member(member_id, service_from, service_to)


def rebate_extract(quarter: str) -> dict:
    """Units by NDC for the quarter's rebate invoice; 340B lines are left out (no duplicate discount).

    Only payable lines have rows: a pended line gets its row when its re-edit makes it payable."""
    totals: dict[str, dict] = defaultdict(lambda: {"lines": 0, "hcpcs_units": Decimal(0), "ndc_quantity": Decimal(0)})
    excluded = 0
    for row in claim_store.rebate_rows(quarter):
        if row["is_340b"]:
            excluded += 1
            continue
        entry = totals[(row["ndc11"], row["ndc_unit"])]
        entry["lines"] += 1
        entry["hcpcs_units"] += Decimal(row["units"] or "0")
        entry["ndc_quantity"] += Decimal(row["ndc_quantity"] or "0")
    return {
        "quarter": quarter,
        "excluded_340b_lines": excluded,
        "ndcs": [{"ndc11": ndc, "ndc_unit": unit, "lines": v["lines"], "hcpcs_units": str(v["hcpcs_units"]),
                  "ndc_quantity": str(v["ndc_quantity"])} for (ndc, unit), v in sorted(totals.items())],
    }
