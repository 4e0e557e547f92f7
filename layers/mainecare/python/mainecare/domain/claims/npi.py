"""NPI format and check digit (CMS): 10 digits, first 1 or 2, last = Luhn over "80840" + first 9.

The 80840 prefix is the ISO issuer code for US health identifiers; its digits add a constant 24
to the Luhn sum, which is why the check digit is computed on the 9 digits plus 24.
"""

from __future__ import annotations

from mainecare.domain.errors import RuleError

# 80840 prefix: 0+8+8+0+8 after Luhn doubling of the prefix positions (see CMS NPI check digit text).
_PREFIX_CONTRIBUTION = 24


def npi_check_digit(first_nine: str) -> int:
    """Check digit for the first 9 digits of an NPI."""
    total = _PREFIX_CONTRIBUTION
    # From the rightmost of the 9 digits, every other digit (positions 9, 7, 5, 3, 1) is doubled.
    for index, char in enumerate(reversed(first_nine)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9  # same as adding the two digits of a product 10..18
        total += digit
    return (10 - total % 10) % 10


def npi_error(npi: str | None) -> RuleError | None:
    value = "" if npi is None else str(npi).strip()
    if not value:
        return RuleError("NPI_MISSING", "NPI is missing.")
    if len(value) != 10 or not value.isdigit():
        return RuleError("NPI_FORMAT", f"NPI '{value}' must be exactly 10 digits.")
    if value[0] not in "12":
        return RuleError("NPI_FORMAT", f"NPI '{value}' must start with 1 or 2.")
    expected = npi_check_digit(value[:9])
    if int(value[9]) != expected:
        return RuleError(
            "NPI_CHECK_DIGIT",
            f"NPI '{value}' fails the check digit: the last digit should be {expected} for these 9 digits.",
        )
    return None
