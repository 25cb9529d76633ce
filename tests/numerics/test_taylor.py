"""Taylor coefficients, exp Taylor polynomials, their minima and the positivity certificate."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory.errors import InputError, InputTypeError, PoleError
from numtheory.numerics import (
    SERIES_FUNCTIONS,
    certify_exp_taylor_positive,
    count_real_roots,
    exp_taylor,
    exp_taylor_min,
    taylor_coefficients,
)
from numtheory.numerics.convert import target_prec


def _rel_ok(ours: Any, ref: Any, dps: int) -> bool:
    with mpmath.workdps(dps + 20):
        return bool(abs(ours - ref) <= abs(ref) * mpmath.mpf(10) ** (-dps))


# --- taylor_coefficients ---------------------------------------------------------------------


def test_exp_coefficients_are_reciprocal_factorials() -> None:
    coeffs = taylor_coefficients("exp", 0, 40, dps=40)
    assert len(coeffs) == 41
    with mpmath.workdps(60):
        for k, c in enumerate(coeffs):
            assert _rel_ok(c, mpmath.mpf(1) / mpmath.factorial(k), 40)


def test_gamma_at_one_starts_with_minus_euler() -> None:
    c = taylor_coefficients("gamma", 1, 3, dps=50)
    with mpmath.workdps(70):
        assert c[0] == 1
        assert _rel_ok(c[1], -mpmath.euler, 50)
        assert _rel_ok(c[2], (mpmath.euler**2 + mpmath.pi**2 / 6) / 2, 50)


def test_gamma_times_rgamma_series_is_one() -> None:
    # Gamma(1 + h) * (1/Gamma)(1 + h) = 1: a Cauchy product check at order 60, 40 digits.
    n, dps = 60, 40
    a = taylor_coefficients("gamma", 1, n, dps=dps)
    b = taylor_coefficients("rgamma", 1, n, dps=dps)
    with mpmath.workdps(dps + 20):
        for k in range(n + 1):
            s = mpmath.fsum(a[j] * b[k - j] for j in range(k + 1))
            assert abs(s - (1 if k == 0 else 0)) < mpmath.mpf(10) ** (-dps + 2)


def test_rgamma_tiny_coefficients_are_relatively_accurate() -> None:
    # c_100 of 1/Gamma at 0 is ~1e-106: an absolute-only ball would lose all its digits.
    c = taylor_coefficients("rgamma", 0, 100, dps=30)
    assert c[0] == 0 and c[1] == 1
    with mpmath.workdps(50):
        ref = mpmath.taylor(mpmath.rgamma, 0, 8)
    for k in range(9):
        assert c[k] == 0 if ref[k] == 0 else _rel_ok(c[k], ref[k], 29)
    assert 1e-110 < abs(c[100]) < 1e-100


@pytest.mark.parametrize("name", sorted(SERIES_FUNCTIONS))
def test_every_named_function_matches_mpmath_taylor(name: str) -> None:
    fn = {"loggamma": mpmath.loggamma, "rsqrt": lambda x: 1 / mpmath.sqrt(x)}.get(
        name, getattr(mpmath, name, None)
    )
    x0 = "0.75"
    ours = taylor_coefficients(name, x0, 6, dps=25)
    with mpmath.workdps(50):
        ref = mpmath.taylor(fn, mpmath.mpf("0.75"), 6)
    for c, r in zip(ours, ref, strict=True):
        assert _rel_ok(c, r, 24)


def test_complex_expansion_point() -> None:
    c = taylor_coefficients("log", 1 + 1j, 3, dps=30)
    with mpmath.workdps(50):
        z = mpmath.mpc(1, 1)
        ref = [mpmath.log(z), 1 / z, -1 / (2 * z**2), 1 / (3 * z**3)]
    assert all(isinstance(v, mpmath.mpc) for v in c)
    for a, b in zip(c, ref, strict=True):
        assert _rel_ok(a, b, 29)


def test_odd_function_has_zero_even_coefficients() -> None:
    c = taylor_coefficients("sin", 0, 9)
    assert [c[k] for k in range(0, 10, 2)] == [0] * 5


def test_callable_goes_through_the_cauchy_route() -> None:
    c = taylor_coefficients(lambda x: mpmath.exp(2 * x), "1/2", 5, dps=20)
    with mpmath.workdps(40):
        for k, v in enumerate(c):
            assert _rel_ok(v, mpmath.e * mpmath.mpf(2) ** k / mpmath.factorial(k), 18)


@pytest.mark.parametrize(
    ("f", "x0", "order", "exc", "match"),
    [
        ("nosuch", 0, 3, InputError, "knows the functions"),
        (42, 0, 3, InputTypeError, "function name or a callable"),
        ("exp", 0, -1, InputError, "order"),
        ("exp", 0, True, InputTypeError, "order"),
        ("exp", 0, 2.0, InputTypeError, "order"),
        ("exp", None, 3, InputTypeError, "x0"),
        ("log", -1, 3, InputError, "outside the domain of log"),
        ("log", 0, 3, InputError, "outside the domain of log"),
        ("gamma", -2, 3, PoleError, "pole at x0 = -2"),
        ("loggamma", 0, 3, PoleError, "pole at x0 = 0"),
        ("loggamma", "-0.5", 3, InputError, "real loggamma needs x0 > 0"),
    ],
)
def test_taylor_coefficients_bad_input(
    f: object, x0: object, order: object, exc: type, match: str
) -> None:
    with pytest.raises(exc, match=match):
        taylor_coefficients(f, x0, order)


# --- exp_taylor ------------------------------------------------------------------------------


def _exact_fn(n: int, x: Fraction) -> Fraction:
    return sum((x**k / math.factorial(k) for k in range(n + 1)), Fraction(0))


def test_exp_taylor_exact_values() -> None:
    assert exp_taylor(0, 5) == 1
    assert exp_taylor(1, -2) == -1  # odd truncations go negative (seed article)
    assert exp_taylor(3, -2) == Fraction(-1, 3)
    assert exp_taylor(2, -1) == Fraction(1, 2)
    assert exp_taylor(30, "-7/3") == _exact_fn(30, Fraction(-7, 3))
    assert isinstance(exp_taylor(4, "0.5"), Fraction)


@given(st.integers(1, 60), st.fractions(min_value=-50, max_value=50, max_denominator=10**6))
def test_exp_taylor_difference_is_last_term(n: int, x: Fraction) -> None:
    # f_n(x) - f_{n-1}(x) = x^n / n!   (exactly)
    assert exp_taylor(n, x) - exp_taylor(n - 1, x) == x**n / math.factorial(n)


def test_derivative_is_previous_polynomial() -> None:
    # f_n' = f_{n-1}, checked symbolically with sympy for a few n.
    import sympy

    x = sympy.symbols("x")
    for n in (1, 2, 5, 12):
        fn = sum(x**k / sympy.factorial(k) for k in range(n + 1))
        assert (
            sympy.expand(sympy.diff(fn, x) - sum(x**k / sympy.factorial(k) for k in range(n))) == 0
        )


@given(st.integers(1, 40), st.fractions(min_value=-20, max_value=20, max_denominator=100))
def test_exp_taylor_derivative_numerically(n: int, x: Fraction) -> None:
    # The derivative of f_n from exact Taylor coefficients of the polynomial equals f_{n-1}.
    h = Fraction(1, 10**30)
    slope = (exp_taylor(n, x + h) - exp_taylor(n, x - h)) / (2 * h)
    assert abs(slope - exp_taylor(n - 1, x)) <= Fraction(1, 10**20) * (
        1 + abs(exp_taylor(n - 1, x))
    )


def test_exp_taylor_binary_inputs_give_mpmath_numbers() -> None:
    v = exp_taylor(50, -30.0, dps=30)
    assert isinstance(v, mpmath.mpf)
    exact = _exact_fn(50, Fraction(-30))
    with mpmath.workdps(50):
        assert _rel_ok(v, mpmath.mpf(exact.numerator) / exact.denominator, 30)
    c = exp_taylor(10, 1 + 1j, dps=25)
    assert isinstance(c, mpmath.mpc)
    with mpmath.workdps(45):
        z = mpmath.mpc(1, 1)
        ref = mpmath.fsum(z**k / mpmath.factorial(k) for k in range(11))
        assert _rel_ok(c, ref, 25)
    assert exp_taylor(3, mpmath.mpf(-2)) == mpmath.mpf(-1) / 3


@pytest.mark.parametrize(
    ("n", "x", "exc"),
    [
        (-1, 1, InputError),
        (True, 1, InputTypeError),
        (1.0, 1, InputTypeError),
        (3, None, InputTypeError),
        (3, "x", InputError),
    ],
)
def test_exp_taylor_bad_input(n: object, x: object, exc: type) -> None:
    with pytest.raises(exc):
        exp_taylor(n, x)


# --- exp_taylor_min (seed article https://kexue.fm/archives/7919) ----------------------------

SEED_TABLE = [
    (2, "-1", "0.5"),
    (4, "-1.5960716", "0.27039477"),
    (6, "-2.1806071", "0.14932484"),
    (8, "-2.7590027", "0.08327152"),
    (10, "-3.3335515", "0.046699114"),
]


@pytest.mark.parametrize(("n", "x_star", "minimum"), SEED_TABLE)
def test_seed_table(n: int, x_star: str, minimum: str) -> None:
    x, m = exp_taylor_min(n)

    def half_ulp(text: str) -> float:  # the table is rounded to its last printed digit
        decimals = len(text.split(".")[1]) if "." in text else 0
        return 0.5 * 10.0**-decimals * (1 + 1e-9)

    assert abs(x - mpmath.mpf(x_star)) <= half_ulp(x_star)
    assert abs(m - mpmath.mpf(minimum)) <= half_ulp(minimum)
    if n == 2:
        assert (x, m) == (-1, 0.5)  # exact: f_1 = 1 + x, minimum 1/2


def test_article_rounding() -> None:
    x4, m4 = exp_taylor_min(4)
    x10, m10 = exp_taylor_min(10)
    assert mpmath.nstr(x4, 6) == "-1.59607" and mpmath.nstr(m4, 6) == "0.270395"
    assert mpmath.nstr(x10, 6) == "-3.33355" and mpmath.nstr(m10, 6) == "0.0466991"


@pytest.mark.parametrize("n", [4, 12, 50, 200])
def test_minimum_identities_at_high_precision(n: int) -> None:
    dps = 40
    x, m = exp_taylor_min(n, dps=dps)
    with mpmath.workdps(dps + n):  # generous: f_{n-1} near x* cancels ~0.4 n digits
        # x* is a root of f_{n-1}: relative to the size of its terms, |f_{n-1}(x*)| is tiny
        terms = [x**k / mpmath.factorial(k) for k in range(n)]
        assert abs(mpmath.fsum(terms)) < mpmath.fsum(abs(t) for t in terms) * mpmath.mpf(10) ** -(
            dps - 2
        )
        # the minimum equals x*^n / n! and f_n(x*)
        assert _rel_ok(m, x**n / mpmath.factorial(n), dps - 2)
        assert m > 0

        # and it is a minimum: f_n is larger a little to either side
        def fn(t: Any) -> Any:
            return mpmath.fsum(t**k / mpmath.factorial(k) for k in range(n + 1))

        h = mpmath.mpf(10) ** -5
        assert fn(x - h) > m and fn(x + h) > m


def test_minimiser_large_n() -> None:
    x, m = exp_taylor_min(1000, dps=20)
    assert -280 < x < -279 and 0 < m < 1e-120
    with mpmath.workdps(60):
        assert _rel_ok(m, x**1000 / mpmath.factorial(1000), 18)


@pytest.mark.parametrize(
    ("n", "match"), [(3, "even n"), (1, "even n"), (0, "no unique minimiser"), (-2, "n")]
)
def test_exp_taylor_min_bad_n(n: int, match: str) -> None:
    with pytest.raises(InputError, match=match):
        exp_taylor_min(n)


# --- certification -------------------------------------------------------------------------


def test_certify_against_sympy_count_roots() -> None:
    import sympy

    x = sympy.symbols("x")
    for n in range(41):
        p = sympy.Poly(sum(x**k / sympy.factorial(k) for k in range(n + 1)), x, domain="QQ")
        assert certify_exp_taylor_positive(n) is (p.count_roots() == 0)
        assert certify_exp_taylor_positive(n) is (n % 2 == 0)


@pytest.mark.parametrize(
    ("n", "expected"), [(50, True), (51, False), (200, True), (201, False), (1000, True)]
)
def test_certify_larger_n(n: int, expected: bool) -> None:
    assert certify_exp_taylor_positive(n) is expected


def test_count_real_roots() -> None:
    assert count_real_roots([-2, 0, 1]) == 2
    assert count_real_roots([1, 0, 1]) == 0
    assert count_real_roots([0, 0, 1]) == 1  # distinct roots
    assert count_real_roots([5]) == 0
    assert count_real_roots(["1/4", -1, 1]) == 1  # (x - 1/2)^2
    # (x-1)(x-2)(x-3)(x^2+1)
    assert count_real_roots([-6, 11, -7, 7, -6, 1]) == 3


@pytest.mark.parametrize(
    ("coeffs", "exc"),
    [
        ([], InputError),
        ([0, 0], InputError),
        ("123", InputTypeError),
        ([1.5, 1], InputTypeError),
        (None, InputTypeError),
        ([1, 1j], InputTypeError),
    ],
)
def test_count_real_roots_bad_input(coeffs: object, exc: type) -> None:
    with pytest.raises(exc):
        count_real_roots(coeffs)  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [-1, True, 2.0, "4"])
def test_certify_bad_input(n: object) -> None:
    with pytest.raises((InputError, InputTypeError)):
        certify_exp_taylor_positive(n)


# --- review additions ----------------------------------------------------------------------


def test_exp_poly_is_sum_of_reciprocal_factorials() -> None:
    from numtheory.numerics.exppoly import _exp_poly

    for n in (0, 1, 2, 7, 60):
        p = _exp_poly(n)
        assert p.degree() == n
        assert [Fraction(int(c.p), int(c.q)) for c in p.coeffs()] == [
            Fraction(1, math.factorial(k)) for k in range(n + 1)
        ]


@pytest.mark.parametrize(
    ("call", "limit_name"),
    [
        (lambda n: exp_taylor(n, 1), "MAX_EXP_DEGREE"),
        (lambda n: exp_taylor_min(n), "MAX_EXP_DEGREE"),
        (lambda n: certify_exp_taylor_positive(n), "MAX_CERTIFY_DEGREE"),
    ],
)
def test_exp_degree_limit(call: object, limit_name: str) -> None:
    import numtheory.numerics.exppoly as taylor_module

    limit = getattr(taylor_module, limit_name)
    # f_n's exact coefficients hold ~n^2 log2(n)/2 bits: 10**6 used to be accepted (terabytes).
    with pytest.raises(InputError, match=str(limit)):
        call(limit + 2)  # type: ignore[operator]


def test_large_expansion_point_is_reduced_correctly() -> None:
    # sin at 10**30 needs ~100 extra bits for the argument reduction.
    c = taylor_coefficients("sin", 10**30, 2, dps=30)
    with mpmath.workdps(80):
        x = mpmath.mpf(10) ** 30
        ref = [mpmath.sin(x), mpmath.cos(x), -mpmath.sin(x) / 2]
    for a, b in zip(c, ref, strict=True):
        assert _rel_ok(a, b, 29)


def test_exp_at_a_huge_point() -> None:
    # exp(1e300) used to be reported as "outside the domain" (too few working bits).
    c = taylor_coefficients("exp", 10**300, 1, dps=20)
    with mpmath.workdps(340):
        ref = mpmath.exp(mpmath.mpf(10) ** 300)
    assert c[0] == c[1] and _rel_ok(c[0], ref, 20)


@pytest.mark.parametrize("n", [4, 10])
def test_minimum_at_a_thousand_digits(n: int) -> None:
    x, m = exp_taylor_min(n, dps=1000)
    bound = mpmath.mpf(2) ** -target_prec(1000)
    with mpmath.workdps(1100):
        root = mpmath.findroot(
            lambda t: mpmath.fsum(t**k / mpmath.factorial(k) for k in range(n)), x
        )
        assert abs(x - root) <= abs(root) * bound
        assert abs(m - root**n / mpmath.factorial(n)) <= m * bound


@pytest.mark.parametrize("name", ["gamma", "exp", "loggamma"])
def test_complex_series_certifies_each_part(name: str) -> None:
    """At 3 + 1e-30 i the imaginary parts are 1e-30 of the real ones: before, they were only
    accurate relative to the modulus (a few wrong digits); now each part to every digit."""
    z = mpmath.mpc(3, mpmath.mpf(10) ** -30)
    c = taylor_coefficients(name, z, 4, dps=20)
    fn = {"gamma": mpmath.gamma, "exp": mpmath.exp, "loggamma": mpmath.loggamma}[name]
    with mpmath.workdps(150):
        ref = mpmath.taylor(fn, z, 4)
        for got, want in zip(c, ref, strict=True):
            assert _rel_ok(got.real, want.real, 20)
            assert _rel_ok(got.imag, want.imag, 20)
