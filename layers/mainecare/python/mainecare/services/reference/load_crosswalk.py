"""Use case: a crosswalk file arrived in the reference bucket; make it a loaded index artifact.

A file that cannot be read is a permanent failure: retrying will not fix it, so it is recorded
under rejected/ and reported, and the message is not retried. Index artifacts are written before
the reference table lists them, so a reader never sees a listed artifact that is not there.
"""

from __future__ import annotations

from mainecare.domain.crosswalks import CrosswalkFormatError, parse_asp_csv, parse_pdac
from mainecare.domain.crosswalks.index import asp_index_from_file, pdac_index_from_file, to_artifact
from mainecare.stores import audit, reference_artifacts
from valueobjects import value_object


@value_object
class LoadOutcome:
    loaded: bool
    source: str | None
    version: str | None
    rows_read: int = 0
    rows_skipped: int = 0
    error_code: str | None = None
    reason: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def build_artifact(source: str, data: bytes, file_name: str, version: str | None = None):
    if source == "ASP":
        parsed = parse_asp_csv(data, version=version, file_name=file_name)
        return to_artifact(asp_index_from_file(parsed)), parsed.rows_read, parsed.rows_skipped
    parsed = parse_pdac(data, version=version, file_name=file_name)
    return to_artifact(pdac_index_from_file(parsed)), parsed.rows_read, parsed.rows_skipped


def load_crosswalk_object(bucket: str, key: str, actor: str = "reference_ingest") -> LoadOutcome:
    source = reference_artifacts.source_of_key(key)
    if source is None:
        message = "Put ASP files under incoming/asp/ and PDAC files under incoming/pdac/."
        reference_artifacts.put_rejection(key, "CROSSWALK_UNKNOWN_FOLDER", message)
        return LoadOutcome(False, None, None, error_code="CROSSWALK_UNKNOWN_FOLDER", reason=message)
    file_name = key.rsplit("/", 1)[-1]
    data, stated_version = reference_artifacts.read_object(bucket, key)
    try:
        artifact, rows_read, rows_skipped = build_artifact(source, data, file_name, stated_version)
    except CrosswalkFormatError as error:
        reference_artifacts.put_rejection(key, error.code, str(error))
        audit.record(f"CROSSWALK#{source}", "REJECTED", actor, {"file": key, "code": error.code})
        return LoadOutcome(False, source, None, error_code=error.code, reason=str(error))
    entry = reference_artifacts.put_artifact(artifact, key, rows_read, rows_skipped)
    audit.record(f"CROSSWALK#{source}", "LOADED", actor,
                 {"file": key, "version": entry["version"], "rows": rows_read})
    return LoadOutcome(True, source, entry["version"], rows_read, rows_skipped)
