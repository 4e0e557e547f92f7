"""Monthly Health Home payment run (EventBridge, the 1st): pays the month whose attestation window
has just closed, or the month an operator names (`detail.month`; `python -m local job
monthly_payments --month YYYY-MM`). See services/health_homes/payment_run.py.

Deployed (the function knows the PaymentRun state machine's ARN), the scheduled event starts it,
whose Distributed Map calls this same handler with an `action` per step (start, pay_site per site,
finish). Locally, and wherever the mode is not set, the scheduled event runs the steps in process.
"""

from datetime import date

from mainecare.observability import logger
from mainecare.services.health_homes import payment_run
from mainecare.services.jobs.schedule import scheduled_run


def _previous_month(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def _step(event: dict) -> dict:
    action = event["action"]
    if action == "start":
        return payment_run.start(event["month"], date.fromisoformat(event["run_date"]))
    if action == "pay_site":
        outcome = payment_run.pay_site(event["site_id"], event["month"], event["run_id"])
        return {"site_id": outcome.site_id, "lines": len(outcome.lines)}
    if action == "finish":
        return payment_run.finish(event["month"], event["run_id"], date.fromisoformat(event["run_date"]))
    raise ValueError(f"unknown payment run step {action!r}")


def handler(event, context) -> dict:
    if isinstance(event, dict) and "action" in event:  # a step of the deployed state machine
        return _step(event)
    run = scheduled_run("monthly_payments", event)
    asked = (event or {}).get("detail", {}).get("month")
    month = asked or _previous_month(run.month)  # on the 1st: the month that just ended
    if payment_run.distributed():
        execution = payment_run.launch(month, run.run_date)
        return {**run.as_dict(), "month": month, "status": "STARTED", "execution": execution}
    report = payment_run.run(month, run.run_date)
    logger().info("payment run", extra={k: report[k] for k in ("run_id", "month", "sites", "lines", "paid")})
    return {**run.as_dict(), "month": month, "status": "DONE", **report}
