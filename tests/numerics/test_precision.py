"""Exact conversion of arguments (numerics.convert) and precision scoping (numerics.certify)."""

from __future__ import annotations

import decimal
import sys
from fractions import Fraction

import flint
import gmpy2
import mpmath
import pytest

from numtheory.errors import InputError, InputTypeError
from numtheory.numerics import gamma
from numtheory.numerics.convert import MAX_DPS, check_dps, exact_number, target_prec


@pytest.mark.parametrize(
    ("value", "re", "im"),
    [
        (7, Fraction(7), 0),
        (-3, Fraction(-3), 0),
        (Fraction(1, 3), Fraction(1, 3), 0),
        ("1/3", Fraction(1, 3), 0),
        (" -7 / 2 ", Fraction(-7, 2), 0),
        ("2.5", Fraction(5, 2), 0),
        ("-0.5", Fraction(-1, 2), 0),
        ("+.25", Fraction(1, 4), 0),
        ("5.", Fraction(5), 0),
        ("1e-3", Fraction(1, 1000), 0),
        ("-1.5E2", Fraction(-150), 0),
        (decimal.Decimal("0.1"), Fraction(1, 10), 0),
        (0.1, Fraction(3602879701896397, 36028797018963968), 0),
        (complex(0.5, -2), Fraction(1, 2), Fraction(-2)),
        (mpmath.mpf(-2.5), Fraction(-5, 2), 0),
        (mpmath.mpc(0.25, -1.75), Fraction(1, 4), Fraction(-7, 4)),
        (gmpy2.mpz(12), Fraction(12), 0),
        (gmpy2.mpq(2, 7), Fraction(2, 7), 0),
        (flint.fmpq(-5, 9), Fraction(-5, 9), 0),
        (flint.fmpz(10**30), Fraction(10**30), 0),
    ],
)
def test_exact_conversion(value: object, re: Fraction, im: Fraction) -> None:
    z = exact_number(value)
    assert (z.re, z.im) == (re, im)


def test_mpf_sign_is_kept() -> None:
    # mpmath 1.3's mpf.man_exp drops the sign; the conversion must not.
    assert exact_number(mpmath.mpf("-1.7")).re < 0
    assert exact_number(mpmath.mpc("0.3", "-1.7")).im < 0


def test_complex_types_stay_complex() -> None:
    assert exact_number(complex(2, 0)).is_complex_type
    assert not exact_number(complex(2, 0)).is_real
    assert exact_number(2).is_real


def test_long_decimal_string_needs_no_int_str_limit() -> None:
    digits = "0." + "3" * 6000
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(4300)
    try:
        z = exact_number(digits)
        big = exact_number("1" * 5000 + "/7")
    finally:
        sys.set_int_max_str_digits(old)
    assert z.re.denominator == 10**6000
    assert big.re.denominator == 7


@pytest.mark.parametrize("bad", [True, False, None, object(), [1], b"1"])
def test_bad_types(bad: object) -> None:
    with pytest.raises(InputTypeError, match="needs x to be"):
        exact_number(bad)


@pytest.mark.parametrize(
    "bad",
    [
        "abc",
        "",
        "1.2.3",
        "1/0",
        "nan",
        "inf",
        "1+2i",  # ("1+2j" is a complex string, accepted as mpmath does: test_hostile.py)
        "1+2j+3j",
        "0x10",
        "1e99999999",
        float("nan"),
        float("inf"),
        complex(float("inf"), 0),
        mpmath.inf,
        mpmath.nan,
        mpmath.mpc(1, mpmath.inf),
        decimal.Decimal("NaN"),
        decimal.Decimal("-Infinity"),
        decimal.Decimal("1e999999999"),
        mpmath.mpf("1e100000000"),
        "1e-2000000",
    ],
)
def test_bad_values(bad: object) -> None:
    with pytest.raises(InputError):
        exact_number(bad)


def test_error_names_the_value_and_function() -> None:
    with pytest.raises(InputError, match=r"gamma\(\).*'abc'"):
        gamma("abc")


@pytest.mark.parametrize("bad", [0, -5, MAX_DPS + 1])
def test_dps_domain(bad: int) -> None:
    with pytest.raises(InputError, match="dps"):
        check_dps(bad, "gamma")


@pytest.mark.parametrize("bad", [True, 15.0, "15", None])
def test_dps_type(bad: object) -> None:
    with pytest.raises(InputTypeError, match="dps"):
        gamma(2, dps=bad)  # type: ignore[arg-type]


def test_target_prec_matches_mpmath() -> None:
    for dps in (1, 15, 50, 1000):
        with mpmath.workdps(dps):
            assert target_prec(dps) == mpmath.mp.prec


def test_global_precisions_untouched_also_on_error() -> None:
    before = (mpmath.mp.prec, flint.ctx.prec, flint.ctx.cap)
    gamma("1/3", dps=500)
    with pytest.raises(InputError):
        gamma(-4, dps=500)
    with pytest.raises(InputError):
        gamma("x", dps=500)
    assert (mpmath.mp.prec, flint.ctx.prec, flint.ctx.cap) == before


def test_flint_precision_restored_when_compute_raises() -> None:
    from numtheory.numerics.certify import arb_certified

    before = flint.ctx.prec

    def boom() -> object:
        assert flint.ctx.prec > before
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        arb_certified(boom, 500, "boom")
    assert flint.ctx.prec == before


def test_result_independent_of_callers_mpmath_precision() -> None:
    with mpmath.workdps(5):
        low = gamma("1/3", dps=40)
    with mpmath.workdps(60):
        assert low == gamma("1/3", dps=40)
        assert abs(low - mpmath.gamma(mpmath.mpf(1) / 3)) < mpmath.mpf(10) ** -39


@pytest.mark.parametrize("bad", ["١٢٣", "1/٣", "٣.5", "1e" + "1" * 5000, "1e-" + "9" * 5000])
def test_strings_that_used_to_escape_as_bare_value_errors(bad: str) -> None:
    # Non-ASCII digits matched \d and reached gmpy2; a 5000-digit exponent hit int()'s limit.
    with pytest.raises(InputError) as info:
        exact_number(bad)
    assert type(info.value) is not ValueError


def test_exponent_with_leading_zeros() -> None:
    assert exact_number("1e-0000000000003").re == Fraction(1, 1000)
    assert exact_number("2E+0").re == 2
    assert exact_number("1e-" + "0" * 5000 + "5").re == Fraction(1, 10**5)


def test_messages_abbreviate_huge_fractions() -> None:
    from numtheory.numerics.convert import show_fraction

    z = exact_number(Fraction(-(10**5000) - 1, 2))
    assert "integer of" in str(z)
    assert show_fraction(Fraction(-7, 2)) == "-7/2"
