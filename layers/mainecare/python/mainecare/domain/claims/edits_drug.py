"""Drug line edits: the NDC in loop 2410 and its pairing with the line's HCPCS code.

MaineCare (2021 notice): NDCs are 11 digits in 5-4-2 form; a pair must be on the CMS ASP
crosswalk for the quarter of the date of service or on a PDAC relationship covering it; either
list is enough; when a list the answer depends on is not loaded, the line is pended (see
decision.py). A claim never gets a guessed NDC: a bare 10-digit value is invalid even when only
one of its three readings is on a crosswalk, so normalize_ndc is called without reference data.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.claims.context import EditContext
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim, DrugIdentification, ServiceLine
from mainecare.domain.crosswalks.index import PairCheck
from mainecare.domain.ndc import (
    BILLING_NDC_LENGTH,
    TWELVE_DIGIT_NDC_LENGTH,
    NdcFormats,
    normalize_hcpcs,
    normalize_ndc,
)
from mainecare.domain.quarters import quarter_of

NDC_QUALIFIER = "N4"
NDC_UNITS = frozenset({"F2", "GR", "ME", "ML", "UN"})

# Not-otherwise-classified drug codes: the NDC identifies the drug, and NOC codes are not on the
# crosswalks by design, so the pair check is skipped (the NDC itself must still be valid).
NOC_DRUG_CODES = frozenset({"J3490", "J3590", "J7599", "J7699", "J7799", "J8499", "J8999", "J9999", "C9399"})


def drug_line_findings(claim: Claim, line: ServiceLine, ctx: EditContext) -> list[EditFinding]:
    hcpcs = normalize_hcpcs(line.procedure_code)
    dates = claim.dates_of(line)
    dos = dates.start if dates else None
    where = {"line": line.line_number, "hcpcs": hcpcs, "dos": dos}
    if not line.drugs:
        if hcpcs and ctx.ndc_required(hcpcs):
            return [finding(
                "NDC_MISSING",
                f"Line {line.line_number}: {hcpcs} is a drug code; an 11-digit NDC (LIN*N4 in loop 2410, "
                "or drugIdentification) is required on every CPT/HCPCS drug line.",
                **where,
            )]
        return []
    found: list[EditFinding] = []
    if not hcpcs:
        found.append(finding(
            "DRUG_LINE_HCPCS_MISSING",
            f"Line {line.line_number}: a drug with an NDC needs a HCPCS code on the line; a revenue code "
            f"alone ({line.revenue_code or 'none'}) is not acceptable (NOC drugs: revenue code 0636 with "
            "the NOC code).",
            **where,
        ))
    for drug in line.drugs:
        found.extend(_drug_findings(line, drug, hcpcs, dos, ctx))
    return found


def _drug_findings(
    line: ServiceLine, drug: DrugIdentification, hcpcs: str, dos: date | None, ctx: EditContext
) -> list[EditFinding]:
    n = line.line_number
    where = {"line": n, "hcpcs": hcpcs, "dos": dos, "ndc": drug.ndc_raw}
    found: list[EditFinding] = []
    if drug.qualifier != NDC_QUALIFIER:
        # Another product ID (EAN, UPC ...) is not an NDC, so nothing below can be judged.
        return [finding(
            "NDC_QUALIFIER_INVALID",
            f"Line {n}: drug qualifier (LIN02) is '{drug.qualifier}'; MaineCare needs N4 with an "
            "11-digit NDC.",
            **where,
        )]
    formats = ctx.ndc_formats(dos)
    billing_ndc = claim_billing_ndc(drug.ndc_raw, formats)
    if billing_ndc is None:
        found.append(_format_finding(n, drug.ndc_raw, where, formats))
    if drug.quantity is None or drug.quantity <= 0:
        shown = "missing" if drug.quantity is None else str(drug.quantity)
        found.append(finding(
            "NDC_QUANTITY_INVALID",
            f"Line {n}: NDC unit count (CTP04) is {shown}; it must be greater than 0.",
            **where,
        ))
    if drug.unit not in NDC_UNITS:
        found.append(finding(
            "NDC_UNIT_INVALID",
            f"Line {n}: NDC unit (CTP05) '{drug.unit or 'missing'}' must be one of F2, GR, ME, ML, UN.",
            **where,
        ))
    if billing_ndc is not None and hcpcs and dos is not None and hcpcs not in NOC_DRUG_CODES:
        found.extend(_pair_findings(n, billing_ndc, hcpcs, dos, ctx, where))
    return found


def claim_billing_ndc(raw: str, formats: NdcFormats) -> str | None:
    """The billing NDC when the value is 11 digits (hyphens in 5-4-2 places allowed), or 12 digits
    6-4-2 on dates the policy accepts them, else None: what a claim line may carry as sent. The NDC
    validation route answers `claim_ready` by the same rule, so pre-validating never misleads."""
    parsed = normalize_ndc(raw, formats=formats)
    digits = sum(ch.isdigit() for ch in raw)
    # normalize_ndc pads a hyphenated 10-digit NDC; on a claim that is still "not 11 digits".
    lengths = (BILLING_NDC_LENGTH, TWELVE_DIGIT_NDC_LENGTH) if formats.twelve_digit else (BILLING_NDC_LENGTH,)
    if not parsed.format_valid or digits not in lengths:
        return None
    return parsed.billing_ndc


def _format_finding(n: int, raw: str, where: dict, formats: NdcFormats) -> EditFinding:
    parsed = normalize_ndc(raw, formats=formats)
    value = raw.strip()
    if not value:
        detail = "NDC (LIN03) is missing"
    elif sum(ch.isdigit() for ch in value) == 10 and set(value) <= set("0123456789-"):
        # The three 11-digit readings of a 10-digit NDC are different drugs; a claim is not the
        # place to guess, so the provider is told to send the 11 digits.
        detail = f"NDC '{value}' has 10 digits; the 11-digit form is required and is not guessed"
    elif parsed.errors:
        detail = parsed.errors[0].message.rstrip(".")
    else:
        detail = f"NDC '{value}' is not an 11-digit NDC"
    needed = ("the 11-digit 5-4-2 NDC (e.g. 00703514501) or the 12-digit 6-4-2 NDC" if formats.twelve_digit
              else "the 11-digit 5-4-2 NDC (e.g. 00703514501)")
    return finding("NDC_INVALID_FORMAT", f"Line {n}: {detail}. MaineCare needs {needed}.", **where)


def _pair_findings(
    n: int, ndc11: str, hcpcs: str, dos: date, ctx: EditContext, where: dict
) -> list[EditFinding]:
    check = ctx.crosswalks.check_pair(ndc11, hcpcs, dos)
    if check.valid:
        return []
    reason = " ".join(e.message for e in check.errors)
    if check.valid is None:
        # Our missing reference file must never deny a provider's line, nor let it be paid
        # unchecked: the line is pended until the file that can settle it is loaded.
        return [finding("NDC_CROSSWALK_NOT_LOADED", f"Line {n}: pended, pair not checked yet. {reason}",
                        awaiting=awaited_sources(check, dos), **where)]
    return [finding("NDC_HCPCS_PAIR_INVALID", f"Line {n}: {reason}", **where)]


def awaited_sources(check: PairCheck, dos: date) -> tuple[str, ...]:
    """The reference files whose load can settle an unknown pair: "ASP#<quarter of the DOS>", "PDAC"."""
    codes = {e.code for e in check.errors}
    awaited = (f"ASP#{quarter_of(dos)}",) if "ASP_QUARTER_NOT_LOADED" in codes else ()
    return awaited + (("PDAC",) if "PDAC_NOT_LOADED" in codes else ())
