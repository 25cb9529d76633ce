"""Mitchell's logarithmic multiplication and the random-angle distribution (seed articles)."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory.errors import InputError, InputTypeError
from numtheory.numerics import (
    mitchell_divide,
    mitchell_log2,
    mitchell_multiply,
    mitchell_relative_error,
    mitchell_worst_case,
    random_angle_mean,
    random_angle_pdf,
    random_angle_variance,
)

# --- Mitchell (https://kexue.fm/archives/7991) -----------------------------------------------


def test_article_worked_example_exact_inputs() -> None:
    assert mitchell_multiply("12.3", "4.56") == Fraction("53.68")
    assert mitchell_multiply(Fraction(123, 10), Fraction(456, 100)) == Fraction(5368, 100)
    assert mitchell_multiply(12.3, 4.56) == pytest.approx(53.68, rel=1e-12)
    assert float(mitchell_relative_error("12.3", "4.56")) == pytest.approx(0.042932, abs=1e-6)


def test_article_worked_example_truncated_binaries() -> None:
    a, b = Fraction("12.296875"), Fraction("4.5546875")  # 1100.0100110_2 and 100.1000111_2
    assert mitchell_log2(a) == Fraction("3.537109375")
    assert mitchell_log2(b) == Fraction("2.138671875")
    assert mitchell_multiply(a, b) == Fraction("53.625")
    assert abs((56.088 - 53.625) / 56.088 - 0.043913) < 1e-6


def test_worst_case() -> None:
    assert mitchell_multiply(1.5, 1.5) == 2.0
    assert mitchell_relative_error("1.5", "1.5") == Fraction(1, 9)
    assert mitchell_worst_case() == (Fraction(1, 9), Fraction(1, 2), Fraction(1, 2))
    # grid search over mantissa fractions: the largest error is 1/9, only at (1/2, 1/2)
    grid = [Fraction(i, 64) for i in range(64)]
    errs = {(x, y): mitchell_relative_error(1 + x, 1 + y) for x in grid for y in grid}
    worst = max(errs.values())
    assert worst == Fraction(1, 9)
    assert [k for k, v in errs.items() if v == worst] == [(Fraction(1, 2), Fraction(1, 2))]


def test_powers_of_two_are_exact() -> None:
    assert mitchell_multiply(8, 8) == 64
    assert mitchell_multiply(Fraction(1, 4), 32) == 8
    assert mitchell_divide(1, 1024) == Fraction(1, 1024)
    assert mitchell_multiply(2.0**-30, 2.0**40) == 2.0**10


def test_division() -> None:
    assert mitchell_divide(1, "1.5") == Fraction(3, 4)
    assert mitchell_divide(1.0, 1.5) == 0.75
    assert isinstance(mitchell_divide(1.0, 3), float)
    assert isinstance(mitchell_multiply(3, 5), Fraction)


positive = st.fractions(min_value=Fraction(1, 10**6), max_value=10**6).filter(lambda q: q > 0)


@given(positive, positive)
def test_product_bounds(a: Fraction, b: Fraction) -> None:
    approx = mitchell_multiply(a, b)
    assert Fraction(8, 9) * a * b <= approx <= a * b
    assert 0 <= mitchell_relative_error(a, b) <= Fraction(1, 9)
    assert mitchell_multiply(a, b) == mitchell_multiply(b, a)


@given(positive, positive)
def test_quotient_bounds(a: Fraction, b: Fraction) -> None:
    approx = mitchell_divide(a, b)
    assert a / b <= approx <= Fraction(9, 8) * a / b


@given(st.floats(min_value=1e-150, max_value=1e150), st.floats(min_value=1e-150, max_value=1e150))
def test_float_path_is_rounded_exact_path(a: float, b: float) -> None:
    assert mitchell_multiply(a, b) == float(mitchell_multiply(Fraction(a), Fraction(b)))


def test_float_overflow_and_underflow_like_float_multiplication() -> None:
    assert mitchell_multiply(1e300, 1e300) == float("inf") == 1e300 * 1e300
    assert mitchell_multiply(1e-300, 1e-300) == 0.0 == 1e-300 * 1e-300
    assert mitchell_multiply(Fraction(10**300), 10**300) > 10**599  # exact path: no overflow


@pytest.mark.parametrize(
    ("a", "exc"),
    [
        (0, InputError),
        (-1, InputError),
        ("-0.5", InputError),
        (True, InputTypeError),
        (None, InputTypeError),
        (1j, InputTypeError),
        ("abc", InputError),
        (float("nan"), InputError),
    ],
)
def test_mitchell_bad_input(a: object, exc: type) -> None:
    with pytest.raises(exc):
        mitchell_multiply(a, 2)
    with pytest.raises(exc):
        mitchell_divide(2, a)


# --- random angles (https://kexue.fm/archives/7076) ------------------------------------------

ARTICLE = [
    (3, "0.467401"),
    (10, "0.110661"),
    (20, "0.0525832"),
    (50, "0.0204053"),
    (100, "0.0101007"),
    (200, "0.00502508"),
    (1000, "0.001001"),
]


@pytest.mark.parametrize(("n", "value"), ARTICLE)
def test_variance_article_table(n: int, value: str) -> None:
    ours = random_angle_variance(n)
    assert mpmath.nstr(ours, len(value.lstrip("0.")) if n != 1000 else 4) == value


def test_variance_closed_forms() -> None:
    with mpmath.workdps(60):
        assert (
            abs(random_angle_variance(3, dps=50) - (mpmath.pi**2 / 4 - 2)) < mpmath.mpf(10) ** -49
        )
        assert abs(random_angle_variance(2, dps=50) - mpmath.pi**2 / 12) < mpmath.mpf(10) ** -49
    # about 1/(n-2) for large n; more precisely 1/n + 1/n^2 + O(1/n^3)
    for n in (10**4, 10**6):
        v = random_angle_variance(n)
        assert abs(v - 1 / (n - 2)) < 2 / n**2
        assert abs(v - (1 / n + 1 / n**2)) < 1 / n**3


@pytest.mark.parametrize("n", [2, 3, 4, 7, 10, 25])
def test_variance_against_quadrature(n: int) -> None:
    with mpmath.workdps(30):
        const = mpmath.gamma(mpmath.mpf(n) / 2) / (
            mpmath.gamma(mpmath.mpf(n - 1) / 2) * mpmath.sqrt(mpmath.pi)
        )
        var = mpmath.quad(
            lambda t: (t - mpmath.pi / 2) ** 2 * const * mpmath.sin(t) ** (n - 2),
            [0, mpmath.pi / 2, mpmath.pi],
        )
        assert abs(random_angle_variance(n, dps=25) - var) < mpmath.mpf(10) ** -24


@pytest.mark.parametrize("n", [2, 3, 10, 100, 1000])
def test_pdf_integrates_to_one_and_moments(n: int) -> None:
    with mpmath.workdps(20):
        pts = [0, mpmath.pi / 2, mpmath.pi]
        total = mpmath.quad(lambda t: random_angle_pdf(t, n, dps=20), pts)
        assert abs(total - 1) < 1e-15
        mean = mpmath.quad(lambda t: t * random_angle_pdf(t, n, dps=20), pts)
        assert abs(mean - random_angle_mean(n)) < 1e-14
        if n >= 3:
            cos2 = mpmath.quad(lambda t: mpmath.cos(t) ** 2 * random_angle_pdf(t, n, dps=20), pts)
            assert abs(cos2 - mpmath.mpf(1) / n) < 1e-14


def test_pdf_values() -> None:
    assert random_angle_pdf(1, 2) == pytest.approx(1 / mpmath.pi)
    assert random_angle_pdf("0.3", 3) == pytest.approx(mpmath.sin(0.3) / 2)
    assert (
        random_angle_pdf(-0.1, 5) == 0
        and random_angle_pdf(4, 5) == 0
        and random_angle_pdf(0, 3) == 0
    )
    assert random_angle_pdf(0, 2) == pytest.approx(1 / mpmath.pi)
    assert random_angle_mean(3) == +mpmath.pi / 2


@pytest.mark.parametrize(
    ("n", "exc"), [(1, InputError), (0, InputError), (True, InputTypeError), (2.0, InputTypeError)]
)
def test_angle_bad_dimension(n: object, exc: type) -> None:
    for f in (random_angle_variance, random_angle_mean):
        with pytest.raises(exc, match="n"):
            f(n)
    with pytest.raises(exc):
        random_angle_pdf(1, n)


def test_angle_bad_theta() -> None:
    with pytest.raises(InputError, match="real theta"):
        random_angle_pdf(1j, 3)
    with pytest.raises(InputTypeError):
        random_angle_pdf(None, 3)


def test_pdf_just_beyond_pi_is_zero_not_negative() -> None:
    # pi = 3.14159265358979323846264338327950288419716939...: the first string is 6e-42 above
    # it, closer than the 117-bit comparison used to resolve, and sin(theta) < 0 there.
    above = "3.1415926535897932384626433832795028841972"
    below = "3.1415926535897932384626433832795028841971"
    assert random_angle_pdf(above, 3) == 0
    value = random_angle_pdf(below, 3, dps=20)
    with mpmath.workdps(80):
        assert abs(value - mpmath.sin(mpmath.mpf(below)) / 2) < value * mpmath.mpf(10) ** -19
