"""The MaineCare NDC-HCPCS rule over every loaded crosswalk.

A drug line passes when its (NDC, HCPCS) pair is in the CMS ASP file for the quarter that
contains the date of service, or on a PDAC relationship whose start <= DOS <= end (an open end
lasts forever). MaineCare accepts either list because each lags the other. When a source the
answer depends on is not loaded the result is "unknown" (valid None), never "not found":
a claim must not be rejected because an ops upload is late.
"""

from __future__ import annotations

from datetime import date

from mainecare.domain.crosswalks.tables import (
    OPEN_END_ORDINAL,
    AspQuarterIndex,
    PdacIndex,
    asp_index_from_artifact,
    asp_index_from_file,
    pdac_index_from_artifact,
    pdac_index_from_file,
    to_artifact,
)
from mainecare.domain.errors import RuleError
from mainecare.domain.ndc import normalize_hcpcs
from mainecare.domain.quarters import quarter_of
from valueobjects import value_object

__all__ = [
    "OPEN_END_ORDINAL",
    "AspQuarterIndex",
    "CrosswalkIndex",
    "Match",
    "PairCheck",
    "PdacIndex",
    "asp_index_from_artifact",
    "asp_index_from_file",
    "pdac_index_from_artifact",
    "pdac_index_from_file",
    "to_artifact",
]


@value_object
class Match:
    source: str  # "ASP", "PDAC" or "APPROVED"
    version: str

    def to_dict(self) -> dict:
        return {"source": self.source, "version": self.version}


@value_object
class PairCheck:
    valid: bool | None  # None = cannot decide until a missing file is loaded
    matched: tuple[Match, ...] = ()
    errors: tuple[RuleError, ...] = ()

    def to_dict(self) -> dict:
        return {
            "valid": self.valid,
            "matched": [m.to_dict() for m in self.matched],
            "errors": [e.to_dict() for e in self.errors],
        }


def _end_text(end: int) -> str:
    return "open end" if end == OPEN_END_ORDINAL else date.fromordinal(end).isoformat()


class CrosswalkIndex:
    def __init__(
        self,
        asp: dict[str, AspQuarterIndex] | None = None,
        pdac: PdacIndex | None = None,
        approved: dict[tuple[str, str], date] | None = None,
    ):
        self.asp: dict[str, AspQuarterIndex] = dict(asp or {})
        self.pdac = pdac
        # Pairs MaineCare added after an NDC-J Code Combination Request, effective from a
        # date; a third source alongside the two Medicare lists (source name "APPROVED").
        self.approved: dict[tuple[str, str], date] = dict(approved or {})

    def is_known_ndc(self, ndc11: str) -> bool:
        if any(ndc11 in q.by_ndc for q in self.asp.values()):
            return True
        if self.pdac is not None and ndc11 in self.pdac.by_ndc:
            return True
        return any(ndc == ndc11 for ndc, _ in self.approved)

    def versions(self) -> dict:
        return {"asp": sorted(self.asp), "pdac": self.pdac.version if self.pdac else None}

    def _pdac_rows(self, ndc11: str) -> tuple[tuple[str, int, int], ...]:
        return self.pdac.by_ndc.get(ndc11, ()) if self.pdac is not None else ()

    def check_pair(self, ndc11: str, hcpcs: str, dos: date) -> PairCheck:
        hcpcs = normalize_hcpcs(hcpcs)
        quarter = quarter_of(dos)
        day = dos.toordinal()
        matched: list[Match] = []

        asp_q = self.asp.get(quarter)
        if asp_q is not None and hcpcs in asp_q.by_ndc.get(ndc11, ()):
            matched.append(Match("ASP", quarter))
        for code, start, end in self._pdac_rows(ndc11):
            if code == hcpcs and start <= day <= end:
                matched.append(Match("PDAC", self.pdac.version))
                break
        approved_from = self.approved.get((ndc11, hcpcs))
        if approved_from is not None and approved_from <= dos:
            matched.append(Match("APPROVED", approved_from.isoformat()))
        if matched:
            return PairCheck(True, tuple(matched), ())

        missing: list[RuleError] = []
        if asp_q is None:
            missing.append(
                RuleError(
                    "ASP_QUARTER_NOT_LOADED",
                    f"No CMS ASP crosswalk is loaded for {quarter}; load that quarter's file before "
                    f"judging NDC {ndc11} with {hcpcs} on {dos.isoformat()}.",
                )
            )
        if self.pdac is None:
            missing.append(
                RuleError(
                    "PDAC_NOT_LOADED",
                    f"No PDAC crosswalk is loaded; load it before judging NDC {ndc11} with {hcpcs} "
                    f"on {dos.isoformat()}.",
                )
            )
        if missing:
            return PairCheck(None, (), tuple(missing))
        return PairCheck(False, (), (self._explain_miss(ndc11, hcpcs, dos, asp_q),))

    def _explain_miss(self, ndc11: str, hcpcs: str, dos: date, asp_q: AspQuarterIndex) -> RuleError:
        day = dos.toordinal()
        pdac_rows = self._pdac_rows(ndc11)
        code = "NDC_HCPCS_PAIR_NOT_FOUND"
        details: list[str] = []

        # The pair exists but not on this date: the provider needs the dates, not a new request.
        ranges = [(s, e) for c, s, e in pdac_rows if c == hcpcs]
        if ranges:
            code = "NDC_HCPCS_PAIR_NOT_IN_EFFECT"
            spans = "; ".join(f"{date.fromordinal(s).isoformat()} to {_end_text(e)}" for s, e in ranges)
            details.append(f"PDAC {self.pdac.version} pairs them only from {spans}")
        other_quarters = sorted(
            q for q, idx in self.asp.items() if q != asp_q.version and hcpcs in idx.by_ndc.get(ndc11, ())
        )
        if other_quarters:
            code = "NDC_HCPCS_PAIR_NOT_IN_EFFECT"
            details.append(f"CMS ASP lists them in {', '.join(other_quarters)} but not {asp_q.version}")

        # Codes this NDC can be billed with on this date, the likely fix for a keying error.
        usable = set(asp_q.by_ndc.get(ndc11, ()))
        usable.update(c for c, s, e in pdac_rows if s <= day <= e)
        usable.discard(hcpcs)
        others = tuple(sorted(usable))
        if others:
            details.append(f"on {dos.isoformat()} NDC {ndc11} is listed with {', '.join(others)}")
        elif not self.is_known_ndc(ndc11):
            details.append(f"NDC {ndc11} is on none of the loaded crosswalks")

        message = (
            f"NDC {ndc11} with HCPCS {hcpcs} is not on CMS ASP {asp_q.version} or PDAC "
            f"{self.pdac.version} for date of service {dos.isoformat()}"
        )
        if details:
            message += ": " + "; ".join(details)
        message += ". A missing pair can be requested with the NDC-J Code Combination Request Form."
        return RuleError(code, message, others)
