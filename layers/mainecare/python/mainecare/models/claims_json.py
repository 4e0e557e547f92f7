"""JSON claim requests <-> the Claim model: claim_from_json(ClaimRequest) and claim_to_json(Claim).

The request layout (Change Healthcare Professional Claims v3, as Stedi's JSON 837P/837I also
take it) and its validation live in claims_json_schema; this module is the public entry point.
claim_to_json writes the same layout back (amounts as strings, dates YYYYMMDD, `providers`
list), so claim_from_json(ClaimRequest.model_validate(claim_to_json(c))) == c for any claim
whose fields the layout carries (not: receiver ID, a dependent's member ID, extra 2410 drugs).

One mapping from the layout to the Claim: a validated request is read by the same code that reads
a stored claim back (claims_json_stored), once its Stedi-style `billing` / `rendering` /
`attending` objects are folded into the `providers` list that claim_to_json writes.
"""

from __future__ import annotations

from mainecare.domain.claims import model as m
from mainecare.models.claims_json_out import claim_to_json
from mainecare.models.claims_json_schema import ClaimRequest
from mainecare.models.claims_json_stored import claim_from_stored

__all__ = ["ClaimRequest", "claim_from_json", "claim_to_json"]

PROVIDER_ROLES = ("BillingProvider", "RenderingProvider", "AttendingProvider")


def claim_from_json(request: ClaimRequest) -> m.Claim:
    body = request.model_dump(exclude_none=True, exclude={"providers", "billing", "rendering", "attending"})
    objects = (request.billing, request.rendering, request.attending)
    body["providers"] = [{**provider.model_dump(exclude_none=True), "providerType": role}
                         for role, stedi_object in zip(PROVIDER_ROLES, objects, strict=True)
                         if (provider := request.provider(role, stedi_object)) is not None]
    return claim_from_stored(body)
