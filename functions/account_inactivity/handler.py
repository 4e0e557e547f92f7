"""Daily inactive-account job (EventBridge): `python -m local job account_inactivity --date 2027-03-01`.
See services/accounts/inactivity.py."""

from mainecare.services.accounts.inactivity import run
from mainecare.services.jobs.schedule import scheduled_run


def handler(event, context) -> dict:
    scheduled = scheduled_run("account_inactivity", event)
    return {**scheduled.as_dict(), "status": "DONE", **run(scheduled.run_date)}
