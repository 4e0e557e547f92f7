"""Is an 837 from the trading partner whose inbound prefix received it?

A file arrives as `<PARTNER>/<file>` in the inbound bucket, filed under the prefix of the
partner whose upload it was: the prefix says who sent it. The file names its sender three times, and each must be
one of the partner's registered submitter ids (accounts store), or one partner could pass as
another (and, before duplicate keys were scoped to the partner, block the other's real files):

- ISA06, the interchange sender: TA1 R, TA105 006 "Invalid interchange sender ID". Every ISA of
  the file counts (the report lists them all), not only the first.
- GS02, the application sender: TA1 R, TA105 024 "Invalid interchange content (e.g. invalid GS
  segment)". A payer's front door authenticates the sender at the envelope, before any syntax is
  acknowledged: the 999's AK905 has no code for an unknown application sender (its codes are the
  group's syntax and security), and a 999 would acknowledge, set by set, a file we refuse to read
  on. So the whole interchange is refused, as for ISA06.
- 1000A NM109, the submitter inside each 837: answered per claim in the 277CA, the layer of
  business acceptance (see domain/claims/edits_submitter.py).

Refusals go first in the report's interchange errors, so the TA1 (which carries the first) names
the sender rather than some syntax slip of a file we would not have processed anyway.
"""

from __future__ import annotations

from collections.abc import Collection

from x12.reports import InterchangeError, InterchangeReport

INVALID_SENDER = "006"
INVALID_GROUP = "024"


def sender_errors(report: InterchangeReport, registered_ids: Collection[str]) -> list[InterchangeError]:
    """What the TA1 must refuse about the file's senders; [] when every one is registered."""
    registered = {i.strip() for i in registered_ids}
    errors = []
    if any(sender.strip() not in registered for sender in report.sender_ids or [report.sender_id]):
        errors.append(InterchangeError(INVALID_SENDER, "ISA06 is not registered for this trading partner"))
    if any(group.application_sender.strip() not in registered for group in report.groups):
        errors.append(InterchangeError(INVALID_GROUP, "GS02 is not registered for this trading partner"))
    return errors


def refuse_unregistered_senders(report: InterchangeReport, registered_ids: Collection[str]) -> bool:
    """Put the sender refusals first in the report's interchange errors; True when there are any."""
    refusals = sender_errors(report, registered_ids)
    codes = {error.code for error in refusals}
    report.interchange_errors[:] = refusals + [e for e in report.interchange_errors if e.code not in codes]
    return bool(refusals)
