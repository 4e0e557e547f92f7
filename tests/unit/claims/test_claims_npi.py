import pytest

from mainecare.domain.claims.npi import npi_check_digit, npi_error


@pytest.mark.parametrize("npi", ["1234567893", "1558598797", "1122333341", "1112223338"])
def test_valid_npis_pass(npi):
    assert npi_error(npi) is None


def test_brief_vector_check_digit_is_3():
    # 123456789: doubled 9,7,5,3,1 -> 23; undoubled 20; + 24 for the 80840 prefix = 67 -> 3
    assert npi_check_digit("123456789") == 3


def test_wrong_check_digit_names_the_expected_digit():
    error = npi_error("1234567890")
    assert error.code == "NPI_CHECK_DIGIT"
    assert error.message == (
        "NPI '1234567890' fails the check digit: the last digit should be 3 for these 9 digits."
    )


@pytest.mark.parametrize(
    "npi, code",
    [
        ("", "NPI_MISSING"),
        (None, "NPI_MISSING"),
        ("   ", "NPI_MISSING"),
        ("123456789", "NPI_FORMAT"),
        ("12345678931", "NPI_FORMAT"),
        ("12345678A3", "NPI_FORMAT"),
        ("3234567893", "NPI_FORMAT"),  # must start with 1 or 2
        ("9876540809", "NPI_FORMAT"),
    ],
)
def test_format_errors(npi, code):
    assert npi_error(npi).code == code


def test_every_single_digit_change_is_caught():
    # Luhn catches any one-digit substitution: every variant of a valid NPI but itself fails.
    valid = "1558598797"
    for position in range(1, 10):
        for digit in "0123456789":
            variant = valid[:position] + digit + valid[position + 1 :]
            assert (npi_error(variant) is None) == (variant == valid), variant
