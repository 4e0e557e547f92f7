"""A site's Member Request History, as the practice sees it on a day."""

from __future__ import annotations

from datetime import date, timedelta

from mainecare import clock
from mainecare.domain.accounts import Identity
from mainecare.domain.health_homes.panel import AUTO_ASSIGN, Enrollment
from mainecare.services.access import sees_all_sites
from mainecare.services.health_homes.common import visible_site
from mainecare.stores import panels
from mainecare.stores.policy import policy_value


def shown_on(enrollment: Enrollment, today: date) -> bool:
    """An auto-assignment reaches the practice's list the day after its letter date (later FAQ
    question 2; policy health_home_auto_assignment visible_after_days): the upload follows the mailing."""
    if enrollment.source != AUTO_ASSIGN or enrollment.letter_date is None:
        return True
    days = policy_value("health_home_auto_assignment", enrollment.letter_date)["visible_after_days"]
    return today >= enrollment.letter_date + timedelta(days=days)


def site_history(identity: Identity, site_id: str, status: str | None = None) -> list[Enrollment]:
    """Every request at the site, newest first, optionally by status; program staff see
    auto-assignments from the letter date, practices from the day after."""
    visible_site(identity, site_id)
    today = clock.today()
    return [e for e in panels.site_enrollments(site_id)
            if (status is None or e.status == status) and (sees_all_sites(identity) or shown_on(e, today))]
