"""Quarterly Health Home auto-assignment (January, April, July, October): issue 10 builds it.

Until then it runs on its schedule and logs the Maine date it was for (services/jobs/schedule.py).
"""

from mainecare.services.jobs.schedule import not_built

handler = not_built("quarterly_assignment", "Health Home auto-assignment from a year of claims")
