"""The X12 835 (005010X221A1) remittance of one payment run to one pay-to organization.

Each ledger line of the run is one claim-payment loop (2100): CLP01 the line's key (site, member,
month, component, sequence), CLP02 1 (processed as primary) for a payment and 22 (reversal of a
previous payment) for a negative adjustment, CLP03 and CLP04 the amount, CLP06 MC (Medicaid),
CLP07 our payer control number; NM1*QC the member (the practice's own patient, so its remittance
may name them). Zero lines (suspended, not payable) are not payments and stay in the JSON
remittance only. BPR02 is the sum of CLP04: no provider-level (PLB) adjustments, so it balances
by construction, which a test checks by parsing the 835 back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from mainecare.domain.health_homes.payments import LedgerLine
from valueobjects import value_object
from x12.writer import X12Writer

IMPLEMENTATION = "005010X221A1"
PAYER = {"name": "MAINECARE", "tin": "1016000001", "address": "11 STATE HOUSE STATION", "city": "AUGUSTA",
         "state": "ME", "zip": "04333", "contact": "MAINECARE EDI", "phone": "8007210006"}


@value_object
class Payee:
    name: str
    tax_id: str
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def _claim_id(line: LedgerLine) -> str:
    return f"{line.site_id}-{line.member_id}-{line.month}-{line.component}-{line.sequence}"[:38]


def write_835(payee: Payee, lines: Sequence[LedgerLine], *, run_id: str, paid_on: datetime,
              interchange_control: int, receiver_id: str, names: Mapping[str, tuple[str, str]]) -> str:
    """names: member id -> (last name, first name), for NM1*QC."""
    paid = [line for line in lines if line.amount != 0]
    total = sum((line.amount for line in paid), Decimal("0"))
    w = X12Writer()
    day = paid_on.strftime("%Y%m%d")
    with w.envelope(("ZZ", PAYER["name"]), ("ZZ", receiver_id), interchange_control, paid_on), \
            w.group("HP", PAYER["name"], receiver_id, interchange_control, paid_on, IMPLEMENTATION):
        w.start_set("835", "0001", IMPLEMENTATION)
        # BPR01 I: remittance with payment; H would be "notification only" when nothing is paid.
        w.segment("BPR", "I" if total > 0 else "H", _money(total), "C" if total >= 0 else "D", "CHK" if total > 0
                  else "NON", "", "", "", "", "", "", "", "", "", "", "", day)
        w.segment("TRN", "1", run_id[:50], PAYER["tin"])
        w.segment("DTM", "405", day)
        w.segment("N1", "PR", PAYER["name"])
        w.segment("N3", PAYER["address"])
        w.segment("N4", PAYER["city"], PAYER["state"], PAYER["zip"])
        w.segment("PER", "BL", PAYER["contact"], "TE", PAYER["phone"])
        w.segment("N1", "PE", w.clean(payee.name, 60), "FI", payee.tax_id)
        if payee.address:
            w.segment("N3", w.clean(payee.address, 55))
            w.segment("N4", w.clean(payee.city, 30), payee.state, payee.zip)
        if paid:
            w.segment("LX", "1")
        for line in paid:
            status = "1" if line.amount > 0 else "22"
            w.segment("CLP", _claim_id(line), status, _money(line.amount), _money(line.amount), "", "MC",
                      f"{run_id[:20]}{line.sequence:04d}")
            last, first = names.get(line.member_id, ("UNKNOWN", ""))
            w.segment("NM1", "QC", "1", w.clean(last, 60) or "UNKNOWN", w.clean(first, 35), "", "", "", "MI",
                      line.member_id)
        w.end_set()
    return w.text()
