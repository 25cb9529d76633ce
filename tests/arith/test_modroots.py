"""sqrt_mod, nthroot_mod, primitive_root and multiplicative_order.

Known values from sympy 1.14's ``sympy/ntheory/tests/test_residue.py`` (test_residue);
brute force over all residues for small moduli; Hypothesis for ``sqrt_mod(a)**2 == a``.
"""

from __future__ import annotations

import math
import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError, NoSolutionError

from ._bad_inputs import NOT_INTEGERS


def test_sympy_known_values() -> None:
    assert nt.n_order(2, 13) == 12 and nt.n_order(5, 17) == 16
    assert [nt.n_order(a, 7) for a in range(1, 7)] == [1, 3, 6, 3, 6, 2]
    assert nt.n_order(101, 119) == 6
    assert nt.n_order(11, (10**50 + 151) ** 2) == int(
        "10000000000000000000000000000000000000000000000030100000000000000000000000000000000000000"
        "000000022650"
    )
    assert nt.primitive_root(97) == 5 and nt.primitive_root(97**2) == 5
    assert nt.primitive_root(40487) == 5 and nt.primitive_root(40487**2) == 10
    assert nt.primitive_root(82) == 7
    p = 10**50 + 151
    assert nt.primitive_root(p) == nt.primitive_root(2 * p) == nt.primitive_root(p**2) == 11
    assert nt.primitive_root(44) is None and nt.primitive_root(44, False) is None
    assert nt.primitive_root(15) is None and nt.primitive_root(15, False) is None
    assert nt.sqrt_mod(3, 13) == 4 and nt.sqrt_mod(6, 23) == 11 and nt.sqrt_mod(345, 690) == 345
    assert nt.sqrt_mod(67, 101) is None and nt.sqrt_mod(1020, 104729) is None
    assert nt.sqrt_mod(9, 27, True) == [3, 6, 12, 15, 21, 24]
    assert nt.sqrt_mod(9, 81, True) == [3, 24, 30, 51, 57, 78]
    assert nt.sqrt_mod(9, 3**5, True) == [3, 78, 84, 159, 165, 240]
    assert nt.sqrt_mod(81, 3**4, True) == [0, 9, 18, 27, 36, 45, 54, 63, 72]
    assert nt.nthroot_mod(29, 31, 74) == 45 and nt.nthroot_mod(1801, 11, 2663) == 44
    assert nt.nthroot_mod(11, 3, 109) is None
    assert nt.nthroot_mod(16, 5, 36, True) == [4, 22]
    assert nt.nthroot_mod(9, 16, 36, True) == [3, 9, 15, 21, 27, 33]
    assert nt.nthroot_mod(4, 3, 3249000) is None
    assert nt.nthroot_mod(36010, 8, 87382, True) == [40208, 47174]
    assert nt.nthroot_mod(0, 12, 37, True) == [0]
    assert nt.nthroot_mod(0, 7, 100, True) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert nt.nthroot_mod(4, 4, 27, True) == [5, 22]
    assert nt.nthroot_mod(4, 4, 121, True) == [19, 102]
    assert nt.nthroot_mod(2, 3, 7, True) == []


def test_roots_brute_force_every_small_modulus() -> None:
    for m in range(1, 50):
        for n in (2, 3, 4):
            powers: dict[int, list[int]] = {}
            for x in range(m):
                powers.setdefault(pow(x, n, m), []).append(x)
            for a in range(m):
                expected = powers.get(a, [])
                assert nt.nthroot_mod(a, n, m, all_roots=True) == expected, (a, n, m)
                assert nt.nthroot_mod(a + 5 * m, n, m) == (expected[0] if expected else None)
                if n == 2:
                    assert nt.sqrt_mod(a, m, True) == expected
                    assert nt.sqrt_mod(a, m) == (expected[0] if expected else None)


def test_primitive_root_and_order_brute_force() -> None:
    for m in range(2, 110):
        units = [a for a in range(1, m) if math.gcd(a, m) == 1] or [1]
        phi = nt.totient(m)
        orders = {}
        for a in units:
            k = 1
            while pow(a, k, m) != 1 % m:
                k += 1
            orders[a] = k
            if m > 1:
                assert nt.multiplicative_order(a, m) == k
        gens = [a for a in units if orders[a] == phi]
        assert nt.primitive_root(m) == (gens[0] if gens else None), m
        fast = nt.primitive_root(m, smallest=False)
        assert (fast in gens) if gens else fast is None


@settings(max_examples=60)
@given(st.integers(0, 10**40), st.integers(1, 10**12))
def test_sqrt_mod_squares_back(x: int, m: int) -> None:
    a = x * x % m
    roots = nt.sqrt_mod(a, m, all_roots=True)
    assert roots and all(r * r % m == a for r in roots) and x % m in roots
    assert nt.sqrt_mod(a, m) == roots[0]


@settings(max_examples=40)
@given(st.integers(2, 10**30), st.integers(2, 40), st.integers(10**15, 10**25))
def test_nthroot_mod_prime(x: int, n: int, start: int) -> None:
    p = nt.next_prime(start)
    a = pow(x, n, p)
    if math.gcd(n, p - 1) > 64:
        return
    roots = nt.nthroot_mod(a, n, p, all_roots=True)
    assert x % p in roots and all(pow(r, n, p) == a for r in roots)
    assert len(roots) == (math.gcd(n, p - 1) if a else 1)


def test_big_prime_and_prime_power_roots() -> None:
    rng = random.Random(7)
    for digits in (20, 50, 100):
        p = nt.next_prime(rng.randrange(10**digits))
        x = rng.randrange(p)
        r = nt.sqrt_mod(x * x, p)
        assert r == min(x, p - x)
        for k in (2, 5):
            roots = nt.sqrt_mod(x * x, p**k, all_roots=True)
            assert len(roots) == 2 and all(y * y % p**k == x * x % p**k for y in roots)
    q = 2**89 - 1  # q - 1 = 2 * 3**2 * 5 * 17 * 23 * 89 * ...: cube roots through the dlog path
    a = pow(123456789, 3, q)
    roots = nt.nthroot_mod(a, 3, q, all_roots=True)
    assert len(roots) == 3 and 123456789 in roots


def test_cross_check_sympy() -> None:
    from sympy.ntheory import n_order, nthroot_mod, primitive_root, sqrt_mod

    rng = random.Random(99)
    for digits in (20, 40):
        p = nt.next_prime(rng.randrange(10**digits))
        a = rng.randrange(p)
        assert nt.sqrt_mod(a, p, True) == sqrt_mod(a, p, True)
        assert nt.nthroot_mod(a, 3, p, True) == nthroot_mod(a, 3, p, True)
        assert nt.primitive_root(p) == primitive_root(p)
        assert nt.n_order(a, p) == n_order(a, p)
    m = 3**4 * 5**2 * 7 * 2**5
    for a in range(0, 400, 7):
        assert nt.sqrt_mod(a, m, True) == sqrt_mod(a, m, True)
        assert nt.nthroot_mod(a, 4, m, True) == nthroot_mod(a, 4, m, True)


@pytest.mark.parametrize(
    "call",
    [
        lambda v: nt.sqrt_mod(v, 7),
        lambda v: nt.sqrt_mod(2, v),
        lambda v: nt.nthroot_mod(v, 3, 7),
        lambda v: nt.nthroot_mod(2, v, 7),
        lambda v: nt.nthroot_mod(2, 3, v),
        lambda v: nt.primitive_root(v),
        lambda v: nt.multiplicative_order(v, 7),
        lambda v: nt.multiplicative_order(3, v),
    ],
)
@pytest.mark.parametrize("bad", NOT_INTEGERS, ids=repr)
def test_not_integers_refused(call: object, bad: object) -> None:
    with pytest.raises(InputTypeError, match="must be an integer, got"):
        call(bad)  # type: ignore[operator]


def test_domain_and_no_solution() -> None:
    for p in (0, -7):
        with pytest.raises(InputError, match=f"modulus p >= 1, got {p}"):
            nt.sqrt_mod(4, p)
        with pytest.raises(InputError, match=f"modulus p >= 1, got {p}"):
            nt.nthroot_mod(4, 3, p)
    with pytest.raises(InputError, match="n >= 1, got 0"):
        nt.nthroot_mod(4, 0, 7)
    for p in (1, 0, -5):
        with pytest.raises(InputError, match=f"p >= 2, got {p}"):
            nt.primitive_root(p)
    with pytest.raises(InputError, match="n >= 2, got 1"):
        nt.multiplicative_order(5, 1)
    with pytest.raises(NoSolutionError, match="not a unit"):
        nt.multiplicative_order(2, 4)
    with pytest.raises(InputError, match="10,000,000"):
        nt.sqrt_mod(0, 2**60, all_roots=True)  # 2**30 roots
    assert nt.sqrt_mod(0, 2**60) == 0 and nt.sqrt_mod(5, 1, True) == [0]


def test_nthroot_mod_exponent_divisible_by_a_large_prime() -> None:
    # Review: with p | n the lifting from p**j to p**(j+1) tried all p digits of every root
    # (10**9 powers for p = 10**9 + 7: hours). A lift is a root exactly when its residue mod
    # p**j is one modulo p**(j+1) ((r + t*p**j)**n == r**n there when p | n), so one test
    # per root suffices; the lifts are listed only when they fit under MAX_ROOTS.
    p = 10**9 + 7
    a = pow(5, p, p * p)  # a p-th power: p roots x == 5 (mod p), too many to list
    with pytest.raises(InputError, match="roots"):
        nt.nthroot_mod(a, p, p * p, all_roots=True)
    assert nt.nthroot_mod(a + p, p, p * p) is None  # a p-th power mod p, not mod p**2
    assert nt.nthroot_mod(a + p, p, p * p, all_roots=True) == []
    # small p, checked against brute force over every residue
    for q, k, n in [(3, 4, 3), (3, 5, 6), (5, 3, 5), (2, 7, 4), (2, 8, 8), (7, 3, 14)]:
        m = q**k
        for c in range(m):
            expected = [x for x in range(m) if pow(x, n, m) == c]
            assert nt.nthroot_mod(c, n, m, all_roots=True) == expected, (c, n, m)


def test_one_square_root_when_there_are_too_many_to_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # Found by tests/conformance (sympy 1.14 test_residue.py, test_residue: for these (a, p),
    # ``pow(sqrt_mod(a, p), 2, p) == a``). sqrt_mod(a, p) listed every root to return the
    # smallest: it refused past MAX_ROOTS (37,791,360 roots for the last modulus) and took
    # 1.2 s for the 1,180,980 of the fourth (sympy: 0.1 ms). Now one residue class stands
    # for the p**(v - c) copies of each root of a p-divisible a, and only the classes'
    # combinations are tried.
    cases = [
        (26214400, 32768000000),
        (26214400, 16384000000),
        (262144, 1048576),
        (87169610025, 163443018796875),
        (22315420166400, 167365651248000000),
    ]
    for a, p in cases:
        r = nt.sqrt_mod(a, p)
        assert isinstance(r, int) and pow(r, 2, p) == a and 0 <= r <= p // 2
    assert nt.sqrt_mod(26214400, 32768000000) == min(nt.sqrt_mod(26214400, 32768000000, True))
    # the smallest, by brute force: no x below it is a root (4723920: checked the same way
    # over [0, 4723920) when this test was written, 0.6 s)
    assert nt.sqrt_mod(87169610025, 163443018796875) == 295245
    assert not any(x * x % 163443018796875 == 87169610025 for x in range(295245))
    assert nt.sqrt_mod(22315420166400, 167365651248000000) == 4723920
    # the smallest root for every residue of small moduli, against brute force
    for m in (96, 360, 512, 1000, 1728, 2025):
        for n in (2, 3, 4):
            first: dict[int, int] = {}
            for x in range(m):
                first.setdefault(pow(x, n, m), x)
            for a in range(m):
                got = nt.sqrt_mod(a, m) if n == 2 else nt.nthroot_mod(a, n, m)
                assert got == first.get(a), (a, n, m)
    # Past MAX_ROOTS combinations of classes, a root (CRT of each prime power's smallest,
    # folded below p/2), against brute force, with the limit lowered to force it.
    from numtheory.arith import _modroots

    monkeypatch.setattr(_modroots, "MAX_ROOTS", 8)
    for m in (120, 240, 360, 720, 1008, 1155, 1800, 2310, 3600):
        roots: dict[int, list[int]] = {}
        for x in range(m):
            roots.setdefault(x * x % m, []).append(x)
        for a in range(m):
            r = nt.sqrt_mod(a, m)
            assert (r is None) if a not in roots else (r in roots[a] and r <= m // 2), (a, m)
        with pytest.raises(InputError, match="roots"):
            nt.sqrt_mod(1, m, all_roots=True)
    for m in (63, 91, 819, 1729, 3913):  # cube roots: a root (not always the smallest)
        cube_roots: dict[int, set[int]] = {}
        for x in range(m):
            cube_roots.setdefault(pow(x, 3, m), set()).add(x)
        for a in range(m):
            r = nt.nthroot_mod(a, 3, m)
            assert (r is None) if a not in cube_roots else (r in cube_roots[a]), (a, m)


@given(
    st.integers(1, 10**6).flatmap(
        lambda mod: st.tuples(
            st.just(mod),
            st.lists(st.lists(st.integers(0, mod - 1), min_size=1, max_size=4), max_size=6),
        )
    )
)
def test_least_sum_mod_is_the_brute_force_minimum(case: tuple[int, list[list[int]]]) -> None:
    # the smallest root's search (meet in the middle) against every combination
    from numtheory.arith._modroots import _least_sum_mod

    mod, terms = case
    brute = min(sum(choice) % mod for choice in product(*terms))
    assert _least_sum_mod(terms, mod) == brute


def test_smallest_root_among_millions_of_combinations() -> None:
    # 3 * 5 * ... * 79 (21 odd primes) * 8: 2**21 * 4 combinations of root classes for the
    # square 231**2; brute force from below: nothing smaller than 231 is a root (sympy
    # 1.14's sqrt_mod, some root <= p // 2, gives 3066816514838412836397697487919). The
    # enumeration this replaced took 0.53 s CPU here for the 2**21 of the odd part.
    m = 8 * math.prod(p for p in range(3, 80) if nt.is_prime(p))
    a = 231**2
    assert nt.sqrt_mod(a, m) == 231
    assert not any(x * x % m == a for x in range(231))
    assert nt.sqrt_mod(a + m * 5, m) == 231 and nt.sqrt_mod(4, m) == 2
