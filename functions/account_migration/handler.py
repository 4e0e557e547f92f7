"""One-off account migration from the old portal (an operator invokes it with
{"detail": {"key": "accounts/legacy/<export>.csv"}}; locally `python -m local job account_migration
--file legacy.csv`). See services/accounts/account_migration.py."""

from mainecare.domain.accounts.migration import LegacyFileInvalid
from mainecare.services.accounts.account_migration import migrate
from mainecare.stores.reference_files import ReferenceFileMissing


def handler(event, context) -> dict:
    key = ((event or {}).get("detail") or {}).get("key") or (event or {}).get("key")
    if not key:
        return {"job": "account_migration", "status": "REFUSED", "reason": "name the export: detail.key"}
    try:
        return {"job": "account_migration", "status": "DONE", **migrate(key)}
    except ReferenceFileMissing:
        return {"job": "account_migration", "status": "REFUSED", "reason": f"no file {key} in the reference bucket"}
    except LegacyFileInvalid as error:
        return {"job": "account_migration", "status": "REFUSED", "reason": str(error)}
