"""Taylor coefficients of callables (issue 9): the Cauchy integral + FFT, or Arb when it knows f.

Before, a callable went to ``mpmath.taylor`` (numerical differentiation: 11.7 s for Gamma to
order 60 at 40 digits, no error statement, and a pole inside the region went unnoticed).
References here are exact (1/k!, 1 for 1/(1-x), i^k/k!), Arb's certified power series, and
zeta values for log-Gamma (log Gamma(1+x) = -EulerGamma x + sum_k zeta(k) (-x)^k / k).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath
import pytest

import numtheory.numerics as nn
from numtheory.errors import InputError, InputTypeError
from numtheory.numerics import taylor_coefficients
from numtheory.numerics.cauchy import TaylorCoefficients


def _check_estimates(
    c: TaylorCoefficients, exact: list[Any], dps: int, relative: bool = True
) -> None:
    """Every coefficient within its own error estimate, and (if relative) within 10**-dps."""
    assert c.guarantee == "estimate" and c.method == "cauchy integral + fft"
    assert len(c) == len(exact) == len(c.errors)
    with mpmath.workdps(dps + 250):
        for k, (got, want, err) in enumerate(zip(c, exact, c.errors, strict=True)):
            diff = abs(got - want)
            assert diff <= err, (k, diff, err)
            if relative and want != 0:
                assert diff <= abs(want) * mpmath.mpf(10) ** -dps, (k, got, want)


def test_exp_to_order_100_at_50_digits_against_exact_coefficients() -> None:
    with mpmath.workdps(300):
        exact = [1 / mpmath.factorial(k) for k in range(101)]
    # On a disc of radius 32 the circle's scale matches 1/k! up to k = 100: all relative.
    c = taylor_coefficients(lambda z: mpmath.exp(z), 0, 100, dps=50, radius=32)
    _check_estimates(c, exact, 50)
    assert all(isinstance(v, mpmath.mpf) for v in c)  # real f at a real point: real
    # The default disc (radius 1): 1/100! ~ 1e-158 is far below max|f| r^-k ~ 1e30, so the
    # last coefficients get the documented absolute floor instead; the estimates still hold.
    c = taylor_coefficients(lambda z: mpmath.exp(z), 0, 100, dps=50)
    _check_estimates(c, exact, 50, relative=False)
    _check_estimates(
        TaylorCoefficients(c[:60], guarantee=c.guarantee, method=c.method, errors=c.errors[:60]),
        exact[:60],
        50,
    )


def test_geometric_series_finds_a_disc_inside_the_pole() -> None:
    # f(1) divides by zero on the default disc of radius 1: the disc is halved.
    c = taylor_coefficients(lambda z: 1 / (1 - z), 0, 80, dps=40)
    _check_estimates(c, [mpmath.mpf(1)] * 81, 40)
    assert c.radius == Fraction(1, 2)


def test_gamma_as_an_opaque_callable_matches_arb() -> None:
    c = taylor_coefficients(lambda z: mpmath.gamma(z), 1, 60, dps=40)
    ref = taylor_coefficients("gamma", 1, 60, dps=80)
    assert ref.guarantee == "certified"
    _check_estimates(c, list(ref), 40)


def test_loggamma_callable_against_zeta_values() -> None:
    c = taylor_coefficients(lambda z: mpmath.loggamma(z), 1, 40, dps=30)
    with mpmath.workdps(80):
        exact = [mpmath.mpf(0), -mpmath.euler]
        exact += [(-1) ** k * mpmath.zeta(k) / k for k in range(2, 41)]
    _check_estimates(c, exact, 30)


def test_complex_valued_callable_and_complex_point() -> None:
    c = taylor_coefficients(lambda z: mpmath.exp(1j * z), 0, 30, dps=30)
    with mpmath.workdps(60):
        exact = [mpmath.mpc(0, 1) ** k / mpmath.factorial(k) for k in range(31)]
    _check_estimates(c, exact, 30)
    assert all(isinstance(v, mpmath.mpc) for v in c)
    # Around 2 + i, exp(z) has c_k = e^(2+i) / k!.
    c = taylor_coefficients(lambda z: mpmath.exp(z), 2 + 1j, 20, dps=30, radius=4)
    with mpmath.workdps(60):
        base = mpmath.exp(mpmath.mpc(2, 1))
        _check_estimates(c, [base / mpmath.factorial(k) for k in range(21)], 30)
    assert c.radius == 4


@pytest.mark.parametrize("pole", ["0.3", "0.7"])
def test_pole_inside_the_given_disc_is_an_error_not_wrong_numbers(pole: str) -> None:
    # A pole inside the sampling circle (0.3) or between it and the disc's edge (0.7).
    a = mpmath.mpf(pole)
    with pytest.raises(InputError, match=r"does not look analytic on the disc \|z - x0\| <= 1"):
        taylor_coefficients(lambda z: 1 / (z - a), 0, 20, dps=20, radius=1)


def test_same_poles_with_the_default_radius_shrink_the_disc() -> None:
    c = taylor_coefficients(lambda z: 1 / (z - mpmath.mpf("0.3")), 0, 20, dps=20)
    assert c.radius is not None and c.radius < Fraction(3, 10)
    with mpmath.workdps(60):
        exact = [-((mpmath.mpf(10) / 3) ** (k + 1)) for k in range(21)]
    _check_estimates(c, exact, 20)


@pytest.mark.parametrize("f", [nn.gamma, mpmath.gamma], ids=["numtheory.gamma", "mpmath.gamma"])
def test_functions_arb_knows_are_certified(f: Any) -> None:
    c = taylor_coefficients(f, 1, 60, dps=40)
    assert c.guarantee == "certified" and c.method == "arb power series"
    assert list(c) == list(taylor_coefficients("gamma", 1, 60, dps=40))
    with mpmath.workdps(80):
        ref = taylor_coefficients("gamma", 1, 60, dps=80)
        for got, want, err in zip(c, ref, c.errors, strict=True):
            assert abs(got - want) <= err


def test_certified_errors_bound_the_true_error_for_exp() -> None:
    c = taylor_coefficients("exp", 0, 60, dps=30)
    with mpmath.workdps(100):
        for k, (got, err) in enumerate(zip(c, c.errors, strict=True)):
            assert abs(got - 1 / mpmath.factorial(k)) <= err
            assert err <= mpmath.mpf(10) ** -30 / mpmath.factorial(k)


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"f": lambda x: math.exp(x)}, InputTypeError, "complex mpmath numbers"),
        ({"f": lambda x: "text"}, InputTypeError, "return numbers"),
        ({"radius": 0}, InputError, "radius > 0"),
        ({"radius": -1}, InputError, "radius > 0"),
        ({"radius": 1j}, InputError, "real radius"),
        ({"order": 10**4}, InputError, "order <= 2000 for a callable"),
        ({"dps": 2001}, InputError, "dps <= 2000 for a callable"),
    ],
)
def test_bad_callable_input(kwargs: dict[str, Any], exc: type, match: str) -> None:
    args: dict[str, Any] = {"f": lambda z: mpmath.exp(z), "x0": 0, "order": 5}
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        taylor_coefficients(**args)
