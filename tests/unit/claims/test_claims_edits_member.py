"""The member edit: not a member, or not covered on a date of service, rejects the claim."""

from dataclasses import replace
from datetime import date, datetime

from mainecare.domain.claims.ack277 import AckClaim, AckHeader, write_277ca
from mainecare.domain.claims.context import members_known
from mainecare.domain.claims.decision import decide
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.edits_member import covered_throughout
from mainecare.domain.claims.model import DateRange
from mainecare.domain.claims.rejection_report import rejection_rows
from mainecare.domain.members.spans import CoverageSpan
from tests.unit.claims.claims_fixtures import BRIEF_MEMBER, NO_MEMBERS, brief_claim, context, replace_line

DOS = date(2026, 4, 10)  # both lines of the brief claim


def covered(*spans: CoverageSpan):
    return context(member_coverage=members_known({BRIEF_MEMBER: spans}))


def span(start: date, end: date | None = None) -> CoverageSpan:
    return CoverageSpan(start=start, end=end, code="ACS")


def member_codes(ctx, claim=None) -> list[tuple[str, int | None]]:
    result = run_edits(claim or brief_claim(), ctx)
    return [(f.code, f.line) for f in result.claim_errors if f.code.startswith("MEMBER_")]


def test_a_member_covered_on_the_date_of_service_passes():
    assert member_codes(covered(span(date(2026, 1, 1)))) == []
    assert member_codes(covered(span(DOS, DOS))) == []  # from <= DOS <= to, both ends inclusive


def test_an_unknown_member_rejects_the_claim_without_naming_the_member():
    result = run_edits(brief_claim(), context(member_coverage=NO_MEMBERS))
    [found] = [f for f in result.claim_errors if f.code == "MEMBER_NOT_FOUND"]
    assert found.severity == "reject" and found.carc == "31"
    assert BRIEF_MEMBER not in found.message
    assert decide(brief_claim(), result, "api").status == "REJECTED"


def test_coverage_ending_before_the_date_of_service_rejects_each_uncovered_line():
    ctx = covered(span(date(2025, 1, 1), date(2026, 4, 9)))
    assert member_codes(ctx) == [("MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE", 1),
                                 ("MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE", 2)]
    assert member_codes(covered(span(date(2026, 4, 11)))) != []  # coverage starting after the DOS


def test_only_the_line_outside_coverage_is_named():
    claim = replace_line(brief_claim(), 2, service_dates=DateRange(date(2026, 5, 2)))
    ctx = covered(span(date(2026, 1, 1), date(2026, 4, 30)))
    assert member_codes(ctx, claim) == [("MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE", 2)]


def test_a_date_range_must_be_covered_every_day_adjoining_spans_allowed():
    spans = (span(date(2026, 1, 1), date(2026, 3, 31)), span(date(2026, 4, 1), date(2026, 4, 30)))
    assert covered_throughout(spans, date(2026, 3, 20), date(2026, 4, 5))
    assert not covered_throughout((spans[0], span(date(2026, 4, 2))), date(2026, 3, 20), date(2026, 4, 5))
    assert not covered_throughout((), DOS, DOS)
    assert covered_throughout((span(date(2026, 4, 1)),), DOS, date(2030, 1, 1))  # open-ended


def test_the_277ca_rejects_with_the_member_status_codes_and_the_brr_lists_it():
    header = AckHeader("277CA0415", "BATCH0415", date(2026, 4, 15), datetime(2026, 4, 15, 11, 0))
    unknown = brief_claim()
    lapsed = replace(brief_claim(), patient_control_number="PCN0002")
    decided = [(unknown, decide(unknown, run_edits(unknown, context(member_coverage=NO_MEMBERS)), "edi")),
               (lapsed, decide(lapsed, run_edits(lapsed, covered(span(date(2025, 1, 1), date(2025, 12, 31)))),
                                "edi"))]
    text = write_277ca(header, [AckClaim(c, d) for c, d in decided])
    stcs = [s.split("*")[1] for s in text.split("~") if s.startswith("STC*A7")]
    # subscriber not found; not eligible on the DOS (2 lines), then each line's own 2220D STC
    assert stcs == ["A7:33", "A7:88:IL", "A7:88:IL", "A7:88:IL", "A7:88:IL"]
    rows = rejection_rows("f.837", decided)
    assert [(r.patient_control_number, r.line, r.date_of_service, r.reason_code) for r in rows] == [
        ("PCN0001", None, "", "MEMBER_NOT_FOUND"),
        ("PCN0002", 1, "2026-04-10", "MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE"),
        ("PCN0002", 2, "2026-04-10", "MEMBER_NOT_ELIGIBLE_ON_DATE_OF_SERVICE"),
    ]
    assert BRIEF_MEMBER not in "".join(r.reason_text for r in rows)
