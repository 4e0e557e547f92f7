"""Monthly per-member-per-month payment run (the 1st): issue 9 builds it.

Until then it runs on its schedule and logs the Maine date it was for (services/jobs/schedule.py).
"""

from mainecare.services.jobs.schedule import not_built

handler = not_built("monthly_payments", "Health Home PMPM payments, remittances, reports")
