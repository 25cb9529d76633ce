"""Pell's equation x**2 - D*y**2 = +-1 (issue 14 part B)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError

NONSQUARE = st.integers(2, 10**7).filter(lambda d: math.isqrt(d) ** 2 != d)


def _brute(D: int, N: int, ymax: int = 2000) -> tuple[int, int] | None:
    for y in range(1, ymax):
        x2 = D * y * y + N
        x = math.isqrt(x2)
        if x * x == x2:
            return x, y
    return None


def test_known_values() -> None:
    # Fermat's challenge (1657): D = 61; Euler's table; D = 109 (Fermat, x has 15 digits)
    assert nt.pell(61) == (1766319049, 226153980)
    assert nt.pell(109) == (158070671986249, 15140424455100)
    assert nt.pell(2, -1) == (1, 1) and nt.pell(3, -1) is None and nt.pell(13, -1) == (18, 5)


def test_minimal_against_brute_force_small_d() -> None:
    for D in range(2, 120):
        if math.isqrt(D) ** 2 == D:
            continue
        for N in (1, -1):
            got = nt.pell(D, N)
            expected = _brute(D, N)
            if expected is not None or got is None or got[1] < 2000:
                assert got == expected, (D, N)


def test_cross_check_with_sympy_diop_dn() -> None:
    from sympy.solvers.diophantine.diophantine import diop_DN  # a test dependency

    for D in (991, 1621, 4729494, 10**6 + 3):
        for N in (1, -1):
            expected = diop_DN(D, N)
            got = nt.pell(D, N)
            assert (got is None and expected == []) or [got] == [tuple(expected[0])]


@given(NONSQUARE)
def test_solution_satisfies_the_equation(D: int) -> None:
    x, y = nt.pell(D)  # type: ignore[misc]
    assert x * x - D * y * y == 1 and x > 1 and y > 0
    minus = nt.pell(D, -1)
    if minus is not None:
        u, v = minus
        assert u * u - D * v * v == -1
        assert (u * u + D * v * v, 2 * u * v) == (x, y)  # the +1 solution is its square


def test_huge_solution_exact() -> None:
    D = 10**10 + 7
    x, y = nt.pell(D)  # type: ignore[misc]
    assert x * x - D * y * y == 1 and len(str(x)) == 4120


def test_bad_inputs() -> None:
    for bad in (2.0, True, "61", None):
        with pytest.raises(InputTypeError, match="D must be an integer"):
            nt.pell(bad)
    with pytest.raises(InputError, match="not a perfect square"):
        nt.pell(49)
    with pytest.raises(InputError, match="D > 0"):
        nt.pell(-3)
    with pytest.raises(InputError, match="N = 1 or -1 only, got N = 4"):
        nt.pell(7, 4)
