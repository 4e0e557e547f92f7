"""Weekly license sync (Mondays, 60-day look-ahead): issue 10 builds it.

Until then it runs on its schedule and logs the Maine date it was for (services/jobs/schedule.py).
"""

from mainecare.services.jobs.schedule import not_built

handler = not_built("license_sync", "provider license sync, Mondays, 60-day look-ahead")
