"""Use case: a CMS Medicaid Drug Rebate Program product file dropped in incoming/mdrp/ replaces the
loaded rebate list (audited). A file that cannot be read is rejected with its reason and changes
nothing."""

from __future__ import annotations

from mainecare import clock
from mainecare.domain.crosswalks.rebate_list import RebateFileInvalid, parse
from mainecare.stores import audit, rebate_list

ACTOR = "system:reference_ingest"


def load_rebate_object(bucket: str, key: str) -> dict:
    try:
        rebates, skipped = parse(rebate_list.read_incoming(bucket, key))
    except RebateFileInvalid as error:
        audit.record("REBATE_LIST", "REJECTED", ACTOR, {"file": key, "code": error.code})
        return {"loaded": False, "file": key, "code": error.code, "reason": str(error)}
    rebate_list.save(rebates, key, clock.now_text())
    audit.record("REBATE_LIST", "LOADED", ACTOR, {"file": key, "products": len(rebates.terminations)})
    return {"loaded": True, "file": key, "products": len(rebates.terminations), "rows_skipped": len(skipped),
            "skipped": skipped[:100]}
