"""Use case: an 837 file arrived in the inbound bucket under a trading partner's prefix.

Two streaming passes over the S3 object keep memory bounded whatever the file size:
1. structure: envelopes, counts, the 837 hierarchy and code values -> the 999, one per group;
2. claims of the accepted transaction sets, one at a time -> the claim edits for the "edi"
   channel (one bad NDC rejects the whole claim, other claims go on; a drug line no loaded
   crosswalk can judge pends its claim, acknowledged A2 all the same) -> stored claims, a 277CA
   per accepted set, and the Business Rejection Report (JSON and CSV).
The prefix names the trading partner; a file whose ISA06 or GS02 is not one of that partner's
registered submitter ids is refused with a TA1 (domain/claims/sender_checks.py), and claims whose
1000A submitter is not are rejected in the 277CA. A file is registered by content hash and by
sender + ISA13, both scoped to the partner, before anything is written back, so a re-upload gets a
TA1 duplicate notice, an SQS redelivery of the same object is harmless, and no partner's upload
can make another partner's file a "duplicate".
"""

from __future__ import annotations

from dataclasses import field, replace
from decimal import Decimal
from itertools import islice

from mainecare import clock
from mainecare.domain.accounts import ACTIVE
from mainecare.domain.claims.ack277 import AckClaim, AckHeader
from mainecare.domain.claims.decision import decide, payable_draws
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.edits_submitter import submitter_findings
from mainecare.domain.claims.from_837 import ClaimMappingError, claim_from_segments
from mainecare.domain.claims.model import Claim, ServiceLine
from mainecare.domain.claims.rejection_report import rejection_rows, to_csv, to_json
from mainecare.domain.claims.sender_checks import refuse_unregistered_senders
from mainecare.services.claims.authorization_draws import ACTS_ON_ORIGINAL, store_with_draws, widened
from mainecare.services.claims.context import edit_context, prefetch_members
from mainecare.services.claims.edi_acks import INVALID_CONTENT, ack_277ca_interchange, ack_999, ack_ta1
from mainecare.services.claims.records import rebate_rows, stable_claim_id, stored_claim
from mainecare.services.reference.index import fresh_index
from mainecare.stores import accounts, audit, edi_files, edi_receipts, inbound, outbound
from mainecare.stores import claims as claim_store
from valueobjects import record
from x12.ack999 import DUPLICATE_INTERCHANGE
from x12.claims837 import iter_claims
from x12.reader import X12FormatError
from x12.structure import validate_structure

BATCH = 200  # claims stored per batch write round
ZERO = Decimal(0)


@record
class IngestOutcome:
    file: str
    trading_partner_id: str
    # PROCESSED, DUPLICATE, ALREADY_PROCESSED, INTERCHANGE_REJECTED, SENDER_NOT_REGISTERED, UNKNOWN_PARTNER
    status: str
    claims_received: int = 0
    claims_accepted: int = 0
    claims_rejected: int = 0
    claims_pended: int = 0  # accepted (277CA A2), waiting for a crosswalk file: alarmed
    lines_denied: dict[str, int] = field(default_factory=dict)
    outbound: list[str] = field(default_factory=list)
    validated_by: str = ""  # "patterns" (the fast path) or "segments"; "" when not X12
    file_id: str = ""  # the receipt's id (stores/edi_receipts.py); answers are stored under it


def ingest_file(bucket: str, key: str, version_id: str | None = None) -> IngestOutcome:
    trading_partner_id, _, file_name = key.partition("/")
    outcome = IngestOutcome(file_name or key, trading_partner_id, "PROCESSED")
    if not file_name:  # not under a partner's prefix: nobody to answer or to show a receipt to
        outcome.status = "UNKNOWN_PARTNER"
        return outcome
    version_id = version_id or inbound.current_version(bucket, key)
    receipt = edi_receipts.open_receipt(bucket, key, version_id, trading_partner_id, file_name)
    outcome.file_id = receipt.file_id
    if receipt.status in (edi_receipts.ANSWERED, edi_receipts.REFUSED):
        outcome.status = "ALREADY_PROCESSED"  # an SQS redelivery of an object already answered
        return outcome
    partner = accounts.get_trading_partner(trading_partner_id)
    if partner is None or partner.status != ACTIVE:
        outcome.status = "UNKNOWN_PARTNER"  # nowhere to answer; the operator sees the metric and log
        edi_receipts.advance(receipt, edi_receipts.REFUSED, refusal={
            "code": "UNKNOWN_PARTNER", "reason": f"{trading_partner_id} is not an active trading partner."})
        return outcome

    edi_receipts.advance(receipt, edi_receipts.VALIDATING)
    reader = inbound.HashingReader(inbound.open_object(bucket, key, version_id))
    try:
        # The fast path gives up at its first doubt; the slow path then reads the object again.
        report = validate_structure(reader, reopen=lambda: inbound.open_object(bucket, key, version_id))
    except X12FormatError as error:
        outcome.status = "INTERCHANGE_REJECTED"
        _refuse(outcome, receipt, None, ack_ta1(None, str(error)), INVALID_CONTENT, str(error))
        return outcome
    reader.drain()
    outcome.validated_by = report.validated_by
    content_hash = reader.hexdigest()
    sender_refused = refuse_unregistered_senders(report, partner.submitter_ids)
    if not report.accepted:  # a broken envelope or someone else's ids: a TA1 answers, nothing is processed
        outcome.status = "SENDER_NOT_REGISTERED" if sender_refused else "INTERCHANGE_REJECTED"
        first = report.interchange_errors[0] if report.interchange_errors else None
        _refuse(outcome, receipt, report, ack_ta1(report), first.code if first else "",
                first.message if first else "The interchange was not accepted.")
        return outcome

    registered = edi_files.claim_file(content_hash, report.sender_id, report.interchange_control_number,
                                      f"{key}@{version_id or ''}", trading_partner_id)
    if registered.outcome == "ALREADY_DONE":
        outcome.status = "ALREADY_PROCESSED"
        return outcome
    if registered.outcome == "DUPLICATE":
        outcome.status = "DUPLICATE"
        _refuse(outcome, receipt, report, ack_ta1(report, duplicate=True), DUPLICATE_INTERCHANGE,
                "This file (the same content, or the same sender and ISA13) was received before.")
        return outcome

    receipt = edi_receipts.advance(receipt, edi_receipts.EDITING, counts={"claims_expected": report.claim_count},
                         interchange_control_number=report.interchange_control_number)
    acknowledgement = ack_999(report)
    if acknowledgement:  # nothing to acknowledge when the file holds only acknowledgements (GS01 FA)
        _answer(outcome, receipt, "999", acknowledgement)
    accepted_sets = report.accepted_sets()
    rows = _process_claims(bucket, key, version_id, accepted_sets, content_hash, report, outcome,
                           partner.submitter_ids, receipt) if accepted_sets else []
    # Written last, even when empty: their arrival tells a submitter the file is fully answered.
    _answer(outcome, receipt, "rejections.json", to_json(rows))
    _answer(outcome, receipt, "rejections.csv", to_csv(rows))
    summary = {"claims": outcome.claims_received, "accepted": outcome.claims_accepted,
               "rejected": outcome.claims_rejected}
    # The file's claims are audited here, once: each claim item names this file and its ordinal, and
    # its id derives from the content hash, the set and the ordinal (records.stable_claim_id).
    edi_files.finish_file(content_hash, report.sender_id, report.interchange_control_number, summary,
                          trading_partner_id, audit.entry(f"EDI_FILE#{receipt.file_id}", "CLAIMS_RECEIVED",
                                                          f"edi:{trading_partner_id}", {
                                                              **summary, "pended": outcome.claims_pended,
                                                              "file": outcome.file, "content_hash": content_hash}))
    edi_receipts.advance(receipt, edi_receipts.ANSWERED, counts=_counts(outcome), answers=_names(outcome))
    return outcome


def _answer(outcome: IngestOutcome, receipt, suffix: str, body: str) -> None:
    """Answers live under the file id: a later upload of the same name never overwrites them."""
    outcome.outbound.append(outbound.put(outcome.trading_partner_id,
                                         f"{receipt.file_id}/{outcome.file}.{suffix}", body))


def _names(outcome: IngestOutcome) -> list[str]:
    prefix = f"{outcome.trading_partner_id}/{outcome.file_id}/"
    return [key.removeprefix(prefix) for key in outcome.outbound]


def _refuse(outcome: IngestOutcome, receipt, report, ta1: str, code: str, reason: str) -> None:
    _answer(outcome, receipt, "ta1", ta1)
    edi_receipts.advance(receipt, edi_receipts.REFUSED, answers=_names(outcome),
                         refusal={"code": code, "reason": reason[:300]},
                         interchange_control_number=report.interchange_control_number if report else None)


def _counts(outcome: IngestOutcome) -> dict:
    return {"claims_edited": outcome.claims_received, "claims_received": outcome.claims_received,
            "claims_accepted": outcome.claims_accepted, "claims_rejected": outcome.claims_rejected,
            "claims_pended": outcome.claims_pended}


def _process_claims(bucket, key, version_id, accepted_sets, content_hash, report, outcome: IngestOutcome,
                    submitter_ids: tuple[str, ...], receipt) -> list:
    trading_partner_id, file_name = outcome.trading_partner_id, outcome.file
    context = edit_context(crosswalks=fresh_index())  # one list per file, never older than a load
    acks: dict[tuple[str, str], list[AckClaim]] = {}
    shared: dict = {}  # one copy of each party and date the 277CA keeps (see _for_ack)
    batch_reference: dict[tuple[str, str], str] = {}
    rows = []
    pending: list = []
    stream = inbound.open_object(bucket, key, version_id)
    for ordinal, segments, claim in _mapped_ahead(iter_claims(stream, accepted_sets), context):
        set_key = (segments.group_control_number, segments.set_control_number)
        claim_id = stable_claim_id(content_hash, *set_key, str(ordinal))
        if claim is None:
            continue  # the structure pass already rejected what cannot be mapped
        source = f"{file_name}#{ordinal + 1}"
        edits = run_edits(claim, context)
        edits.claim_errors[:0] = submitter_findings(claim, submitter_ids)
        decision = decide(claim, edits, "edi")
        if payable_draws(edits, decision) or claim.frequency_code in ACTS_ON_ORIGINAL:
            # draws authorization units, or gives an original's back: a transaction of its own
            decision = _store_drawing(claim, context, submitter_ids, claim_id, trading_partner_id, source)
        else:
            pending.append((stored_claim(claim, decision, claim_id, trading_partner_id, source),
                            rebate_rows(claim, decision, context)))
        ack = AckClaim(_for_ack(claim, shared), decision, claim_id if decision.accepted else "")
        acks.setdefault(set_key, []).append(ack)
        # TRN*2 should echo the 837's BHT03; the claim iterator hands on the set, so ST02 stands in.
        batch_reference.setdefault(set_key, segments.set_control_number)
        rows += rejection_rows(file_name, [(claim, decision)])  # only rejected claims give rows
        _count(outcome, decision)
        if len(pending) >= BATCH:
            claim_store.put_claims_batch(pending)
            pending = []
            receipt = edi_receipts.advance(receipt, edi_receipts.EDITING, counts=_counts(outcome))  # progress n/N
    if pending:
        claim_store.put_claims_batch(pending)

    if acks:
        received = clock.local_now()  # the 277CA dates are Maine dates
        headers = [(AckHeader(reference=f"{content_hash[:12].upper()}{n:03d}", batch_reference=batch_reference[k],
                              received=received.date(), processed=received, set_control_number=f"{n:04d}"), acks[k])
                   for n, k in enumerate(sorted(acks), start=1)]
        _answer(outcome, receipt, "277ca", ack_277ca_interchange(report, headers))
    return rows


def _mapped_ahead(claims, context, ahead: int = 100):
    """(ordinal, segments, claim or None when it cannot be mapped), mapped a hundred at a time so
    that their members' coverage is read in one batch before they are edited."""
    ordinals = enumerate(claims)
    # Each claim is mapped as soon as the reader hands it on (before the reader moves on).
    while mapped := [(ordinal, segments, _claim_or_none(segments)) for ordinal, segments in islice(ordinals, ahead)]:
        prefetch_members(context, [claim.subscriber.member_id.strip() for _, _, claim in mapped if claim])
        yield from mapped


def _claim_or_none(segments) -> Claim | None:
    try:
        return claim_from_segments(segments)
    except ClaimMappingError:
        return None


def _store_drawing(claim: Claim, context, submitter_ids, claim_id: str, trading_partner_id: str, source: str):
    def edit(given_back_units: dict[str, int]):
        edits = run_edits(claim, widened(context, given_back_units))
        edits.claim_errors[:0] = submitter_findings(claim, submitter_ids)
        decision = decide(claim, edits, "edi")
        draws = payable_draws(edits, decision)
        record = stored_claim(claim, decision, claim_id, trading_partner_id, source, draws=draws)
        return decision, record, rebate_rows(claim, decision, context), draws

    return store_with_draws(edit, f"edi:{trading_partner_id}", claim, trading_partner_id)[0]


def _for_ack(claim: Claim, shared: dict) -> Claim:
    """What the 277CA needs of a claim, kept until the file ends: no drugs, codes or diagnoses,
    only each line's dates. Submitter, receiver, billing provider and service dates repeat from
    claim to claim, so one copy of each equal value is kept (`shared`; subscribers and patients
    are mostly one per claim, where a shared copy would only add its dict entry): memory per claim
    stays small for files of 100k claims."""
    def one(value):
        return shared.setdefault(value, value) if value is not None else None

    lines = tuple(ServiceLine(line.line_number, "", "", ZERO, ZERO, service_dates=one(claim.dates_of(line)))
                  for line in claim.lines)
    return replace(claim, lines=lines, diagnoses=(), other_payers=(), service_facility=None,
                   submitter=one(claim.submitter), receiver=one(claim.receiver), billing=one(claim.billing))


def _count(outcome: IngestOutcome, decision) -> None:
    outcome.claims_received += 1
    if decision.accepted:
        outcome.claims_accepted += 1
        outcome.claims_pended += decision.status == "PENDED"
        for reason in (r for r in decision.reasons if r.severity == "deny"):
            outcome.lines_denied[reason.code] = outcome.lines_denied.get(reason.code, 0) + 1
    else:
        outcome.claims_rejected += 1
