import pytest

from saqbol.entities import parse_iin, validate_bin, validate_iin
from saqbol.entities.iin import check_digit
from saqbol.errors import InvalidIdentifier


def reference_check_digit(first11: str) -> int | None:
    """The published rule, written out independently of saqbol.entities.iin."""
    first = sum((i + 1) * int(d) for i, d in enumerate(first11)) % 11
    if first != 10:
        return first
    weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
    second = sum(w * int(d) for w, d in zip(weights, first11, strict=True)) % 11
    return None if second == 10 else second


def with_check_digit(first11: str) -> str:
    digit = reference_check_digit(first11)
    assert digit is not None
    return first11 + str(digit)


# Worked by hand, weights 1..11 over 9 0 0 1 0 1 3 0 0 0 1:
#   9 + 0 + 0 + 4 + 0 + 6 + 21 + 0 + 0 + 0 + 11 = 51; 51 mod 11 = 7 -> IIN 900101300017.
IIN_FIRST_PASS = "900101300017"
# 9 0 0 1 0 1 3 0 0 8 1, first pass: 9 + 4 + 6 + 21 + 80 + 11 = 131; 131 mod 11 = 10, so the
# second weights 3,4,5,6,7,8,9,10,11,1,2: 27 + 6 + 8 + 27 + 8 + 2 = 78; 78 mod 11 = 1.
IIN_SECOND_PASS = "900101300811"
# 9 0 0 1 0 1 3 0 0 8 0: first pass 120 mod 11 = 10, second pass 76 mod 11 = 10: no IIN
# starting with these 11 digits is valid, whatever the 12th.
BOTH_PASSES_TEN = "90010130080"


def test_worked_examples_agree_with_the_reference_rule():
    assert reference_check_digit(IIN_FIRST_PASS[:11]) == 7
    assert reference_check_digit(IIN_SECOND_PASS[:11]) == 1
    assert reference_check_digit(BOTH_PASSES_TEN) is None


@pytest.mark.parametrize(
    "first11", ["90010130001", "90010130081", "85071540000", "00010150020", "95123145678"]
)
def test_check_digit_matches_reference(first11):
    assert check_digit(first11) == reference_check_digit(first11)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (IIN_FIRST_PASS, IIN_FIRST_PASS),
        (IIN_SECOND_PASS, IIN_SECOND_PASS),
        ("9001-0130-0811", IIN_SECOND_PASS),
        (" 900101 300017 ", IIN_FIRST_PASS),
    ],
)
def test_valid_iin(raw, value):
    assert validate_iin(raw) == value
    assert parse_iin(raw).value == value


def make_iin(first7: str) -> str:
    """A valid IIN starting with ``first7``: the first serial that admits a check digit."""
    serials = (f"{n:04d}" for n in range(1, 100))
    first11 = next(first7 + s for s in serials if reference_check_digit(first7 + s) is not None)
    return with_check_digit(first11)


MALE_1990 = {"birth_date": "1990-01-01", "sex": "male", "birth_date_valid": True}
NO_DATE = {"birth_date_valid": False}


@pytest.mark.parametrize(
    ("first7", "details"),
    [
        ("9001013", MALE_1990),
        ("9001014", {"birth_date": "1990-01-01", "sex": "female", "birth_date_valid": True}),
        ("0502286", {"birth_date": "2005-02-28", "sex": "female", "birth_date_valid": True}),
        ("8512311", {"birth_date": "1885-12-31", "sex": "male", "birth_date_valid": True}),
        ("0002295", {"birth_date": "2000-02-29", "sex": "male", "birth_date_valid": True}),
        # Since 2013 the first six digits need not be a date: reported, never rejected.
        ("0102295", NO_DATE),
        ("9913453", NO_DATE),
        ("9001010", NO_DATE),
        ("9001017", NO_DATE),
    ],
)
def test_birth_details(first7, details):
    assert parse_iin(make_iin(first7)).details == details


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("900101300018", "check digit does not match"),
        ("900101300810", "check digit does not match"),
        (BOTH_PASSES_TEN + "0", "no check digit is possible"),
        (BOTH_PASSES_TEN + "9", "no check digit is possible"),
        ("90010130001", "expected 12 digits, got 11"),
        ("9001013000170", "expected 12 digits, got 13"),
        ("90010130001a", "only digits"),
        ("９００１０１３０００１７", "only digits"),
        ("", "is empty"),
    ],
)
def test_invalid_iin(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        validate_iin(raw)
    assert err.value.kind == "iin"


def test_mask_keeps_two_digits_each_end():
    assert parse_iin(IIN_FIRST_PASS).masked == "90********17"


@pytest.mark.parametrize(
    "raw",
    [
        "971240001315",  # Kaspi Bank JSC, a published company BIN
        with_check_digit("08014000123"),
        with_check_digit("15055000777"),
        with_check_digit("20116100001"),
    ],
)
def test_valid_bin(raw):
    assert validate_bin(raw) == raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("971240001316", "check digit does not match"),
        (IIN_FIRST_PASS, "fifth digit must be 4, 5 or 6"),
        (with_check_digit("08017000123"), "fifth digit must be 4, 5 or 6"),
        ("9712400013", "expected 12 digits, got 10"),
    ],
)
def test_invalid_bin(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        validate_bin(raw)
    assert err.value.kind == "bin"
