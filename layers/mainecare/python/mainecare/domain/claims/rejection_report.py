"""Business Rejection Report (BRR) rows: which claim, line and NDC made an 837 reject, and why.

MaineCare tells providers to read the BRR to find the invalid NDC behind a rejected 837 claim.
Its MIHMS record layout is not public, so this is our own: one row per reason of each rejected
claim (claim-level reasons have no line), in a stable column order for CSV and JSON alike.
Rows carry the provider's own patient control number, never patient names or member IDs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from mainecare.domain.claims.decision import ClaimDecision
from mainecare.domain.claims.model import Claim
from valueobjects import value_object

COLUMNS = (
    "file",
    "patient_control_number",
    "line",
    "ndc",
    "hcpcs",
    "date_of_service",
    "reason_code",
    "reason_text",
)


@value_object
class RejectionRow:
    file: str
    patient_control_number: str
    line: int | None
    ndc: str
    hcpcs: str
    date_of_service: str  # YYYY-MM-DD, "" when the reason is not about one date
    reason_code: str
    reason_text: str


def rejection_rows(file_name: str, decided: Iterable[tuple[Claim, ClaimDecision]]) -> list[RejectionRow]:
    rows: list[RejectionRow] = []
    for claim, decision in decided:
        if decision.accepted:
            continue
        for reason in decision.reasons:
            rows.append(RejectionRow(
                file=file_name,
                patient_control_number=claim.patient_control_number,
                line=reason.line,
                ndc=reason.ndc,
                hcpcs=reason.hcpcs,
                date_of_service=reason.dos.isoformat() if reason.dos else "",
                reason_code=reason.code,
                reason_text=reason.message,
            ))
    return rows


def to_json(rows: Sequence[RejectionRow]) -> str:
    return json.dumps([{c: getattr(r, c) for c in COLUMNS} for r in rows], indent=2)


def to_csv(rows: Sequence[RejectionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends: spreadsheets expect them
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(["" if (value := getattr(row, c)) is None else value for c in COLUMNS])
    return out.getvalue()
