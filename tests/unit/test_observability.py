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


MEMBER = {"member_id": "A12345678", "name": "DOE, JANE"}
MISSING_KEY = "date_of_birth"  # module constants: traceback source lines show the names, not the values


def _raise_with_member_data(member: dict, wanted: str):
    try:
        member[wanted]
    except KeyError as missing:
        raise ValueError(f"no {wanted} for member {member['member_id']} ({member['name']})") from missing


def test_a_logged_exception_keeps_its_type_and_place_but_not_its_message():
    import io

    from aws_lambda_powertools import Logger

    stream = io.StringIO()
    log = Logger(service="redaction-test", logger_formatter=PhiRedactingFormatter(),
                 logger_handler=logging.StreamHandler(stream))
    try:
        _raise_with_member_data(MEMBER, MISSING_KEY)
    except ValueError:
        log.exception("unhandled error", extra={"route": "/v1/claims"})
    line = json.loads(stream.getvalue())
    text = json.dumps(line)
    assert "A12345678" not in text and "DOE" not in text and "date_of_birth" not in text
    assert line["exception_name"] == "ValueError"
    assert "_raise_with_member_data" in line["exception"]  # where it was raised
    assert "KeyError: <message redacted>" in line["exception"]  # the chained cause, also redacted
    assert line["stack_trace"]["type"] == "ValueError"
    assert line["route"] == "/v1/claims"


def test_the_app_logger_uses_the_redacting_formatter():
    from mainecare.observability import logger

    formatters = {type(h.formatter) for h in logger().handlers} | {type(logger().registered_formatter)}
    assert PhiRedactingFormatter in formatters
