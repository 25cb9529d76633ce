"""numtheory._validate: strict integer coercion and the shared checks."""

from __future__ import annotations

from fractions import Fraction

import pytest

from numtheory._validate import as_int, check_nonnegative, check_prime_base, show
from numtheory.errors import InputError, InputTypeError, NotPrimeError


def test_as_int_accepts_ints_and_int_likes() -> None:
    import flint
    import gmpy2

    assert as_int(12) == 12
    assert as_int(-(10**100)) == -(10**100)
    for value in (gmpy2.mpz(7), flint.fmpz(7)):
        result = as_int(value)
        assert result == 7 and type(result) is int


class IndexLike:
    """Any object with __index__ (numpy integers are such objects)."""

    def __index__(self) -> int:
        return 9


def test_as_int_accepts_any_index_object() -> None:
    result = as_int(IndexLike())
    assert result == 9 and type(result) is int


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "True (bool)"),
        (False, "False (bool)"),
        (2.0, "2.0 (float)"),
        ("12", "'12' (str)"),
        (None, "None (NoneType)"),
        (Fraction(3, 1), "Fraction(3, 1) (Fraction)"),
    ],
)
def test_as_int_rejects_with_the_value_named(value: object, shown: str) -> None:
    with pytest.raises(InputTypeError) as info:
        as_int(value, "k")
    assert str(info.value) == f"k must be an integer, got {shown}"
    assert isinstance(info.value, TypeError)


def test_checks() -> None:
    check_nonnegative(0, "n", "f")
    with pytest.raises(InputError, match=r"f\(\) needs n >= 0, got -3"):
        check_nonnegative(-3, "n", "f")
    for p in (2, 3, 47, 53, 2**61 - 1):
        check_prime_base(p, "f")
    for p in (-2, 0, 1, 4, 49, 561, 2**61 + 1):
        with pytest.raises(NotPrimeError, match=rf"f\(\) needs p to be prime, got {p}"):
            check_prime_base(p, "f")


def test_show_abbreviates_huge_values() -> None:
    assert show(12) == "12"
    assert show(-(2**1000)) == "<-integer of 1001 bits>"
    assert show("x" * 200).endswith("...") and len(show("x" * 200)) == 80


def test_error_message_for_a_huge_fraction_does_not_crash() -> None:
    """repr() of a Fraction with 5000-digit parts raises ValueError on Python >= 3.11 under the
    default int/str limit; the message must still name the type instead of crashing."""
    import sys
    from fractions import Fraction

    from numtheory._validate import as_int
    from numtheory.errors import InputTypeError

    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(4300)
    try:
        with pytest.raises(InputTypeError, match="Fraction"):
            as_int(Fraction(10**5000 + 1, 3))
    finally:
        if hasattr(sys, "set_int_max_str_digits"):
            sys.set_int_max_str_digits(limit)


def test_excerpt_keeps_short_text_and_abbreviates_long_text() -> None:
    from numtheory._validate import excerpt

    assert excerpt("1,2,x") == "'1,2,x'"
    assert excerpt("a" * 70) == repr("a" * 70)
    text = "".join(str(i % 10) for i in range(1_000_000))
    shown = excerpt(text)
    assert shown == f"'{text[:40]}...{text[-10:]}' (1,000,000 characters)"
    assert len(shown) < 80
    assert excerpt("\n" * 100).startswith("'\\n\\n")  # control characters escaped, as repr does
