"""Provider maintenance cases in the Accounts table.

  pk PROVIDER#<npi>  sk CASE#<case id>   type, details (JSON), status OPEN | APPLIED | DENIED, who and when
  pk CASES           sk <case id>        points at the provider: staff find a case by id, no scan
A case the licence sync opens has the id `LIC-<npi>-<licence number>`, written on the condition that
it is new, so a re-run opens nothing twice.
"""

from __future__ import annotations

import json

from pynamodb.exceptions import PutError

from mainecare.stores.account_records import records
from mainecare.stores.records import get_or_none
from mainecare.stores.transactions import Write, save
from valueobjects import value_object

OPEN, APPLIED, DENIED = "OPEN", "APPLIED", "DENIED"
CASE_INDEX = "CASES"
STATUS_ROLE = "CASE_STATUS"


@value_object
class MaintenanceCase:
    case_id: str
    npi: str
    case_type: str
    details: dict
    status: str
    opened_by: str
    opened_at: str
    decided_by: str = ""
    decided_at: str = ""
    decision_reason: str = ""


def _item(case: MaintenanceCase):
    return records()(f"PROVIDER#{case.npi}", f"CASE#{case.case_id}", kind="CASE", case_type=case.case_type,
                     details=json.dumps(case.details, sort_keys=True), status=case.status,
                     opened_by=case.opened_by, opened_at=case.opened_at, decided_by=case.decided_by or None,
                     decided_at=case.decided_at or None, decision_reason=case.decision_reason or None,
                     member_id=case.npi)


def _case(item) -> MaintenanceCase:
    return MaintenanceCase(item.sk.split("#", 1)[1], item.pk.split("#", 1)[1], item.case_type or "",
                           json.loads(item.details or "{}"), item.status or "", item.opened_by or "",
                           item.opened_at or "", item.decided_by or "", item.decided_at or "",
                           item.decision_reason or "")


def open_case(case: MaintenanceCase) -> bool:
    """Write a new case and its index entry; False when a case with that id exists already."""
    items = records()
    try:
        items(CASE_INDEX, case.case_id, kind="CASE_INDEX", member_id=case.npi).save(items.pk.does_not_exist())
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False
    _item(case).save()
    return True


def cases_of(npi: str) -> list[MaintenanceCase]:
    items = records()
    return [_case(i) for i in items.query(f"PROVIDER#{npi}", items.sk.startswith("CASE#"))]


def get_case(case_id: str) -> MaintenanceCase | None:
    pointer = get_or_none(records(), CASE_INDEX, case_id)
    if pointer is None:
        return None
    item = get_or_none(records(), f"PROVIDER#{pointer.member_id}", f"CASE#{case_id}", consistent_read=True)
    return _case(item) if item is not None else None


def decision_write(case: MaintenanceCase) -> Write:
    """The decided case, on the condition that it was still open (two reviewers cannot both decide)."""
    items = records()
    return save(_item(case), items.status == OPEN, role=STATUS_ROLE)
