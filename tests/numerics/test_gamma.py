"""Gamma, log-Gamma, 1/Gamma and the Fourier route, against mpmath at higher precision."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint
import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory.errors import InputError, PoleError
from numtheory.numerics import gamma, gamma_fourier, loggamma, rgamma
from numtheory.numerics.convert import target_prec


def _mp(x: object) -> object:
    """The same argument as an mpmath number, built exactly at the current precision."""
    if isinstance(x, str):
        return mpmath.mpf(Fraction(x).numerator) / Fraction(x).denominator
    if isinstance(x, Fraction):
        return mpmath.mpf(x.numerator) / x.denominator
    return mpmath.mpmathify(x)


def _close(ours: Any, ref: Any, dps: int) -> bool:
    with mpmath.workdps(dps + 20):
        return bool(abs(ours - ref) <= abs(ref) * mpmath.mpf(10) ** (-dps))


ARGS = [
    "1/3",
    "2.5",
    "-0.5",
    "-7/3",
    "1e-5",
    10**6 + Fraction(1, 2),
    1,
    20,
    0.1,
    1 + 2j,
    -3.5 + 0.25j,
]


@pytest.mark.parametrize("x", ARGS)
@pytest.mark.parametrize("dps", [15, 50, 200])
def test_gamma_matches_mpmath(x: object, dps: int) -> None:
    ours = gamma(x, dps=dps)
    with mpmath.workdps(dps + 30):
        ref = mpmath.gamma(_mp(x))
    assert _close(ours, ref, dps)


@pytest.mark.parametrize(
    "x", ["1/3", "2.5", "1e-5", 10**6 + Fraction(1, 2), 1 + 2j, "-0.5", -3.5 + 0.25j]
)
@pytest.mark.parametrize("dps", [15, 60])
def test_loggamma_and_rgamma_match_mpmath(x: object, dps: int) -> None:
    with mpmath.workdps(dps + 30):
        ref_lg = mpmath.loggamma(_mp(x))
        ref_rg = mpmath.rgamma(_mp(x))
    assert _close(loggamma(x, dps=dps), ref_lg, dps)
    assert _close(rgamma(x, dps=dps), ref_rg, dps)


def test_types_of_results() -> None:
    assert isinstance(gamma("1/3"), mpmath.mpf)
    assert isinstance(gamma(2 + 0j), mpmath.mpc)
    assert isinstance(gamma(mpmath.mpc(2, 1)), mpmath.mpc)
    assert isinstance(loggamma(3), mpmath.mpf)
    assert isinstance(loggamma(-0.5), mpmath.mpc)  # principal branch: imaginary part -pi
    assert gamma(5) == 24 and gamma(1) == 1


def test_result_carries_the_asked_precision() -> None:
    for dps in (15, 50, 300):
        value = gamma("1/3", dps=dps)
        assert value._mpf_[3] <= target_prec(dps)  # mantissa bits
        assert value._mpf_[3] >= target_prec(dps) - 8
        c = gamma(1 + 2j, dps=dps)
        assert c.imag._mpf_[3] >= target_prec(dps) - 8


def test_ten_thousand_digits_cheaply() -> None:
    # Arb's gamma_fmpq: milliseconds; mpmath would need about a minute cold.
    half = gamma("1/2", dps=10_000)
    third = gamma("1/3", dps=10_000)
    four_thirds = gamma("4/3", dps=10_000)
    with mpmath.workdps(10_020):
        assert abs(half - mpmath.sqrt(mpmath.pi)) < mpmath.mpf(10) ** -9999
        assert abs(four_thirds - third / 3) < mpmath.mpf(10) ** -9999


def test_float_is_its_binary_value() -> None:
    assert gamma(0.1, dps=30) == gamma(Fraction(0.1), dps=30)
    assert gamma(0.1, dps=30) != gamma("0.1", dps=30)


@pytest.mark.parametrize(
    "pole", [0, -1, -7, "-5", Fraction(-3), mpmath.mpf(-2), complex(-1, 0), "0/4"]
)
@pytest.mark.parametrize("func", [gamma, loggamma])
def test_poles(func: object, pole: object) -> None:
    with pytest.raises(PoleError, match=r"pole at x = -?\d+"):
        func(pole)  # type: ignore[operator]


def test_pole_error_names_the_pole_and_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="pole at x = -4"):
        gamma(-4, dps=100)
    assert rgamma(-4) == 0 and rgamma(0) == 0
    assert rgamma(mpmath.mpc(-2, 0)) == 0


def test_near_pole_is_still_accurate() -> None:
    x = Fraction(-1) + Fraction(1, 10**40)
    with mpmath.workdps(120):
        ref = mpmath.gamma(mpmath.mpf(-1) + mpmath.mpf(10) ** -40)
    assert _close(gamma(x, dps=50), ref, 50)


def test_flint_precision_restored() -> None:
    before = (flint.ctx.prec, flint.ctx.cap)
    gamma("1/7", dps=1000)
    loggamma(2 + 3j, dps=100)
    with pytest.raises(PoleError):
        gamma(-1, dps=1000)
    assert (flint.ctx.prec, flint.ctx.cap) == before


rationals = st.fractions(
    min_value=Fraction(-30), max_value=Fraction(30), max_denominator=1000
).filter(lambda q: not (q.denominator == 1 and q <= 0))


def _rel(a: Any, b: Any) -> Any:
    return abs(a - b) / abs(b)


@given(rationals)
def test_recurrence(x: Fraction) -> None:
    lhs = gamma(x + 1, dps=30)
    rhs = gamma(x, dps=30)
    with mpmath.workdps(50):
        assert _rel(lhs, rhs * (mpmath.mpf(x.numerator) / x.denominator)) < mpmath.mpf(10) ** -28


@given(rationals.filter(lambda q: q.denominator != 1))
def test_reflection(x: Fraction) -> None:
    with mpmath.workdps(50):
        prod = gamma(x, dps=30) * gamma(1 - x, dps=30)
        ref = mpmath.pi / mpmath.sinpi(mpmath.mpf(x.numerator) / x.denominator)
        assert _rel(prod, ref) < mpmath.mpf(10) ** -28


@given(rationals.filter(lambda q: (2 * q).denominator != 1 or 2 * q > 0))
def test_duplication(z: Fraction) -> None:
    # Gamma(z) Gamma(z + 1/2) = 2^(1 - 2z) sqrt(pi) Gamma(2z)   (DLMF 5.5.5)
    with mpmath.workdps(50):
        lhs = gamma(z, dps=30) * gamma(z + Fraction(1, 2), dps=30)
        zz = mpmath.mpf(z.numerator) / z.denominator
        rhs = mpmath.power(2, 1 - 2 * zz) * mpmath.sqrt(mpmath.pi) * gamma(2 * z, dps=30)
        assert _rel(lhs, rhs) < mpmath.mpf(10) ** -28


@given(
    st.complex_numbers(min_magnitude=0.1, max_magnitude=20, allow_nan=False, allow_infinity=False)
)
def test_complex_recurrence(z: complex) -> None:
    if z.imag == 0 and z.real <= 0 and z.real == int(z.real):
        return
    with mpmath.workdps(40):
        lhs = gamma(mpmath.mpc(z) + 1, dps=25)  # exact at 40 digits; z + 1 in floats is not
        rhs = gamma(z, dps=25) * mpmath.mpc(z)
        assert abs(lhs - rhs) <= abs(rhs) * mpmath.mpf(10) ** -23


# --- the Fourier route (seed article https://kexue.fm/archives/3108) ---------------------


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (1, "1"),
        ("0.5", "1.77245385091"),
        (5, "24"),
        (1 + 2j, "0.15190400267+0.0198048801619j"),
        (mpmath.mpc("0.3", "-1.7"), "0.0710918325377+0.139377423262j"),
    ],
)
def test_fourier_seed_values(z: object, expected: str) -> None:
    value = gamma_fourier(z)
    with mpmath.workdps(15):
        assert abs(value - mpmath.mpmathify(expected)) < 1e-11


@pytest.mark.parametrize("z", ["1/3", "7.25", 2.5 + 1j, "0.05"])
def test_fourier_agrees_with_gamma_at_30_digits(z: object) -> None:
    assert _close(gamma_fourier(z, dps=30), gamma(z, dps=40), 29)


@pytest.mark.parametrize("bad", [0, -1, "-0.5", 1j, complex(-0.1, 3)])
def test_fourier_needs_positive_real_part(bad: object) -> None:
    with pytest.raises(InputError, match="Re z > 0"):
        gamma_fourier(bad)


# --- review additions ----------------------------------------------------------------------


@pytest.mark.parametrize("x", ["1/3", "-2.999999999999999999999999999999", 10**20 + Fraction(1, 2)])
def test_thousand_digits_against_mpmath_at_1100(x: object) -> None:
    with mpmath.workdps(1100):
        xm = _mp(x)
        refs = [mpmath.gamma(xm), mpmath.rgamma(xm), mpmath.loggamma(xm)]
    for f, ref in zip((gamma, rgamma, loggamma), refs, strict=True):
        ours = f(x, dps=1000)
        with mpmath.workdps(1100):
            assert abs(ours - ref) <= abs(ref) * mpmath.mpf(2) ** -target_prec(1000)


def test_just_above_a_pole_from_a_string() -> None:
    # -3 + 1e-30: the residue at -3 is -1/6, so Gamma ~ -1/(6e-30); exact conversion keeps it.
    x = "-2.999999999999999999999999999999"
    with mpmath.workdps(200):
        ref = mpmath.gamma(mpmath.mpf(-3) + mpmath.mpf(10) ** -30)
    assert _close(gamma(x, dps=60), ref, 60)
    assert gamma(x) < -1e29 < 1e29 < gamma("-3.000000000000000000000000000001")


def test_loggamma_branch_on_both_sides_of_the_cut() -> None:
    for im in ("1e-300", "-1e-300"):
        z = mpmath.mpc("-2.5", im)
        with mpmath.workdps(60):
            ref = mpmath.loggamma(z)
        ours = loggamma(z, dps=30)
        assert _close(ours, ref, 30)
    assert (
        loggamma(mpmath.mpc("-2.5", "1e-300")).imag
        < 0
        < loggamma(mpmath.mpc("-2.5", "-1e-300")).imag
    )


@pytest.mark.parametrize("x", [Fraction(1, 3), Fraction(-7, 3), 7, -3, 0, Fraction(10**30 + 1, 2)])
@pytest.mark.parametrize("dps", [15, 50, 1000])
def test_fast_path_is_bit_identical_to_general_path(x: object, dps: int) -> None:
    # int/Fraction take a fast path; a string of the same number takes the general one.
    general = str(x)
    for f in (gamma, rgamma):
        try:
            fast = f(x, dps=dps)
        except PoleError:
            assert f is gamma
            with pytest.raises(PoleError, match=f"pole at x = {x}"):
                f(general, dps=dps)
            continue
        assert fast == f(general, dps=dps)
        assert isinstance(fast, mpmath.mpf)


def test_huge_pole_message_does_not_hit_the_int_str_limit() -> None:
    with pytest.raises(PoleError, match="integer of 16610 bits"):
        gamma(-(10**5000))
    with pytest.raises(PoleError, match="integer of"):
        loggamma(-(10**5000))


@pytest.mark.parametrize("z", [1 + 30j, 0.5 + 60j, 20 + 25j])
def test_fourier_large_imaginary_part_is_accurate(z: complex) -> None:
    # Used to lose ~pi|t|/2 nats to a too-narrow window: 1+30j was off in the 13th digit.
    assert _close(gamma_fourier(z, dps=20), gamma(z, dps=30), 20)


@pytest.mark.parametrize("z", [Fraction(1, 10**5000), 5e-324, "1e-30", "1e10", 10**12, 1e-6 + 3j])
def test_fourier_extreme_real_parts(z: object) -> None:
    # The slow exp(c w) left tail is summed in closed form; tiny c used to divide by zero.
    assert _close(gamma_fourier(z, dps=20), gamma(z, dps=30), 20)


def test_fourier_real_valued_complex_keeps_its_precision() -> None:
    v = gamma_fourier(2.5 + 0j, dps=40)
    assert isinstance(v, mpmath.mpc) and v.imag == 0
    assert _close(v.real, gamma("2.5", dps=50), 39)


@pytest.mark.parametrize("bad", [10**12 + 1, 1e300, 1 + 201j, complex(1, -1e6), 10**5000])
def test_fourier_refuses_impractical_arguments(bad: object) -> None:
    with pytest.raises(InputError, match="moderate arguments"):
        gamma_fourier(bad)


def test_fourier_restores_mpmath_precision() -> None:
    before = mpmath.mp.prec
    gamma_fourier(1 + 5j, dps=50)
    with pytest.raises(InputError):
        gamma_fourier(-1, dps=50)
    assert mpmath.mp.prec == before
