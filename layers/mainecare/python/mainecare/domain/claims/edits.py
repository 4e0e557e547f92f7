"""MaineCare claim edits: run_edits(claim, context) -> EditResult. Pure: no I/O, no AWS.

Claim-level findings reject the claim (it is returned unprocessed); line findings deny, pend or
warn.
Whether a line denial instead rejects the whole claim depends on the channel (an invalid NDC on
an 837 rejects the claim, on the portal/API only the line denies): see decision.decide.

Codes, and the standard CARC/RARC each carries (CARC = X12 Claim Adjustment Reason Code,
RARC = Remittance Advice Remark Code; 277CA category used when it rejects a claim):

| Code | Level | Severity | CARC | RARC | 277CA | Why |
|---|---|---|---|---|---|---|
| SUBMITTER_NOT_REGISTERED | claim | reject | 16 | - | A3 | 837 only: 1000A NM109 not the partner's (edits_submitter) |
| BILLING_NPI_INVALID | claim | reject | 16 | N257 | A7 | N257: invalid billing provider identifier |
| RENDERING_NPI_INVALID | claim | reject | 16 | N290 | A7 | N290: invalid rendering provider ID |
| TOTAL_CHARGE_MISMATCH | claim | reject | 16 | M54 | A7 | M54: invalid total charges |
| DIAGNOSIS_MISSING | claim | reject | 16 | M76 | A6 | M76: missing/invalid diagnosis |
| FREQUENCY_CODE_INVALID | claim | reject | 16 | MA30 | A7 | MA30: invalid type of bill (3rd digit) |
| SERVICE_DATE_MISSING | claim | reject | 16 | M52 | A6 | M52: missing/invalid "from" date |
| SERVICE_DATE_IN_FUTURE | claim | reject | 16 | M52 | A7 | DOS after the processing date |
| MEMBER_NOT_FOUND | claim | reject | 31 | - | A7:33 | 31: not identified as our insured |
| MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE | claim | reject | 177 | - | A7:88:IL | no coverage span on a DOS |
| NDC_MISSING | line | deny | 16 | M119 | A6 | M119: missing/invalid/withdrawn NDC |
| NDC_INVALID_FORMAT | line | deny | 16 | M119 | A7 | not 11 digits 5-4-2; 10 never guessed |
| NDC_QUALIFIER_INVALID | line | deny | 16 | M119 | A7 | LIN02 / serviceIdQualifier not N4 |
| NDC_HCPCS_PAIR_INVALID | line | deny | 16 | M119 | A7 | on neither crosswalk for the DOS |
| NDC_CROSSWALK_NOT_LOADED | line | pend | - | - | - | our missing file neither denies nor pays |
| NDC_QUANTITY_INVALID | line | deny | 16 | M123 | - | M123: invalid drug strength/dosage |
| NDC_UNIT_INVALID | line | deny | 16 | M123 | - | CTP05 not F2/GR/ME/ML/UN |
| DRUG_LINE_HCPCS_MISSING | line | deny | 16 | M51 | - | M51: missing/invalid procedure code |
| PROCEDURE_CODE_INVALID | line | deny | 16 | M51 | - | not a HCPCS/CPT code format |
| RENDERING_LICENSE_INACTIVE | line | deny | B7 | - | - | B7: provider not eligible on the DOS |
| INTERPRETER_WITHOUT_SERVICE | line | deny | 107 | - | - | 107: qualifying service not on claim |
| MODIFIER_340B_MISMATCH | line | warn/deny | 4 | N363 | - | 4: modifier inconsistent (deny only) |
| AUTHORIZATION_REQUIRED | line | deny | 197 | N54 | - | code needs an approved authorization with units left |
| NDC_NOT_ON_REBATE_LIST | line | deny | 197 | M119 | - | NDC not on the CMS rebate list, no prior authorization |

The 277CA column is the STC category when the finding rejects a claim (claim-level rows always;
the four "invalid NDC" line rows on an 837 only); the claim status code beside it is the most
specific one the code list has for the finding (findings.CATALOGUE lists them: 218 NDC number,
562 NPI with entity 85/82, 255 diagnosis code, 33 and 88:IL for the member edits, 24:41 for the
unregistered submitter ...).
A warning carries no CARC (it adjusts nothing), only its RARC.
A pended line carries neither: it is not adjudicated until the crosswalk it waits for is loaded
(the finding's `awaiting` names it), and the claim is acknowledged A2 meanwhile.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from decimal import Decimal

from mainecare.domain.authorizations.drawdown import Draw
from mainecare.domain.claims.context import EditContext, LicenseStatus
from mainecare.domain.claims.edits_340b import modifier_340b_findings
from mainecare.domain.claims.edits_authorization import authorization_findings
from mainecare.domain.claims.edits_drug import drug_line_findings
from mainecare.domain.claims.edits_member import member_findings
from mainecare.domain.claims.edits_services import (
    interpreter_findings,
    license_findings,
    procedure_code_findings,
)
from mainecare.domain.claims.findings import EditFinding, finding
from mainecare.domain.claims.model import Claim
from mainecare.domain.claims.npi import npi_error
from valueobjects import value_object

# CLM05-3 MaineCare takes: 1 original, 7 replacement of a prior claim, 8 void/cancel.
FREQUENCY_CODES = frozenset({"1", "7", "8"})


@value_object
class EditResult:
    claim_errors: list[EditFinding] = field(default_factory=list)
    line_findings: dict[int, list[EditFinding]] = field(default_factory=dict)
    # Units each line would draw from an authorization; only lines that end up payable draw them.
    draws: list[Draw] = field(default_factory=list)

    def all_findings(self) -> list[EditFinding]:
        return [*self.claim_errors, *(f for n in sorted(self.line_findings) for f in self.line_findings[n])]

    def codes(self) -> list[str]:
        return [f.code for f in self.all_findings()]


def run_edits(claim: Claim, context: EditContext) -> EditResult:
    licences: dict[tuple[str, date], LicenseStatus | None] = {}
    lines: dict[int, list[EditFinding]] = {}
    for line in claim.lines:
        lines[line.line_number] = [
            *procedure_code_findings(claim, line),
            *drug_line_findings(claim, line, context),
            *modifier_340b_findings(claim, line, context),
            *interpreter_findings(claim, line, context),
            *license_findings(claim, line, context, licences),
        ]
    authorization_lines, draws = authorization_findings(claim, context, lines)
    for number, found in authorization_lines.items():
        lines[number].extend(found)
    return EditResult(claim_level_findings(claim, context), lines, draws)


def claim_level_findings(claim: Claim, context: EditContext) -> list[EditFinding]:
    found: list[EditFinding] = []
    billing_error = npi_error(claim.billing.npi)
    if billing_error:
        found.append(finding("BILLING_NPI_INVALID", f"Billing provider: {billing_error.message}"))
    rendering = [(None, claim.rendering_npi)] + [(ln.line_number, ln.rendering_npi) for ln in claim.lines]
    for line_number, npi in rendering:
        error = npi_error(npi) if npi else None
        if error:
            where = f"Line {line_number} rendering provider" if line_number else "Rendering provider"
            found.append(finding("RENDERING_NPI_INVALID", f"{where}: {error.message}", line=line_number))
    line_total = sum((ln.charge for ln in claim.lines), start=Decimal(0))
    if line_total != claim.total_charge:
        found.append(finding(
            "TOTAL_CHARGE_MISMATCH",
            f"Claim total charge {claim.total_charge} does not equal the sum of the line charges "
            f"{line_total}.",
        ))
    if not claim.diagnoses:
        found.append(finding("DIAGNOSIS_MISSING", "The claim has no diagnosis code (HI ABK/ABF, BK/BF)."))
    if claim.frequency_code not in FREQUENCY_CODES:
        found.append(finding(
            "FREQUENCY_CODE_INVALID",
            f"Claim frequency code '{claim.frequency_code}' must be 1 (original), 7 (replacement) "
            "or 8 (void).",
        ))
    found.extend(_date_findings(claim, context))
    found.extend(member_findings(claim, context))
    return found


def _date_findings(claim: Claim, context: EditContext) -> list[EditFinding]:
    found: list[EditFinding] = []
    for line in claim.lines:
        dates = claim.dates_of(line)
        if dates is None:
            found.append(finding(
                "SERVICE_DATE_MISSING",
                f"Line {line.line_number} has no date of service (DTP*472) and the claim has no "
                "statement dates.",
                line=line.line_number, hcpcs=line.procedure_code,
            ))
        elif dates.last > context.today:
            found.append(finding(
                "SERVICE_DATE_IN_FUTURE",
                f"Line {line.line_number}: date of service {dates.last.isoformat()} is after the "
                f"processing date {context.today.isoformat()}.",
                line=line.line_number, hcpcs=line.procedure_code, dos=dates.last,
            ))
    return found
