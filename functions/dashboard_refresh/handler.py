"""Monthly Member Dashboard refresh (EventBridge, the second Saturday: "updated monthly,
approximately the second weekend of each month", later FAQ q24): every site's panel members'
utilization for the month (services/health_homes/dashboard.refresh)."""

from mainecare.observability import logger
from mainecare.services.health_homes import dashboard
from mainecare.services.jobs.schedule import scheduled_run


def handler(event, context) -> dict:
    run = scheduled_run("dashboard_refresh", event)
    done = dashboard.refresh(run.month)
    logger().info("dashboard refreshed", extra=done)
    return {**run.as_dict(), "status": "DONE", **done}
