import json
import logging

from mainecare.observability import REDACTED, PhiRedactingFormatter, redact


def test_phi_keys_are_redacted_at_any_depth():
    record = {"claim": {"member_id": "A12345678", "lines": [{"diagnosis": "C189", "hcpcs": "J9035"}]},
              "Date_Of_Birth": "19700101"}
    assert redact(record) == {"claim": {"member_id": REDACTED, "lines": [{"diagnosis": REDACTED, "hcpcs": "J9035"}]},
                              "Date_Of_Birth": REDACTED}


def test_the_formatter_redacts_extra_keys():
    formatter = PhiRedactingFormatter()
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "claim stored", None, None)
    record.member_id = "A12345678"
    record.claim_id = "CLM-1"
    line = json.loads(formatter.format(record))
    assert line["member_id"] == REDACTED
    assert line["claim_id"] == "CLM-1"
    assert "A12345678" not in json.dumps(line)
