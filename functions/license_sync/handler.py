"""Weekly licence sync (EventBridge, Mondays): `python -m local job license_sync --date 2026-03-02`.
See services/providers/license_sync.py."""

from mainecare.services.jobs.schedule import scheduled_run
from mainecare.services.providers.license_sync import sync


def handler(event, context) -> dict:
    run = scheduled_run("license_sync", event)
    return {**run.as_dict(), **sync(run.run_date)}
