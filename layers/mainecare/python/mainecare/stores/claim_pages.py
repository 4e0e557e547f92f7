"""Claim lists a page at a time: one index query per page, newest first, and an opaque token for
the next page that is checked against the list it was cut from before it reaches DynamoDB
(stores/page_tokens.py, the one token format of every paged store). A page holds the listed
fields the indexes carry (claims.ListedClaim), never the bodies."""

from __future__ import annotations

from mainecare.stores import page_tokens
from mainecare.stores.claim_records import claim_records
from mainecare.stores.claims import ListedClaim, listed_claim


def claims_page(index: str, partition: str, start: str | None, end: str | None, *, limit: int,
                token: str | None, status: str | None = None, member_id: str | None = None
                ) -> tuple[list[ListedClaim], str | None]:
    """One page of a claims list, newest first, and the token of the next page (None at the end).
    Filters apply within the page, as DynamoDB's do: a page may hold fewer than `limit` claims."""
    records = claim_records()
    found_index = records.by_partner if index == "gsi1" else records.by_member
    sort_key = getattr(records, f"{index}sk")
    condition = sort_key.between(start or "", (end or "9999") + "~") if start or end else None
    filters = None
    if status:
        filters = records.status == status
    if member_id:
        filters = (records.member_id == member_id) if filters is None else filters & (records.member_id == member_id)
    start_key = page_tokens.start_key(token, {"pk", "sk", f"{index}pk", f"{index}sk"}, f"{index}pk", partition) \
        if token else None
    results = found_index.query(partition, condition, scan_index_forward=False, limit=limit,
                                filter_condition=filters, last_evaluated_key=start_key)
    return [listed_claim(record) for record in results], page_tokens.cut(results.last_evaluated_key)
