"""Provider licences and the weekly licence sync's rules (seed 000: Mondays, 60-day look-ahead,
same licence number only, Title 5 review excluded, visible every Tuesday; policy/license_sync.json).

A licence keeps its history as spans, one per expiration: `starts` (None = before the sync knew
it), `expires`, and `visible_from`, the day the span reaches the portal and the claim edit. A claim
line is judged by the span that covers its date of service, so a service inside an earlier lapse
is still judged a lapse after the renewal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from valueobjects import value_object

ACTIVE = "ACTIVE"
ALMS_COLUMNS = ("license_number", "holder", "profession", "status", "expiration_date", "title5_review")


@value_object
class LicenseSpan:
    license_number: str
    status: str
    expires: date | None
    starts: date | None = None
    visible_from: date | None = None  # None: visible since before the sync
    holder: str = ""
    profession: str = ""

    def covers(self, day: date) -> bool:
        return (self.starts is None or self.starts <= day) and (self.expires is None or day <= self.expires)

    def visible_on(self, day: date) -> bool:
        return self.visible_from is None or self.visible_from <= day


@value_object
class RegistryEntry:
    license_number: str
    holder: str
    profession: str
    status: str
    expires: date
    title5_review: bool


class LicenseRegistry(Protocol):
    """What the sync asks the state registry (ALMS); the CSV export answers today, a live lookup later."""

    def lookup(self, license_number: str) -> RegistryEntry | None: ...

    def numbers_of(self, holder: str) -> set[str]: ...


class AlmsExport:
    """The ALMS CSV export. Rows that cannot be read are kept in `malformed` (row number, reason)
    and never applied."""

    def __init__(self, text: str):
        self._by_number: dict[str, RegistryEntry] = {}
        self._by_holder: dict[str, set[str]] = {}
        self.malformed: list[dict] = []
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in ALMS_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"the ALMS export lacks columns {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            try:
                entry = RegistryEntry(row["license_number"].strip().upper(), (row["holder"] or "").strip(),
                                      (row["profession"] or "").strip(), (row["status"] or "").strip().upper(),
                                      date.fromisoformat((row["expiration_date"] or "").strip()),
                                      (row["title5_review"] or "").strip().upper() in ("Y", "YES", "TRUE", "1"))
                if not entry.license_number or not entry.holder or not entry.status:
                    raise ValueError("empty licence number, holder or status")
            except (ValueError, AttributeError) as error:
                self.malformed.append({"row": number, "reason": str(error)[:200]})
                continue
            self._by_number[entry.license_number] = entry
            self._by_holder.setdefault(_holder_key(entry.holder), set()).add(entry.license_number)

    def lookup(self, license_number: str) -> RegistryEntry | None:
        return self._by_number.get(license_number.upper())

    def numbers_of(self, holder: str) -> set[str]:
        return set(self._by_holder.get(_holder_key(holder), ()))


def _holder_key(holder: str) -> str:
    return " ".join(holder.upper().split())


def due(spans: Iterable[LicenseSpan], run_date: date, look_ahead_days: int, day_included: bool) -> list[LicenseSpan]:
    """The latest span of each licence that expires within the look-ahead (or has already lapsed
    without a renewal on file): what a Monday run looks up."""
    last = run_date + timedelta(days=look_ahead_days if day_included else look_ahead_days - 1)
    latest: dict[str, LicenseSpan] = {}
    for span in spans:
        known = latest.get(span.license_number)
        if known is None or (span.expires or date.max) > (known.expires or date.max):
            latest[span.license_number] = span
    return [s for s in latest.values() if s.expires is not None and s.expires <= last]


@value_object
class Decision:
    outcome: str  # UPDATED, SKIPPED
    reason: str = ""  # for a skip: NOT_IN_REGISTRY, TITLE_5_REVIEW, NOT_RENEWED_YET
    span: LicenseSpan | None = None  # the new span, for an update


def judge(current: LicenseSpan, entry: RegistryEntry | None, run_date: date, visible_after_days: int) -> Decision:
    """Same licence number, later expiration: a new span, visible from the day after the run (Tuesday).
    It continues the old span when the renewal is seen before that expired, else starts on the run
    date (the lapse stays a lapse)."""
    if entry is None:
        return Decision("SKIPPED", "NOT_IN_REGISTRY")
    if entry.title5_review:
        return Decision("SKIPPED", "TITLE_5_REVIEW")
    if current.expires is not None and entry.expires <= current.expires:
        return Decision("SKIPPED", "NOT_RENEWED_YET")
    starts = current.expires + timedelta(days=1) if current.expires and run_date <= current.expires else run_date
    return Decision("UPDATED", span=LicenseSpan(current.license_number, entry.status, entry.expires, starts,
                                                run_date + timedelta(days=visible_after_days), entry.holder,
                                                entry.profession))
