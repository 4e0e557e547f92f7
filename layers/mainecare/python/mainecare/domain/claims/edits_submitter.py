"""The 1000A submitter (NM1*41 NM109) of an 837 must be registered for the trading partner that sent it.

The ISA06 and GS02 checks refuse a file at its envelope (domain/claims/sender_checks.py). The 1000A
submitter is inside each transaction set, past the envelope and the 999's syntax: a payer's front
door answers it in the 277CA, rejecting the set's claims before adjudication, as for any business
edit. X12's own status for it is A3:24:41 (entity not approved as an electronic submitter; entity
41, the submitter); the 277CA writes status 21 (invalid information) for every rejection today, so
it goes out as A3:21 with the reason in STC12.
"""

from __future__ import annotations

from collections.abc import Collection

from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim

SUBMITTER_NOT_REGISTERED = "SUBMITTER_NOT_REGISTERED"


def submitter_findings(claim: Claim, registered_ids: Collection[str]) -> list[EditFinding]:
    if claim.submitter.id.strip() in {i.strip() for i in registered_ids}:
        return []
    # The message names the loop, never the id sent: error texts do not echo submitted values.
    return [finding(SUBMITTER_NOT_REGISTERED,
                    "The submitter identifier (loop 1000A NM109) is not registered for this trading partner.")]
