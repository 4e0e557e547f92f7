"""Scheduled jobs (EventBridge schedules in mainecare/resources.py): the license sync, quarterly
Health Home auto-assignment and the monthly payment run. `schedule.py` turns a schedule's event
into the Maine date a run is for; until a job is built it answers through `not_built`."""
