"""Compact lookup tables built from parsed crosswalk files, and their JSON artifact form.

Parsing a 60,000-row PDAC file on every Lambda cold start would be wasted work, so a loader
parses once and stores the artifact; a claim check is then one dict access per source.
Dates are proleptic ordinals (ints compare faster than dates and serialise smaller).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from mainecare.domain.crosswalks.text import CrosswalkFormatError
from valueobjects import value_object

if TYPE_CHECKING:  # parsed files come from the loaders; the claim path reads artifacts and never parses
    from mainecare.domain.crosswalks.asp import AspFile
    from mainecare.domain.crosswalks.pdac import PdacFile

ARTIFACT_FORMAT = 1
# Stands for "no end date" inside the index; the artifact writes null instead.
OPEN_END_ORDINAL = date.max.toordinal()


@value_object
class AspQuarterIndex:
    version: str  # quarter label, e.g. "2026Q2"
    by_ndc: dict[str, frozenset[str]]


@value_object
class PdacIndex:
    version: str
    # ndc11 -> ((hcpcs, start_ordinal, end_ordinal), ...); end is OPEN_END_ORDINAL when open.
    by_ndc: dict[str, tuple[tuple[str, int, int], ...]]


def asp_index_from_file(parsed: AspFile) -> AspQuarterIndex:
    codes: dict[str, set[str]] = defaultdict(set)
    for ndc11, hcpcs in parsed.pairs:
        codes[ndc11].add(hcpcs)
    return AspQuarterIndex(parsed.version, {ndc: frozenset(c) for ndc, c in codes.items()})


def pdac_index_from_file(parsed: PdacFile) -> PdacIndex:
    rows: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for rel in parsed.relationships:
        end = OPEN_END_ORDINAL if rel.end is None else rel.end.toordinal()
        rows[rel.ndc11].add((rel.hcpcs, rel.start.toordinal(), end))
    return PdacIndex(parsed.version, {ndc: tuple(sorted(r)) for ndc, r in rows.items()})


def to_artifact(index: AspQuarterIndex | PdacIndex) -> dict:
    if isinstance(index, AspQuarterIndex):
        pairs = {ndc: sorted(codes) for ndc, codes in sorted(index.by_ndc.items())}
        return {"source": "ASP", "version": index.version, "format": ARTIFACT_FORMAT, "pairs": pairs}
    relationships = {
        ndc: [[code, start, None if end == OPEN_END_ORDINAL else end] for code, start, end in rows]
        for ndc, rows in sorted(index.by_ndc.items())
    }
    return {
        "source": "PDAC",
        "version": index.version,
        "format": ARTIFACT_FORMAT,
        "relationships": relationships,
    }


def _check_artifact(artifact: dict, source: str, body: str) -> None:
    if not isinstance(artifact, dict):
        raise CrosswalkFormatError("ARTIFACT_INVALID", "Crosswalk artifact is not a JSON object.")
    if artifact.get("source") != source:
        raise CrosswalkFormatError(
            "ARTIFACT_INVALID", f"Expected a {source} artifact, got source {artifact.get('source')!r}."
        )
    if artifact.get("format") != ARTIFACT_FORMAT:
        raise CrosswalkFormatError(
            "ARTIFACT_INVALID",
            f"{source} artifact format {artifact.get('format')!r} is not supported "
            f"(this code reads format {ARTIFACT_FORMAT}); rebuild it from the source file.",
        )
    if not isinstance(artifact.get("version"), str) or not isinstance(artifact.get(body), dict):
        raise CrosswalkFormatError("ARTIFACT_INVALID", f"{source} artifact lacks version or {body}.")


def asp_index_from_artifact(artifact: dict) -> AspQuarterIndex:
    _check_artifact(artifact, "ASP", "pairs")
    by_ndc = {str(ndc): frozenset(codes) for ndc, codes in artifact["pairs"].items()}
    return AspQuarterIndex(artifact["version"], by_ndc)


def pdac_index_from_artifact(artifact: dict) -> PdacIndex:
    _check_artifact(artifact, "PDAC", "relationships")
    try:
        by_ndc = {
            str(ndc): tuple(
                (code, int(start), OPEN_END_ORDINAL if end is None else int(end)) for code, start, end in rows
            )
            for ndc, rows in artifact["relationships"].items()
        }
    except (TypeError, ValueError) as exc:
        raise CrosswalkFormatError("ARTIFACT_INVALID", f"PDAC artifact row is malformed: {exc}") from exc
    return PdacIndex(artifact["version"], by_ndc)
