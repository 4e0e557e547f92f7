import json
from dataclasses import replace

from mainecare.domain.claims.decision import decide
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.rejection_report import COLUMNS, RejectionRow, rejection_rows, to_csv, to_json
from tests.unit.claims.claims_fixtures import brief_claim, context, replace_drug

FILE = "TP123_20260415_0001.837"


def decided(claim, channel="edi"):
    return claim, decide(claim, run_edits(claim, context()), channel)


def bad_claim():
    claim = replace(replace_drug(brief_claim(), 2, ndc_raw="5024206101"), patient_control_number="PCN0002")
    return replace(claim, frequency_code="2")


def test_rows_per_rejected_claim_and_line():
    rows = rejection_rows(FILE, [decided(brief_claim()), decided(bad_claim())])
    assert [
        (r.patient_control_number, r.line, r.ndc, r.hcpcs, r.date_of_service, r.reason_code) for r in rows
    ] == [
        ("PCN0002", None, "", "", "", "FREQUENCY_CODE_INVALID"),
        ("PCN0002", 2, "5024206101", "J9035", "2026-04-10", "NDC_INVALID_FORMAT"),
    ]
    assert (
        rows[0].reason_text == "Claim frequency code '2' must be 1 (original), 7 (replacement) or 8 (void)."
    )


def test_api_denials_are_not_business_rejections():
    claim = replace_drug(brief_claim(), 2, ndc_raw="5024206101")
    assert rejection_rows(FILE, [decided(claim, "api")]) == []


ROW = RejectionRow(
    FILE, "PCN0002", 2, "5024206101", "J9035", "2026-04-10", "NDC_INVALID_FORMAT", 'bad, "NDC"'
)
CLAIM_ROW = RejectionRow(FILE, "PCN0002", None, "", "", "", "DIAGNOSIS_MISSING", "no diagnosis")


def test_csv_has_header_and_stable_columns():
    assert to_csv([ROW, CLAIM_ROW]) == (
        "file,patient_control_number,line,ndc,hcpcs,date_of_service,reason_code,reason_text\r\n"
        'TP123_20260415_0001.837,PCN0002,2,5024206101,J9035,2026-04-10,NDC_INVALID_FORMAT,"bad, ""NDC"""\r\n'
        "TP123_20260415_0001.837,PCN0002,,,,,DIAGNOSIS_MISSING,no diagnosis\r\n"
    )


def test_csv_of_no_rows_is_the_header():
    assert to_csv([]) == ",".join(COLUMNS) + "\r\n"


def test_json_rows_keep_column_order_and_null_line():
    parsed = json.loads(to_json([ROW, CLAIM_ROW]))
    assert list(parsed[0]) == list(COLUMNS)
    assert parsed[0]["line"] == 2 and parsed[1]["line"] is None
    assert parsed[0]["reason_text"] == 'bad, "NDC"'
