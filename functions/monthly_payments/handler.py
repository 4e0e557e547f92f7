"""Monthly Health Home payment run (EventBridge, the 1st): pays the month whose attestation window
has just closed, or the month an operator names (`detail.month`; `python -m local job
monthly_payments --month YYYY-MM`). See services/health_homes/payment_run.py."""

from mainecare.observability import logger
from mainecare.services.health_homes import payment_run
from mainecare.services.jobs.schedule import scheduled_run


def _previous_month(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def handler(event, context) -> dict:
    run = scheduled_run("monthly_payments", event)
    asked = (event or {}).get("detail", {}).get("month")
    month = asked or _previous_month(run.month)  # on the 1st: the month that just ended
    report = payment_run.run(month, run.run_date)
    logger().info("payment run", extra={k: report[k] for k in ("run_id", "month", "sites", "lines", "paid")})
    return {**run.as_dict(), "month": month, "status": "DONE", **report}
