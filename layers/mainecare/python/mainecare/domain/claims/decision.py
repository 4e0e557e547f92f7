"""decide(): what happens to a claim after its edits, by the channel it came in on.

MaineCare's notice (Health PAS portal, 2021): "If you submit an 837 EDI transaction with an
invalid NDC code, it will reject the entire claim. You will need to review your rejections on the
BRR report to know which NDC code is invalid. A claim with invalid NDC code can be submitted
successfully on the Health PAS Online Portal, but the claim lines with the invalid NDC codes will
deny." So:

- edi: a claim-level reject, or any NDC line denial, rejects the WHOLE claim (277CA A6/A7 and a
  Business Rejection Report row per reason); other line denials only deny their lines.
- api (the portal's JSON twin): only a claim-level reject rejects; lines with a denial deny with
  their reason, the other lines go on to pricing.

Lines of a rejected claim are "REJECTED", not "DENIED": a rejected claim is never adjudicated, so
nothing about it may reach an 835 as a denial.

A line whose NDC/HCPCS pair cannot be judged because a crosswalk is not loaded (severity "pend")
is "PENDED": neither paid unchecked nor denied for our missing file. A claim with such a line, and
no reason to reject it, is "PENDED" in both channels: it is accepted into adjudication (the 277CA
says A2) and waits; pending.reedit moves it on when the file lands. A denial on the same line
wins: the line is not payable whatever the crosswalk says.
"""

from __future__ import annotations

from typing import Literal

from mainecare.domain.claims.edits import EditResult
from mainecare.domain.claims.findings import EditFinding
from mainecare.domain.claims.model import Claim
from valueobjects import value_object

Channel = Literal["api", "edi"]
ClaimStatus = Literal["ACCEPTED", "PENDED", "REJECTED"]
LineStatus = Literal["PAYABLE", "DENIED", "PENDED", "REJECTED"]

# The "invalid NDC" findings of the notice: missing, malformed, wrong qualifier, or a pair that
# is on neither crosswalk. Quantity/unit problems deny the line in both channels (for 837s the
# 999 already refuses a 2410 CTP without a quantity).
EDI_WHOLE_CLAIM_CODES = frozenset(
    {"NDC_MISSING", "NDC_INVALID_FORMAT", "NDC_QUALIFIER_INVALID", "NDC_HCPCS_PAIR_INVALID"}
)


@value_object
class ClaimDecision:
    status: ClaimStatus
    line_statuses: dict[int, LineStatus]
    findings: tuple[EditFinding, ...]  # everything the edits said, warnings included
    reasons: tuple[EditFinding, ...]  # why the claim was rejected, or why lines were denied or pended
    channel: Channel

    @property
    def accepted(self) -> bool:
        """Accepted into adjudication: ACCEPTED, or PENDED until a reference file lands."""
        return self.status != "REJECTED"

    @property
    def awaiting(self) -> tuple[str, ...]:
        """Every reference file a pended line waits for ("ASP#2026Q2", "PDAC"), sorted."""
        return tuple(sorted({source for r in self.reasons if r.severity == "pend" for source in r.awaiting}))

    @classmethod
    def from_dict(cls, data: dict) -> ClaimDecision:
        return cls(data["status"], {int(n): s for n, s in data["lineStatuses"].items()},
                   tuple(EditFinding.from_dict(f) for f in data["findings"]),
                   tuple(EditFinding.from_dict(r) for r in data["reasons"]), data["channel"])

    def reasons_for_line(self, line_number: int) -> tuple[EditFinding, ...]:
        return tuple(r for r in self.reasons if r.line == line_number)

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "channel": self.channel,
            "lineStatuses": {str(n): s for n, s in sorted(self.line_statuses.items())},
            "reasons": [r.to_dict() for r in self.reasons],
            "findings": [f.to_dict() for f in self.findings],
            "awaiting": list(self.awaiting),
        }


def decide(claim: Claim, edit_result: EditResult, channel: Channel) -> ClaimDecision:
    if channel not in ("api", "edi"):
        raise ValueError(f"channel must be 'api' or 'edi', not {channel!r}")
    findings = tuple(edit_result.all_findings())
    line_numbers = [line.line_number for line in claim.lines]
    rejects = [f for f in edit_result.claim_errors if f.severity == "reject"]
    if channel == "edi":
        rejects += [
            f for n in line_numbers for f in edit_result.line_findings.get(n, ())
            if f.severity == "deny" and f.code in EDI_WHOLE_CLAIM_CODES
        ]
    if rejects:
        statuses = dict.fromkeys(line_numbers, "REJECTED")
        return ClaimDecision("REJECTED", statuses, findings, tuple(rejects), channel)

    statuses: dict[int, LineStatus] = {}
    reasons: list[EditFinding] = []
    for n in line_numbers:
        statuses[n], line_reasons = line_outcome(edit_result.line_findings.get(n, ()))
        reasons.extend(line_reasons)
    return ClaimDecision(claim_status(statuses), statuses, findings, tuple(reasons), channel)


def line_outcome(line_findings) -> tuple[LineStatus, list[EditFinding]]:
    """A line of a claim that is not rejected: its status and the findings that explain it."""
    denials = [f for f in line_findings if f.severity == "deny"]
    if denials:
        return "DENIED", denials
    pends = [f for f in line_findings if f.severity == "pend"]
    return ("PENDED", pends) if pends else ("PAYABLE", [])


def claim_status(line_statuses: dict[int, LineStatus]) -> ClaimStatus:
    return "PENDED" if "PENDED" in line_statuses.values() else "ACCEPTED"


def payable_draws(edit_result: EditResult, decision: ClaimDecision) -> list:
    """The authorization units a decided claim draws: those of its payable lines only."""
    if decision.status == "REJECTED":
        return []
    return [d for d in edit_result.draws if decision.line_statuses.get(d.line_number) == "PAYABLE"]
