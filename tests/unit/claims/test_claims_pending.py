"""A pended claim re-edited once the crosswalk it waited for is loaded."""

from __future__ import annotations

from datetime import date

import pytest

from mainecare.domain.claims.context import LicenseStatus
from mainecare.domain.claims.decision import decide
from mainecare.domain.claims.edits import run_edits
from mainecare.domain.claims.pending import changed, reedit
from mainecare.domain.crosswalks.index import CrosswalkIndex
from tests.unit.claims.claims_fixtures import brief_claim, context, crosswalks, replace_drug

NOTHING_LOADED = context(crosswalks=crosswalks(asp_loaded=False, pdac_loaded=False))


def pended(claim, channel="api", ctx=NOTHING_LOADED):
    decision = decide(claim, run_edits(claim, ctx), channel)
    assert decision.status == "PENDED"
    return decision


def again(claim, earlier, ctx):
    return reedit(earlier, run_edits(claim, ctx))


@pytest.mark.parametrize("channel", ["api", "edi"])
def test_a_pair_on_the_loaded_file_becomes_payable(channel):
    claim = brief_claim()
    later = again(claim, pended(claim, channel), context())
    assert (later.status, later.line_statuses, later.reasons) == ("ACCEPTED", {1: "PAYABLE", 2: "PAYABLE"}, ())
    assert later.channel == channel


@pytest.mark.parametrize("channel", ["api", "edi"])
def test_a_pair_on_neither_crosswalk_denies_only_its_line_even_for_an_837(channel):
    claim = replace_drug(brief_claim(), 2, ndc_raw="00703514501")
    later = again(claim, pended(claim, channel), context())
    assert (later.status, later.line_statuses) == ("ACCEPTED", {1: "PAYABLE", 2: "DENIED"})
    assert [(r.code, r.carc, r.rarc) for r in later.reasons] == [("NDC_HCPCS_PAIR_INVALID", "16", "M119")]


def test_a_line_still_unsettled_stays_pended_awaiting_what_is_left():
    claim = replace_drug(brief_claim(), 2, ndc_raw="00703514501")
    earlier = pended(claim)
    assert earlier.awaiting == ("ASP#2026Q2", "PDAC")
    later = again(claim, earlier, context(crosswalks=crosswalks(pdac_loaded=False)))  # ASP came, no match
    assert (later.status, later.line_statuses, later.awaiting) == ("PENDED", {1: "PAYABLE", 2: "PENDED"}, ("PDAC",))
    assert changed(earlier, later)


def test_nothing_new_loaded_changes_nothing():
    claim = brief_claim()
    earlier = pended(claim)
    later = again(claim, earlier, NOTHING_LOADED)
    assert not changed(earlier, later)


def test_lines_decided_at_intake_keep_their_outcome():
    # Line 1 was payable at intake; a licence lapse known by now does not reopen it, while the
    # pended drug line is judged with everything known today.
    claim = brief_claim()
    earlier = pended(claim)
    lapsed = context(license_status=lambda npi, day: LicenseStatus("MD1", "Expired"))
    later = again(claim, earlier, lapsed)
    assert later.line_statuses == {1: "PAYABLE", 2: "DENIED"}
    assert [r.code for r in later.reasons] == ["RENDERING_LICENSE_INACTIVE"]


def test_a_claim_that_is_not_pended_is_left_alone():
    claim = brief_claim()
    accepted = decide(claim, run_edits(claim, context()), "api")
    empty = context(crosswalks=CrosswalkIndex(), today=date(2026, 4, 15))
    assert again(claim, accepted, empty) is accepted
