"""Use case: a claim arrives as JSON through the API (the portal's twin).

The claim runs the same edits as an 837 claim, decided for the "api" channel: a bad NDC denies
only its line, the rest go on; a drug line no loaded crosswalk can judge pends the claim (stored
PENDED, answered 201) until the file lands (services/claims/reedit_pended). A claim-level failure (bad
NPI, totals that don't add up) rejects the claim and stores nothing. An Idempotency-Key makes a
retry return the first answer.
"""

from __future__ import annotations

from mainecare.domain.accounts import Identity
from mainecare.domain.claims.decision import ClaimDecision, decide, payable_draws
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.errors import Refused
from mainecare.models.claims_api import ClaimOutcome, Finding, LineOutcome
from mainecare.models.claims_json import ClaimRequest, claim_from_json
from mainecare.observability import count_now
from mainecare.services.claims.authorization_draws import store_with_draws, widened
from mainecare.services.claims.context import edit_context
from mainecare.services.claims.records import new_claim_id, rebate_rows, stable_claim_id, stored_claim
from mainecare.services.reference.index import fresh_index
from mainecare.stores import idempotency

PENDED_METRIC = "PendedClaims"


class ClaimRejected(Refused):
    """Claim-level edits refused the claim: nothing was stored; the details list every reason."""

    def __init__(self, outcome: ClaimOutcome):
        super().__init__("CLAIM_REJECTED", "The claim failed claim-level edits and was not stored.",
                         [r.model_dump(mode="json") for r in outcome.reasons])
        self.outcome = outcome


def outcome_of(decision: ClaimDecision, claim_id: str | None, patient_control_number: str) -> ClaimOutcome:
    def findings(items) -> list[Finding]:
        return [Finding(**f.to_dict()) for f in items]

    return ClaimOutcome(
        claim_id=claim_id, status=decision.status, channel=decision.channel,
        patient_control_number=patient_control_number,
        lines=[LineOutcome(line=n, status=s, reasons=findings(decision.reasons_for_line(n)))
               for n, s in sorted(decision.line_statuses.items())],
        reasons=findings(decision.reasons),
        warnings=findings(f for f in decision.findings if f.severity == "warn"),
    )


def evaluate(request: ClaimRequest, given_back_units: dict[str, int] | None = None):
    claim = claim_from_json(request)
    context = widened(edit_context(), given_back_units or {})
    edits = run_edits(claim, context)
    decision = decide(claim, edits, "api")
    if decision.status == "PENDED":
        # Pend only on the list as it is now: this container's may predate a load by minutes.
        context = widened(edit_context(crosswalks=fresh_index()), given_back_units or {})
        edits = run_edits(claim, context)
        decision = decide(claim, edits, "api")
    return claim, decision, context, payable_draws(edits, decision)


def validate_claim(request: ClaimRequest) -> ClaimOutcome:
    claim, decision, _, _ = evaluate(request)
    return outcome_of(decision, None, claim.patient_control_number)


def submit_claim(identity: Identity, request: ClaimRequest, raw_body: bytes,
                 idempotency_key: str | None) -> tuple[ClaimOutcome, bool]:
    """Returns the outcome and whether it is a replay of an earlier request with the same key."""
    if not idempotency_key:
        return _store(identity, request, new_claim_id()), False
    body_hash = idempotency.fingerprint(raw_body)
    # The id comes from the key AND the body: a retry of a request that died after storing (before
    # its idempotency record was completed) finds the same id and cannot store twice, while a new
    # body sent with the key once its record has expired is a new claim with an id of its own.
    claim_id = stable_claim_id(identity.trading_partner_id, "api", idempotency_key, body_hash)
    answer, replayed = idempotency.run_once(
        f"claims#{identity.trading_partner_id}", idempotency_key, body_hash,
        lambda: _store(identity, request, claim_id).model_dump(mode="json"))
    return ClaimOutcome.model_validate(answer), replayed


def _store(identity: Identity, request: ClaimRequest, claim_id: str) -> ClaimOutcome:
    claim = claim_from_json(request)

    def edit(given_back_units: dict[str, int]):
        _, decision, context, draws = evaluate(request, given_back_units)
        if not decision.accepted:
            return decision, None, [], []
        record = stored_claim(claim, decision, claim_id, identity.trading_partner_id, source="api", draws=draws)
        return decision, record, rebate_rows(claim, decision, context), draws

    decision, stored = store_with_draws(edit, identity.email, claim, identity.trading_partner_id)
    count_now("ClaimsReceived")  # the same names as edi_ingest's: the dashboard adds the two channels
    if not decision.accepted:
        count_now("ClaimsRejected")
        raise ClaimRejected(outcome_of(decision, None, claim.patient_control_number))
    if stored:
        count_now("ClaimsAccepted")
        if decision.status == "PENDED":
            count_now(PENDED_METRIC)  # alarmed: a crosswalk file is missing and claims wait for it
    return outcome_of(decision, claim_id, claim.patient_control_number)
