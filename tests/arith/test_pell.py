"""Pell's equation x**2 - D*y**2 = +-1 (issue 14 part B)."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.arith import Parameter
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


def _from_sympy(value: object) -> object:
    # sympy's families use its symbol t: c*t becomes Parameter(c)
    import sympy

    if isinstance(value, sympy.Basic) and not value.is_Integer:
        coefficient, rest = value.as_coeff_Mul()
        assert str(rest) == "t"
        return Parameter(int(coefficient))
    return int(value)  # type: ignore[call-overload]


def _sympy_dn(D: int, N: int) -> list[tuple[object, object]]:
    from sympy.solvers.diophantine.diophantine import diop_DN  # a test dependency

    return [(_from_sympy(x), _from_sympy(y)) for x, y in diop_DN(D, N)]


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
    # sympy's list without its repeats (diop_DN(-30, 4) == [(2, 0), (2, 0)] there), in the
    # order of first appearance: the one deliberate difference, in diop_DN's docstring
    for D, N in cases:
        assert nt.diop_DN(D, N) == list(dict.fromkeys(_sympy_dn(D, N))), (D, N)


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
    for bad in (2.0, True, "61", None):
        with pytest.raises(InputTypeError, match="D must be an integer"):
            nt.diop_DN(bad, 4)
    assert nt.diop_DN(2, 0) == [(0, 0)] and nt.diop_DN(3, -1) == []


# --- diop_DN for D <= 0 and square D (sympy's whole domain) ---


def test_diop_dn_sympy_known_values_d_nonpositive_or_square() -> None:
    # sympy 1.14's sympy/solvers/diophantine/tests/test_diophantine.py, test_DN
    t = Parameter(1)
    assert nt.diop_DN(3, 0) == [(0, 0)]
    assert nt.diop_DN(-17, -5) == []
    assert nt.diop_DN(-19, 23) == [(2, 1)]
    assert nt.diop_DN(-13, 17) == [(2, 1)]
    assert nt.diop_DN(-15, 13) == []
    assert nt.diop_DN(0, 5) == []
    assert nt.diop_DN(0, 9) == [(3, t)]
    assert nt.diop_DN(9, 0) == [(3 * t, t)]
    assert nt.diop_DN(16, 24) == []
    assert nt.diop_DN(9, 180) == [(18, 4)]
    assert nt.diop_DN(9, -180) == [(12, 6)]
    assert nt.diop_DN(7, 0) == [(0, 0)]
    assert nt.diop_DN(-1, 5) == [(2, 1), (1, 2)]
    assert nt.diop_DN(-1, 169) == [(12, 5), (5, 12), (13, 0), (0, 13)]


def _all_nonnegative(D: int, N: int) -> list[tuple[int, int]]:
    # brute force, D < 0 or D a square, N != 0: x, y >= 0 with x**2 - D*y**2 = N
    # D a square r**2: (x - r*y)(x + r*y) = N, so 2*r*y <= |N| + 1
    ymax = math.isqrt(max(N, 0) // -D) if D < 0 else (abs(N) + 1) // (2 * math.isqrt(D))
    out = []
    for y in range(ymax + 1):
        x2 = N + D * y * y
        if x2 >= 0 and math.isqrt(x2) ** 2 == x2:
            out.append((math.isqrt(x2), y))
    return out


def test_diop_dn_d_nonpositive_or_square_is_every_solution() -> None:
    # brute force: the list holds exactly the solutions with x, y >= 0, each once (sympy
    # lists (x, x) twice for D = -1, from (x, y) and (y, x), and (f*x, 0) from two square
    # factors f of N: its diop_DN(-30, 4) == [(2, 0), (2, 0)])
    for D in [*range(-30, 0), 1, 4, 9, 16, 49, 144]:
        for N in range(-60, 400):
            if N == 0:
                continue
            got = nt.diop_DN(D, N)
            assert len(got) == len(set(got)), (D, N)
            assert sorted(got) == sorted(_all_nonnegative(D, N)), (D, N)
    assert nt.diop_DN(-6, 0) == [(0, 0)] and nt.diop_DN(0, -4) == []
    assert nt.diop_DN(-30, 4) == [(2, 0)] and nt.diop_DN(-60, 16) == [(4, 0)]


def test_diop_dn_repeats_removed_in_sympys_order() -> None:
    # sympy 1.14: diop_DN(-1, 50) == [(7, 1), (1, 7), (5, 5), (5, 5)] and diop_DN(-1, 2) ==
    # [(1, 1), (1, 1)] (the D = -1 swap of x == y); diop_DN(-60, 16) == [(4, 0)] * 3 (f = 1,
    # 2, 4); diop_DN(-4, 100) lists (10, 0) twice
    assert nt.diop_DN(-1, 50) == list(dict.fromkeys(_sympy_dn(-1, 50))) == [(7, 1), (1, 7), (5, 5)]
    assert nt.diop_DN(-1, 2) == [(1, 1)]
    for D, N in ((-1, 50), (-1, 2), (-60, 16), (-4, 100), (-1, 5**4 * 13**2 * 2)):
        theirs = _sympy_dn(D, N)
        assert len(set(theirs)) < len(theirs), (D, N)  # sympy repeats one here
        assert nt.diop_DN(D, N) == list(dict.fromkeys(theirs)), (D, N)


def _d_le_0_or_square_cases(rng: random.Random, count: int) -> list[tuple[int, int]]:
    # every branch of D <= 0 and square D: the grid around 0 (N = 0, N < 0 included), then
    # D < 0 with N made of small primes, some dividing D (the roots of D modulo p**e with
    # p | D, combined in sympy's diagonal order), D = -1 (both orders), large D and N
    cases = [(D, N) for D in [*range(-25, 1), 1, 4, 9, 25, 36] for N in range(-40, 41)]
    for _ in range(count):
        D = -rng.choice((1, 2, 3, 5, 6, 7, 10, 15, 21, 30, 42, 105, 210, rng.randrange(1, 1000)))
        primes = rng.choices((2, 3, 5, 7, 11, 13, 17, 29, 37, 41, 53), k=rng.randrange(1, 7))
        cases.append((D, math.prod(p ** rng.randrange(1, 4) for p in primes)))
    for _ in range(count // 4):
        cases.append((-rng.randrange(1, 10**6), rng.randrange(1, 10**9)))
        cases.append((rng.randrange(1, 400) ** 2, rng.randrange(-(10**5), 10**5)))
        cases.append((0, rng.choice((rng.randrange(10**6), rng.randrange(10**3) ** 2))))
    return cases


def test_diop_dn_d_nonpositive_or_square_against_sympy() -> None:
    # 3,561 (D, N): the same list in the same order as sympy's (whose D < 0 answers come
    # from iterating a set: the insertion order is replicated, so the iteration agrees);
    # about 0.4 s CPU, most of it sympy's
    _check_against_sympy(_d_le_0_or_square_cases(random.Random(141), 600))


@pytest.mark.slow
def test_diop_dn_d_nonpositive_or_square_against_sympy_more() -> None:
    # 26,361 (D, N), about 7 s CPU (load 1.5)
    rng = random.Random(142)
    cases = _d_le_0_or_square_cases(rng, 12000)
    cases += [(D, N) for D in range(-120, -25) for N in rng.sample(range(-50, 3000), 30)]
    _check_against_sympy(cases)


@given(st.integers(-(10**4), -1), st.integers(-(10**12), 10**12))
def test_diop_dn_negative_d_pairs_satisfy_the_equation(D: int, N: int) -> None:
    for x, y in nt.diop_DN(D, N):
        assert isinstance(x, int) and isinstance(y, int) and x >= 0 and y >= 0
        assert x * x - D * y * y == N


def test_parameter_families() -> None:
    t = Parameter(1)
    ((x, y),) = nt.diop_DN(49, 0)
    assert (repr(x), repr(y), str([(x, y)])) == ("7*t", "t", "[(7*t, t)]")
    for k in (-3, 0, 5, 10**30):
        assert x(k) ** 2 - 49 * y(k) ** 2 == 0
    assert nt.diop_DN(0, 0) == [(0, t)] and nt.diop_DN(1, 0) == [(t, t)]
    assert nt.diop_DN(0, 10**40) == [(10**20, t)]
    assert 3 * t == t * 3 == Parameter(3) != t and hash(3 * t) == hash(Parameter(3))
    assert t != 1 and t.__mul__(2.0) is NotImplemented
    with pytest.raises(InputTypeError, match="t must be an integer"):
        t(1.5)
    with pytest.raises(TypeError):
        t * True


def test_parameter_is_an_immutable_value() -> None:
    import json
    import pickle

    import gmpy2

    t = nt.Parameter()  # re-exported from numtheory: diop_DN's results hold it
    assert t is not nt.Parameter(1) and t == nt.Parameter(1) and {t: 1, Parameter(1): 2} == {t: 2}
    assert (repr(-t), repr(-3 * t), repr(t * -1)) == ("-t", "-3*t", "-t")
    assert gmpy2.mpz(3) * t == t * gmpy2.mpz(3) == 3 * t  # any __index__ integer
    assert pickle.loads(pickle.dumps(7 * t)) == 7 * t
    with pytest.raises(AttributeError, match="immutable"):
        t.coefficient = 2  # type: ignore[misc]
    assert t.coefficient == 1 and hash(t) == hash(nt.Parameter(1))
    with pytest.raises(TypeError):
        2.0 * t
    with pytest.raises(TypeError):
        json.dumps(t)  # the CLI writes {"parameter": "t", "coefficient": c} (tests/cli)
    with pytest.raises(InputTypeError, match="coefficient must be an integer"):
        nt.Parameter(1.5)
