"""Secure messages between Health Home organizations (later FAQ, the Health Home portal), pure.

Decided: a site may message another site when their organizations have an agreement on the day:
the same practice or system umbrella, or both practices affiliated (in effect) with the same CCT or
BHH organization, the HHP-CCT and HHP-BHHO agreements of the practices data (a BHHO one
only with its MOU on file) (the partners that
coordinate one member's care). Any other recipient is refused, so a message can only reach
someone the sender already shares care with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mainecare.domain.health_homes.members import Affiliation, Site

MAX_SUBJECT, MAX_BODY = 200, 20_000


def have_agreement(sender: Site, recipient: Site, sender_affiliations: Iterable[Affiliation],
                   recipient_affiliations: Iterable[Affiliation], on: date) -> bool:
    if sender.site_id == recipient.site_id:
        return False
    if sender.practice_id == recipient.practice_id or sender.system_id == recipient.system_id:
        return True
    shared = {a.organization_id for a in sender_affiliations if _agreement(a, on)}
    return any(a.organization_id in shared for a in recipient_affiliations if _agreement(a, on))


def _agreement(affiliation: Affiliation, on: date) -> bool:
    """An affiliation is an agreement while in effect; an HHP-BHHO one only with its MOU on file."""
    return affiliation.in_effect(on) and (affiliation.kind != "BHHO" or affiliation.mou_on_file)
