"""Pell's equation x**2 - D*y**2 = +-1 (issue 14 part B)."""

from __future__ import annotations

import math
import random

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


# --- the general equation x**2 - D*y**2 = N (diop_DN) ---


def _sympy_dn(D: int, N: int) -> list[tuple[int, int]]:
    from sympy.solvers.diophantine.diophantine import diop_DN  # a test dependency

    return [(int(x), int(y)) for x, y in diop_DN(D, N)]


def test_diop_dn_sympy_known_values() -> None:
    # sympy 1.14's sympy/solvers/diophantine/tests/test_diophantine.py (test_DN) and the
    # docstrings of diop_DN and _special_diop_DN
    assert nt.diop_DN(13, -4) == [(3, 1), (393, 109), (36, 10)]
    assert nt.diop_DN(986, 1) == [(49299, 1570)]
    assert nt.diop_DN(13, 27) == [(220, 61), (40, 11), (768, 213), (12, 3)]
    assert nt.diop_DN(13, -3) == [(7, 2), (137, 38)]
    assert nt.diop_DN(2445, -20) == [(445, 9), (17625560, 356454), (698095554475, 14118073569)]
    assert nt.diop_DN(2, 721) == [(37, 18), (27, 2), (-27, 2), (39, 20)]  # sympy's -27 too


def test_diop_dn_classes_in_sympys_divisor_order() -> None:
    # the square factors f of N are taken in the order of sympy's divisors(generator=True),
    # not sorted: for N = -1152 (f | 24) f = 4 (m = -72) comes before f = 3 (m = -128)
    for D, N in ((97, -1152), (13, 144 * 3), (7, -3600), (41, 576 * 5)):
        assert nt.diop_DN(D, N) == _sympy_dn(D, N), (D, N)


def _check_against_sympy(cases: list[tuple[int, int]]) -> None:
    for D, N in cases:
        if math.isqrt(D) ** 2 == D and N == 0:
            continue
        assert nt.diop_DN(D, N) == _sympy_dn(D, N), (D, N)


def test_diop_dn_against_sympy_small() -> None:
    # every branch: square D (factor pairs), N**2 < D (the period of sqrt(D)), LMM (each
    # square factor and each root of D mod |N/f**2|), N = 0 and +-1; the same list in the
    # same order as sympy's
    rng = random.Random(14)
    cases = [(D, N) for D in range(1, 30) for N in range(-30, 31)]
    cases = rng.sample(cases, 120)
    cases += [(rng.randrange(2, 10**4), rng.randrange(-300, 300)) for _ in range(6)]
    _check_against_sympy(cases)


def _nonsquare(rng: random.Random, lo: int, hi: int) -> int:
    while True:
        D = rng.randrange(lo, hi)
        if math.isqrt(D) ** 2 != D:
            return D


def _solvable(rng: random.Random, lo: int, hi: int, size: int) -> tuple[int, int]:
    # N = x**2 - D*y**2 of a random (x, y): the answer is not empty
    D, x, y = _nonsquare(rng, lo, hi), rng.randrange(1, size), rng.randrange(1, size)
    return D, x * x - D * y * y


@pytest.mark.slow
def test_diop_dn_against_sympy_larger() -> None:
    # about 14 s CPU (load 3), nearly all of it sympy's (its LMM is slow at large D or N): the small
    # grid, then each branch at sizes the small test does not reach, with solvable (D, N) so
    # that most answers are not empty: N with a square factor of two primes (the order of
    # the classes: sympy's divisor order, 1, 2, 4, 3 for 12), 1 < N**2 < D for large D,
    # LMM with large D and with large N (many square factors and roots), square D
    rng = random.Random(15)
    cases = rng.sample([(D, N) for D in range(1, 80) for N in range(-80, 81)], 500)
    for _ in range(60):
        sq = rng.choice((144, 400, 576, 1152, 3600, 7056))
        cases.append((_nonsquare(rng, 2, 300), rng.choice((1, -1)) * sq * rng.randrange(1, 8)))
    for _ in range(40):
        cases.append((_nonsquare(rng, 10**4, 10**6), rng.choice((1, -1)) * rng.randrange(2, 100)))
    cases += [_solvable(rng, 10**4, 10**5, 300) for _ in range(6)]
    cases += [_solvable(rng, 2, 1000, 3000) for _ in range(12)]
    cases += [(rng.randrange(1, 60) ** 2, rng.randrange(-(10**5), 10**5)) for _ in range(20)]
    _check_against_sympy(cases)


def _same_class(a: tuple[int, int], b: tuple[int, int], D: int, N: int) -> bool:
    # (x + y sqrt D) / (u + v sqrt D) has integer coordinates: x u - D y v and y u - x v
    # both divisible by N (Nagell)
    (x, y), (u, v) = a, b
    return (x * u - D * y * v) % N == 0 and (y * u - x * v) % N == 0


def test_diop_dn_every_small_solution_is_in_a_returned_class() -> None:
    for D in (2, 3, 5, 6, 7, 10, 13, 19, 21, 29):
        for N in (-12, -9, -8, -4, -3, -2, 2, 3, 4, 5, 8, 9, 12, 20):
            reps = nt.diop_DN(D, N)
            for y in range(400):
                x2 = D * y * y + N
                x = math.isqrt(x2) if x2 >= 0 else -1
                if x >= 0 and x * x == x2:
                    assert any(_same_class((x, s * y), r, D, N) for r in reps for s in (1, -1)), (
                        D,
                        N,
                        x,
                        y,
                    )


@given(NONSQUARE, st.integers(-(10**6), 10**6).filter(bool))
def test_diop_dn_pairs_satisfy_the_equation(D: int, N: int) -> None:
    reps = nt.diop_DN(D, N)
    assert len(set(reps)) == len(reps)
    for x, y in reps:
        assert x * x - D * y * y == N  # x or y < 0 can occur, as in sympy


def test_diop_dn_bad_inputs() -> None:
    for bad in (2.0, True, "61", None):
        with pytest.raises(InputTypeError, match="N must be an integer"):
            nt.diop_DN(13, bad)
    with pytest.raises(InputError, match="D > 0"):
        nt.diop_DN(-3, 4)
    with pytest.raises(InputError, match=r"every \(sqrt\(D\)\*t, t\)"):
        nt.diop_DN(49, 0)
    assert nt.diop_DN(2, 0) == [(0, 0)] and nt.diop_DN(3, -1) == []
