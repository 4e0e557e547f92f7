"""reedit(): a pended claim after the crosswalk it waited for has been loaded. Pure: no I/O.

Only the PENDED lines are judged again, with the edits run afresh on the claim; every other line
keeps the outcome it was given at intake (a paid line is not reopened by a later file). A pended
line now PAYABLE goes on to pricing; a pair now known to be on neither crosswalk DENIES the line
in both channels: an 837 claim that was pended has already been acknowledged A2 (accepted into
adjudication), so it can no longer be rejected as a whole, as an invalid NDC on intake would be.
A line still unsettled (its other source is missing too) stays PENDED, awaiting what is left.
"""

from __future__ import annotations

from mainecare.domain.claims.decision import ClaimDecision, LineStatus, claim_status, line_outcome
from mainecare.domain.claims.edits import EditResult
from mainecare.domain.claims.findings import EditFinding


def reedit(earlier: ClaimDecision, fresh: EditResult) -> ClaimDecision:
    """The claim's new decision; `fresh` is run_edits on the stored claim with today's index."""
    if earlier.status != "PENDED":
        return earlier
    statuses: dict[int, LineStatus] = {}
    findings: list[EditFinding] = []
    reasons: list[EditFinding] = []
    for n in sorted(earlier.line_statuses):
        if earlier.line_statuses[n] == "PENDED":
            line_findings = list(fresh.line_findings.get(n, ()))
            statuses[n], line_reasons = line_outcome(line_findings)
        else:
            line_findings = [f for f in earlier.findings if f.line == n]
            statuses[n], line_reasons = earlier.line_statuses[n], list(earlier.reasons_for_line(n))
        findings += line_findings
        reasons += line_reasons
    # A pended claim passed every claim-level edit at intake; those findings (none rejecting) stay.
    findings = [f for f in earlier.findings if f.line not in statuses] + findings
    return ClaimDecision(claim_status(statuses), statuses, tuple(findings), tuple(reasons), earlier.channel)


def changed(earlier: ClaimDecision, later: ClaimDecision) -> bool:
    """Whether re-editing moved anything: a status, or what a pended line waits for."""
    return (earlier.status, earlier.line_statuses, earlier.awaiting) != \
        (later.status, later.line_statuses, later.awaiting)
