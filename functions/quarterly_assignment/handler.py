"""Quarterly Health Home auto-assignment (EventBridge: the 1st of January, April, July, October).
Any day can be run: `python -m local job quarterly_assignment --date 2027-01-04`; the run date is
the letter date and its quarter's look-back year is read (services/health_homes/quarterly_assignment.py).

Deployed (the function knows the QuarterlyAssignment state machine's ARN), the scheduled event
starts it, and its Distributed Maps call this same handler with an `action` per step. Locally,
and wherever the machine is not deployed, the scheduled event runs the steps in process.
"""

from datetime import date

from mainecare.services.health_homes import quarterly_assignment as job
from mainecare.services.jobs.schedule import scheduled_run


def _step(event: dict) -> dict:
    action = event["action"]
    if action == "start":
        return job.start(date.fromisoformat(event["run_date"]))
    if action == "count_shard":
        return job.count_shard(event["batch"], event["shard"])
    if action == "merge":
        return job.merge(event["batch"])
    if action == "assign_chunk":
        return job.assign_chunk(event["batch"], event["chunk"])
    if action == "finish":
        return job.finish(event["batch"])
    raise ValueError(f"unknown auto-assignment step {action!r}")


def handler(event, context) -> dict:
    if isinstance(event, dict) and "action" in event:  # a step of the deployed state machine
        return _step(event)
    run = scheduled_run("quarterly_assignment", event)
    if job.distributed():
        return {**run.as_dict(), "status": "STARTED", "execution": job.launch(run.run_date)}
    return {**run.as_dict(), "status": "DONE", **job.run(run.run_date)}
