"""Use case: validate an NDC, and when asked, its NDC/HCPCS pair on a date of service."""

from __future__ import annotations

import re
from datetime import date

from mainecare import clock
from mainecare.domain.claims.edits_drug import claim_billing_ndc
from mainecare.domain.crosswalks.index import CrosswalkIndex
from mainecare.domain.errors import RuleError
from mainecare.domain.ndc import NDC_FORMAT_POLICY, formats_on, hcpcs_error, normalize_hcpcs, normalize_ndc
from mainecare.models.ndc import NdcValidateRequest, NdcValidateResponse
from mainecare.stores.policy import policy_versions

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
def not_claim_ready(billing_ndc: str) -> RuleError:
    return RuleError("NDC_NOT_CLAIM_READY", f"A claim must carry the NDC as {billing_ndc}; sent as it is here, "
                     "the claim line would deny (NDC_INVALID_FORMAT).")


RESOLVED_10_DIGIT = RuleError(
    "NDC_10_DIGIT_RESOLVED",
    "A bare 10-digit NDC was read as the only padding found in the crosswalks; "
    "send 11 digits to avoid the guess.",
)


def _date_of_service(text: str) -> tuple[date | None, RuleError | None]:
    try:
        if not ISO_DATE.fullmatch(text):  # fromisoformat alone also reads 20260410 and week dates
            raise ValueError
        return date.fromisoformat(text), None
    except ValueError:  # the message never repeats what was sent
        return None, RuleError("DATE_OF_SERVICE_INVALID", "date_of_service must be a calendar date YYYY-MM-DD.")


def validate_ndc(request: NdcValidateRequest, index: CrosswalkIndex) -> NdcValidateResponse:
    # The formats of the date of service when one is given and readable, else of today (Maine).
    given_dos = _date_of_service(request.date_of_service)[0] if request.date_of_service else None
    formats = formats_on(policy_versions(NDC_FORMAT_POLICY), given_dos or clock.today())
    parsed = normalize_ndc(request.ndc, is_known=index.is_known_ndc, formats=formats)
    errors: list[RuleError] = list(parsed.errors)
    warnings: list[RuleError] = [RESOLVED_10_DIGIT] if parsed.resolved_by_reference else []
    claim_ready = claim_billing_ndc(request.ndc, formats) is not None
    if parsed.format_valid and not claim_ready:
        warnings.append(not_claim_ready(parsed.billing_ndc))
    matched: list[dict] = []
    pair_valid: bool | None = None

    wants_pair = request.hcpcs is not None or request.date_of_service is not None
    if wants_pair:
        dos, dos_error = (None, None)
        if request.date_of_service is None or request.hcpcs is None:
            errors.append(RuleError("PAIR_INCOMPLETE",
                                    "Send both hcpcs and date_of_service to check the NDC/HCPCS pair."))
        else:
            dos, dos_error = _date_of_service(request.date_of_service)
            code_error = hcpcs_error(request.hcpcs)
            errors.extend(e for e in (dos_error, code_error) if e is not None)
            if dos is not None and code_error is None and parsed.format_valid:
                check = index.check_pair(parsed.billing_ndc, normalize_hcpcs(request.hcpcs), dos)
                pair_valid = check.valid
                matched = [{"source": m.source, "version": m.version} for m in check.matched]
                errors.extend(check.errors)

    return NdcValidateResponse(
        ndc11=parsed.ndc11,
        ndc12=parsed.ndc12,
        format_valid=parsed.format_valid,
        claim_ready=claim_ready,
        pair_valid=pair_valid,
        matched=matched,
        errors=[e.to_dict() for e in errors],
        warnings=[w.to_dict() for w in warnings],
    )
