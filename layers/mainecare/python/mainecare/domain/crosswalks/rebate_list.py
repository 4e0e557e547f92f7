"""The CMS Medicaid Drug Rebate Program product list, pure: which NDCs a manufacturer has a rebate
agreement for, and until when. CMS publishes it as a data file of products (labeler code, product
code, package size code, termination date); a product is on the list through its termination date
(none: still on it). The brief's drug edit: an NDC not on the list denies unless prior authorized.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from valueobjects import value_object

HEADER = ("labeler", "product", "package", "termination_date")


class RebateFileInvalid(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@value_object
class RebateList:
    terminations: dict[str, date | None]  # ndc11 -> last day on the list (None: open)

    def covers(self, ndc11: str, day: date) -> bool:
        if ndc11 not in self.terminations:
            return False
        ends = self.terminations[ndc11]
        return ends is None or day <= ends


def parse(text: str) -> tuple[RebateList, list[dict]]:
    """The list and the rows skipped (row number and reason)."""
    reader = csv.reader(io.StringIO(text))
    header = tuple(h.strip().lower() for h in next(reader, ()))
    if header != HEADER:
        raise RebateFileInvalid("HEADER_INVALID", f"the header must be {','.join(HEADER)}")
    terminations: dict[str, date | None] = {}
    skipped = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row] + [""] * (4 - len(row))
        labeler, product, package, ends = cells[:4]
        if not (len(labeler) == 5 and len(product) == 4 and len(package) == 2
                and (labeler + product + package).isdigit()):
            skipped.append({"row": number, "reason": "NDC_INVALID"})
            continue
        try:
            terminations[labeler + product + package] = date.fromisoformat(ends) if ends else None
        except ValueError:
            skipped.append({"row": number, "reason": "TERMINATION_DATE_INVALID"})
    if not terminations:
        raise RebateFileInvalid("NO_PRODUCTS", "the file lists no valid product")
    return RebateList(terminations), skipped
