"""The Claims table's stream (new claims) -> claim-line shards for the quarterly auto-assignment.
See services/claims/claim_line_extract.py. Locally the stack reads moto's stream and calls this."""

from mainecare.observability import logger
from mainecare.services.claims.claim_line_extract import extract


def handler(event, context) -> dict:
    outcome = extract((event or {}).get("Records") or [])
    logger().info("claim lines extracted", extra=outcome)  # counts only: rows hold member ids
    return outcome
