"""NDC-J code combination requests and the pairs staff approved (reference table).

  pk COMBO_REQUEST, sk <request id>   the request, its status and decision
  pk APPROVED_PAIR, sk <ndc11>#<hcpcs> an approved pair and the date it counts from
Approving writes the decision, the approved pair and the audit record in one transaction, on
the condition that the request is still PENDING: two staff members cannot both decide it.
"""

from __future__ import annotations

from datetime import date

from mainecare.stores import audit, transactions
from mainecare.stores.records import get_or_none
from mainecare.stores.reference_records import fields, records

REQUEST_PK, APPROVED_PK = "COMBO_REQUEST", "APPROVED_PAIR"
REQUEST_FIELDS = ("request_id", "trading_partner_id", "ndc11", "hcpcs", "reason", "status", "requested_by",
                  "requested_at", "decision")


class AlreadyDecided(Exception):
    pass


def put_request(request: dict, actor: str) -> None:
    items = records()
    transactions.commit([
        transactions.save(items(REQUEST_PK, request["request_id"], **request), items.pk.does_not_exist()),
        audit.entry(f"COMBO_REQUEST#{request['request_id']}", "REQUESTED", actor,
                    {"ndc11": request["ndc11"], "hcpcs": request["hcpcs"]}),
    ])


def get_request(request_id: str) -> dict | None:
    item = get_or_none(records(), REQUEST_PK, request_id)
    return fields(item, REQUEST_FIELDS) if item else None


def list_requests() -> list[dict]:
    return [fields(item, REQUEST_FIELDS) for item in records().query(REQUEST_PK)]


def decide(request_id: str, decision: dict, actor: str, approved_pair: tuple[str, str, date] | None) -> None:
    """Record the decision (and an approved pair) with its audit entry, only while the request is PENDING."""
    items = records()
    writes = [transactions.update(items(REQUEST_PK, request_id),
                                  [items.status.set(decision["status"]), items.decision.set(decision)],
                                  items.status == "PENDING"),
              audit.entry(f"COMBO_REQUEST#{request_id}", decision["status"], actor, decision)]
    if approved_pair:
        ndc11, hcpcs, effective_from = approved_pair
        writes.append(transactions.save(items(APPROVED_PK, f"{ndc11}#{hcpcs}", ndc11=ndc11, hcpcs=hcpcs,
                                              effective_from=effective_from.isoformat(), request_id=request_id)))
    try:
        transactions.commit(writes)
    except transactions.ConditionFailed as error:
        raise AlreadyDecided(request_id) from error


def approved_pairs() -> dict[tuple[str, str], date]:
    return {(i.ndc11, i.hcpcs): date.fromisoformat(i.effective_from) for i in records().query(APPROVED_PK)}
