"""What an edit says about a claim or a line, and the catalogue of every edit code.

One catalogue row per code fixes its severity, the CARC/RARC a remittance would carry, and the
277CA claim status category used when the finding rejects a claim, so the API answer, the 277CA,
the Business Rejection Report and a later 835 all say the same thing. The readable table with
the reasons for each code choice is in mainecare.domain.claims.edits.

Messages must carry only what the submitter sent about the service (NPI, NDC, HCPCS, dates,
amounts), never patient names, birth dates, member IDs or diagnosis codes: they go into 277CA
free text, reports and logs.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from valueobjects import value_object

# reject: the claim is returned unprocessed (claim level); deny: the line is adjudicated and not
# paid; pend: the line waits, unpaid and undenied, for reference data we have not loaded (see
# NDC_CROSSWALK_NOT_LOADED; decision.py pends the claim); warn: informational, nothing stops.
Severity = Literal["reject", "deny", "pend", "warn"]


@value_object
class FindingKind:
    severity: Severity
    carc: str | None
    rarc: str | None
    ack_category: str = "A7"  # 277CA STC01-1 when this rejects a claim: A6 missing, A7 invalid
    # STC01-2, claim status code (code source 508), the most specific the list has for the finding;
    # 21 (missing or invalid information) only where none names the data element.
    ack_status: str = "21"
    ack_entity: str = ""  # STC01-3, the entity the status code names (85 billing, 82 rendering, IL subscriber)
    # A second status (category, code, entity) sent beside the first (STC10), for codes whose usage
    # note requires one naming the data element: 510 "Future date" needs 187 "Date(s) of service".
    ack_also: tuple[str, str, str] | None = None


CATALOGUE: dict[str, FindingKind] = {
    # Claim status codes (508) used: 24 entity not approved as an electronic submitter; 33 subscriber
    # and subscriber id not found; 88 entity not eligible for benefits for submitted dates of service;
    # 91 entity not eligible/not approved for dates of service; 187 date(s) of service; 218 NDC
    # number; 255 diagnosis code; 400 claim is out of balance; 453 procedure code modifier(s); 454
    # procedure code for services rendered; 510 future date; 535 claim frequency code; 562 entity's
    # NPI; 659 unit or basis for measurement code; 724 drug quantity; 736 a related or qualifying
    # service/claim has not been received/adjudicated.
    # the 837's 1000A submitter, checked at ingest against the partner's ids (edits_submitter.py)
    "SUBMITTER_NOT_REGISTERED": FindingKind("reject", "16", None, "A3", "24", "41"),
    # claim level
    "BILLING_NPI_INVALID": FindingKind("reject", "16", "N257", "A7", "562", "85"),
    "RENDERING_NPI_INVALID": FindingKind("reject", "16", "N290", "A7", "562", "82"),
    "TOTAL_CHARGE_MISMATCH": FindingKind("reject", "16", "M54", "A7", "400"),
    "DIAGNOSIS_MISSING": FindingKind("reject", "16", "M76", "A6", "255"),
    "FREQUENCY_CODE_INVALID": FindingKind("reject", "16", "MA30", "A7", "535"),
    "SERVICE_DATE_MISSING": FindingKind("reject", "16", "M52", "A6", "187"),
    "SERVICE_DATE_IN_FUTURE": FindingKind("reject", "16", "M52", "A7", "510", ack_also=("A7", "187", "")),
    # 31: patient cannot be identified as our insured
    "MEMBER_NOT_FOUND": FindingKind("reject", "31", None, "A7", "33"),
    # 177: eligibility requirements not met; 88 with entity IL. Not 109, which is "entity not
    # eligible" with no dates.
    "MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE": FindingKind("reject", "177", None, "A7", "88", "IL"),
    # drug lines
    "NDC_MISSING": FindingKind("deny", "16", "M119", "A6", "218"),
    "NDC_INVALID_FORMAT": FindingKind("deny", "16", "M119", "A7", "218"),
    "NDC_QUALIFIER_INVALID": FindingKind("deny", "16", "M119", "A7", "218"),
    "NDC_HCPCS_PAIR_INVALID": FindingKind("deny", "16", "M119", "A7", "218"),
    "NDC_CROSSWALK_NOT_LOADED": FindingKind("pend", None, None),
    "NDC_QUANTITY_INVALID": FindingKind("deny", "16", "M123", "A7", "724"),
    "NDC_UNIT_INVALID": FindingKind("deny", "16", "M123", "A7", "659"),
    "DRUG_LINE_HCPCS_MISSING": FindingKind("deny", "16", "M51", "A6", "454"),
    # any line
    "PROCEDURE_CODE_INVALID": FindingKind("deny", "16", "M51", "A7", "454"),
    "RENDERING_LICENSE_INACTIVE": FindingKind("deny", "B7", None, "A7", "91", "82"),
    "INTERPRETER_WITHOUT_SERVICE": FindingKind("deny", "107", None, "A7", "736"),
    # utilization management: 197 precertification/authorization/notification absent (N54: the
    # authorization does not cover the service or its units); 197 with M119 for a drug whose NDC is
    # not on the CMS rebate list and no prior authorization covers it. 277CA 485: authorization
    # number missing/invalid (not used to reject: these lines deny).
    "AUTHORIZATION_REQUIRED": FindingKind("deny", "197", "N54", "A7", "485"),
    "NDC_NOT_ON_REBATE_LIST": FindingKind("deny", "197", "M119", "A7", "218"),
    # 340B: severity comes from the effective-dated policy; warn drops the CARC, keeps N363
    "MODIFIER_340B_MISMATCH": FindingKind("deny", "4", "N363", "A7", "453"),
}


@value_object
class EditFinding:
    code: str
    message: str
    severity: Severity
    carc: str | None = None
    rarc: str | None = None
    line: int | None = None
    ndc: str = ""  # as sent, so a report can quote it back
    hcpcs: str = ""
    dos: date | None = None
    # For a pend: the reference files that can settle the line, "ASP#<quarter>" and/or "PDAC".
    awaiting: tuple[str, ...] = ()

    @property
    def ack_category(self) -> str:
        return CATALOGUE[self.code].ack_category if self.code in CATALOGUE else "A7"

    @property
    def ack_status(self) -> tuple[str, str]:
        """(STC01-2 claim status code, STC01-3 entity code or "") for a 277CA rejection."""
        kind = CATALOGUE.get(self.code)
        return (kind.ack_status, kind.ack_entity) if kind else ("21", "")

    @property
    def ack_statuses(self) -> tuple[tuple[str, str, str], ...]:
        """Every (category, status, entity) this finding puts on a 277CA STC: STC01, then STC10."""
        kind = CATALOGUE.get(self.code)
        first = (self.ack_category, *self.ack_status)
        return (first, kind.ack_also) if kind and kind.ack_also else (first,)

    def to_dict(self) -> dict:
        awaiting = {"awaiting": list(self.awaiting)} if self.awaiting else {}
        return {
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
            "carc": self.carc,
            "rarc": self.rarc,
            "line": self.line,
            "ndc": self.ndc or None,
            "hcpcs": self.hcpcs or None,
            "dos": self.dos.isoformat() if self.dos else None,
            **awaiting,
        }

    @classmethod
    def from_dict(cls, data: dict) -> EditFinding:
        """A finding as to_dict stored it (a pended claim's decision is read back to re-edit it)."""
        return cls(data["code"], data["message"], data["severity"], data.get("carc"), data.get("rarc"),
                   data.get("line"), data.get("ndc") or "", data.get("hcpcs") or "",
                   date.fromisoformat(data["dos"]) if data.get("dos") else None, tuple(data.get("awaiting") or ()))


def finding(
    code: str,
    message: str,
    *,
    line: int | None = None,
    ndc: str = "",
    hcpcs: str = "",
    dos: date | None = None,
    severity: Severity | None = None,
    awaiting: tuple[str, ...] = (),
) -> EditFinding:
    """Build a finding from the catalogue; `severity` overrides it only for policy-driven codes."""
    kind = CATALOGUE[code]
    chosen = severity or kind.severity
    # A warning is not an adjustment, so it carries no CARC; the RARC still explains it.
    carc = kind.carc if chosen not in ("warn", "pend") else None
    return EditFinding(code, message, chosen, carc, kind.rarc, line, ndc, hcpcs, dos, awaiting)
