"""Services raise domain refusals by kind; one table in the API turns them into statuses."""

from __future__ import annotations

import pytest

from chalicelib.error_map import STATUS_BY_KIND, api_error
from mainecare.domain import errors


@pytest.mark.parametrize(("error", "status", "code"), [
    (errors.Invalid("BAD_MONTH", "Month is YYYY-MM."), 400, "BAD_MONTH"),
    (errors.NotAllowed("FORBIDDEN", "No."), 403, "FORBIDDEN"),
    (errors.NotFound("site"), 404, "NOT_FOUND"),
    (errors.Conflict("ATTESTATION_WINDOW_CLOSED", "Closed."), 409, "ATTESTATION_WINDOW_CLOSED"),
    (errors.TooLarge("CLAIM_TOO_LARGE", "Too large."), 413, "CLAIM_TOO_LARGE"),
    (errors.Refused("CLAIM_REJECTED", "Refused.", [{"code": "X"}]), 422, "CLAIM_REJECTED"),
])
def test_each_kind_has_one_status(error, status, code):
    mapped = api_error(error)
    assert (mapped.status, mapped.code, mapped.message) == (status, code, error.message)
    assert mapped.details == error.details


def test_every_kind_of_domain_error_is_mapped():
    kinds = {cls.kind for cls in errors.DomainError.__subclasses__()}
    assert kinds <= set(STATUS_BY_KIND)


def test_not_found_says_nothing_about_whose_it_is():
    assert errors.NotFound("member request").message == "No such member request."
