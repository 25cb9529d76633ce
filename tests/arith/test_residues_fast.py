"""The prime-modulus and coprime fast paths of sqrt_mod, primitive_root and crt (issue 14's
speed targets) give what the general paths and independent methods give.

Cross-checks: brute force over every residue for small primes of each class modulo 8 (each
class takes a different fast path: one powmod for 3 mod 4, Atkin's formula for 5 mod 8, FLINT
for 1 mod 8); sympy (gmpy ground types) at 20-60 digits; the general paths themselves
(``_roots``, ``_primitive_root``, ``_crt_general``); Hypothesis for ``r*r == a`` and CRT round
trips. Bad input must give the same errors whichever path it would have taken.
"""

from __future__ import annotations

import math
import os
import random

import gmpy2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory.arith._modroots import _primitive_root, _roots
from numtheory.arith._residues import _crt_general
from numtheory.errors import InputError, InputTypeError

from ._bad_inputs import NOT_INTEGERS

SMALL_PRIMES = [p for p in range(3, 700) if all(p % d for d in range(2, math.isqrt(p) + 1))]
# big primes of each class modulo 8 (next_prime of a power of ten, checked below)
BIG_PRIMES = [nt.next_prime(10**k + j) for k in (19, 20, 30, 50) for j in (0, 10**6, 2 * 10**6)]


def _sympy():  # type: ignore[no-untyped-def]
    os.environ["SYMPY_GROUND_TYPES"] = "gmpy"  # before sympy's first import
    import sympy

    return sympy


def test_big_primes_cover_every_fast_path() -> None:
    assert {p % 8 for p in BIG_PRIMES} >= {1, 3, 5, 7}
    assert {p % 8 for p in SMALL_PRIMES} == {1, 3, 5, 7}


def test_sqrt_mod_prime_brute_force_every_residue() -> None:
    for p in SMALL_PRIMES:
        squares: dict[int, list[int]] = {}
        for x in range(p):
            squares.setdefault(x * x % p, []).append(x)
        for a in range(-p, 2 * p):
            expected = squares.get(a % p, [])
            assert nt.sqrt_mod(a, p, all_roots=True) == expected, (a, p)
            assert nt.sqrt_mod(a, p) == (expected[0] if expected else None), (a, p)


def test_sqrt_mod_prime_agrees_with_sympy_and_the_general_path() -> None:
    sympy = _sympy()
    from sympy.ntheory import sqrt_mod as sympy_sqrt_mod

    rng = random.Random(14)
    for p in BIG_PRIMES:
        for _ in range(12):
            a = rng.randrange(p)
            for value in (a, a * a % p):  # about half of the first are non-residues
                ours = nt.sqrt_mod(value, p)
                assert ours == sympy_sqrt_mod(value, p), (value, p)
                every = nt.sqrt_mod(value, p, all_roots=True)
                assert every == _roots(value, 2, p, True, "sqrt_mod")
                assert every == sorted(sympy_sqrt_mod(value, p, all_roots=True))
                assert (ours is None) == (sympy.legendre_symbol(value, p) == -1)


@settings(max_examples=80)
@given(st.integers(-(10**70), 10**70), st.sampled_from(BIG_PRIMES))
def test_sqrt_mod_prime_squares_back(x: int, p: int) -> None:
    a = x * x
    r = nt.sqrt_mod(a, p)
    assert isinstance(r, int) and 0 <= r <= p // 2 and (r * r - a) % p == 0
    assert nt.sqrt_mod(a, p, True) == sorted({r, (p - r) % p})
    assert r <= x % p and r <= -x % p  # the least root


def test_sqrt_mod_fast_path_hostile_inputs() -> None:
    p = BIG_PRIMES[1]
    a = 3 * 3
    assert nt.sqrt_mod(gmpy2.mpz(a), gmpy2.mpz(p)) == nt.sqrt_mod(a, p) == 3
    assert type(nt.sqrt_mod(gmpy2.mpz(a), p)) is int
    assert nt.sqrt_mod(-a * (p - 1), p) == 3  # negative a: reduced first
    for bad in NOT_INTEGERS:
        with pytest.raises(InputTypeError, match="must be an integer, got"):
            nt.sqrt_mod(bad, p)
        with pytest.raises(InputTypeError, match="must be an integer, got"):
            nt.sqrt_mod(a, bad)
    nt.sqrt_mod(a, p)  # p remembered: what follows must not ride on it
    for modulus in (0, -p, -7):
        with pytest.raises(InputError, match=f"modulus p >= 1, got {modulus}"):
            nt.sqrt_mod(a, modulus)
    # composites right after a prime: the general path, every root checked by brute force
    for m in (p * p, 3 * p, 9, 15, 3825123056546413051):  # the last a strong pseudoprime
        roots = nt.sqrt_mod(4, m, all_roots=True)
        assert isinstance(roots, list) and 2 in roots and m - 2 in roots
        assert all(r * r % m == 4 for r in roots) and roots == sorted(roots)
        if m < 1000:
            assert roots == [x for x in range(m) if x * x % m == 4]
    assert nt.sqrt_mod(4, 3825123056546413051, all_roots=True) == sorted(
        _roots(4, 2, 3825123056546413051, True, "sqrt_mod")  # type: ignore[arg-type]
    )
    assert nt.sqrt_mod(3, 2) == 1 and nt.sqrt_mod(2, 2) == 0 and nt.sqrt_mod(3, 1) == 0
    assert nt.sqrt_mod(0, 2, True) == [0]
    huge = nt.next_prime(10**400)
    r = nt.sqrt_mod(5**2 * 7**4, huge)
    assert r == 5 * 7**2


def test_primitive_root_prime_fast_path() -> None:
    sympy = _sympy()

    for p in SMALL_PRIMES:
        g = nt.primitive_root(p)
        order = next(k for k in range(1, p) if pow(g, k, p) == 1)
        assert order == p - 1, p
        assert all(next(k for k in range(1, p) if pow(h, k, p) == 1) < p - 1 for h in range(2, g))
        assert g == nt.primitive_root(p, smallest=False) == _primitive_root(p, True)
    rng = random.Random(20261202)
    safe = []
    while len(safe) < 4:
        q = nt.next_prime(rng.randrange(10**18, 10**29))
        if nt.is_prime(2 * q + 1):
            safe.append(2 * q + 1)
    # safe primes (p - 1 = 2q: nothing to factor), Fermat primes (p - 1 a power of 2), and
    # primes whose p - 1 has a composite odd part (factored)
    for p in [*safe, 65537, 257, 17, 3, *BIG_PRIMES[:6]]:
        g = nt.primitive_root(p)
        assert g == sympy.ntheory.primitive_root(p) == _primitive_root(p, True), p
        assert g == nt.primitive_root(gmpy2.mpz(p)) and type(nt.primitive_root(p)) is int
    for bad in NOT_INTEGERS:
        with pytest.raises(InputTypeError, match="must be an integer, got"):
            nt.primitive_root(bad)
    for p in (1, 0, -7, -(10**20 + 39)):
        with pytest.raises(InputError, match=f"p >= 2, got {p}"):
            nt.primitive_root(p)
    assert nt.primitive_root(3 * 5) is None and nt.primitive_root(2 * 3**5) == 5


_MODULI = st.lists(st.integers(1, 10**25), min_size=0, max_size=6)


@settings(max_examples=120)
@given(_MODULI, st.integers(-(10**80), 10**80), st.booleans())
def test_crt_fast_path_agrees_with_the_general_path(ms: list[int], x: int, symmetric: bool) -> None:
    # coprime or not: the residues of one x (always solvable) and shifted ones (often not)
    rs = [x % m for m in ms]
    shifted = [r + i for i, r in enumerate(rs)]
    for residues in (rs, shifted, [-r for r in shifted]):
        got = nt.crt(ms, residues, symmetric=symmetric)
        assert got == _crt_general(ms, residues, symmetric)
        assert nt.crt(tuple(ms), tuple(residues), symmetric) == got
        if got is not None:
            y, big = got
            assert big == math.lcm(*ms) and all(
                (y - r) % m == 0 for m, r in zip(ms, residues, strict=True)
            )
            assert -big // 2 < y <= big // 2 if symmetric else 0 <= y < big


@settings(max_examples=60)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=5), st.integers(0, 10**90))
def test_crt_round_trip_prime_moduli(indices: list[int], x: int) -> None:
    primes = sorted({BIG_PRIMES[i] for i in indices})
    big = math.prod(primes)
    assert nt.crt(primes, [x % p for p in primes]) == (x % big, big)


def test_crt_agrees_with_sympy_at_20_to_100_digits() -> None:
    _sympy()
    from sympy.ntheory.modular import crt as sympy_crt

    rng = random.Random(7)
    for digits in (20, 50, 100):
        ms = [nt.next_prime(rng.randrange(10**digits)) for _ in range(4)]
        rs = [rng.randrange(-(10**digits), 10**digits) for _ in range(4)]
        theirs = sympy_crt(ms, rs)
        assert nt.crt(ms, rs) == (int(theirs[0]), int(theirs[1]))
        theirs = sympy_crt(ms, rs, symmetric=True)
        assert nt.crt(ms, rs, symmetric=True) == (int(theirs[0]), int(theirs[1]))


def test_crt_fast_path_hostile_inputs() -> None:
    mz = gmpy2.mpz
    assert nt.crt([mz(3), 5], [2, mz(3)]) == (8, 15) and type(nt.crt([mz(3)], [2])[0]) is int
    assert nt.crt([], []) == (0, 1) and nt.crt((), ()) == (0, 1)
    assert nt.crt([3, 1, 5], [2, 7, 3]) == (8, 15)  # a unit modulus mid-way
    assert nt.crt([4, 6], [1, 3]) == (9, 12) and nt.crt([4, 6], [1, 2]) is None
    assert nt.crt(iter([3, 5]), (r for r in [2, 3])) == (8, 15)
    for bad in NOT_INTEGERS:
        for ms, rs in (
            ([bad, 5], [1, 2]),
            ([3, bad], [1, 2]),
            ([3, 5], [bad, 2]),
            ([3, 5], [1, bad]),
        ):
            with pytest.raises(InputTypeError, match="must be an integer, got"):
                nt.crt(ms, rs)
    # a bad modulus after coprime ones: the fast loop stops, the general path names it
    for bad in (0, -5, -(10**30)):
        with pytest.raises(InputError, match=f"every modulus >= 1, got {bad}"):
            nt.crt([3, 5, 7, bad], [1, 2, 3, 4])
        with pytest.raises(InputError, match=f"every modulus >= 1, got {bad}"):
            nt.crt([bad, 5], [1, 2])
    with pytest.raises(InputError, match="2 moduli and 1 residues"):
        nt.crt([3, 5], [1])
    with pytest.raises(InputError, match="1 moduli and 2 residues"):
        nt.crt((3,), (1, 2))
    huge = [nt.next_prime(10**300), nt.next_prime(10**301)]
    x, big = nt.crt(huge, [1, 2])  # type: ignore[misc]
    assert big == huge[0] * huge[1] and x % huge[0] == 1 and x % huge[1] == 2


# composites of each class modulo 8 (15, 23*... : 3 mod 4 = powmod, 5 mod 8 = Atkin, 1 mod 8 =
# FLINT), and Carmichael numbers (561, 1105, 1729: they fool Fermat tests, not BPSW)
_FAKE_PRIMES = (15, 21, 33, 35, 39, 55, 65, 77, 91, 105, 561, 1105, 1729)


def test_sqrt_mod_fast_path_never_wrong_for_a_composite_taken_as_prime(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a BPSW pseudoprime (none is known) simulated: the primality test says yes to these
    # composites. Whatever the formula gives, a root returned must be a root, and "no root"
    # must be true (proved by the Jacobi symbol); the list may only be incomplete.
    from numtheory.arith import _modroots

    real = _modroots._is_odd_prime
    monkeypatch.setattr(_modroots, "_is_odd_prime", lambda p: p in _FAKE_PRIMES or real(p))
    assert {m % 8 for m in _FAKE_PRIMES} == {1, 3, 5, 7}
    for m in _FAKE_PRIMES:
        squares: dict[int, list[int]] = {}
        for x in range(m):
            squares.setdefault(x * x % m, []).append(x)
        for a in range(m):
            expected = squares.get(a, [])
            every = nt.sqrt_mod(a, m, all_roots=True)
            assert isinstance(every, list) and set(every) <= set(expected), (a, m)
            assert bool(every) == bool(expected), (a, m)
            one = nt.sqrt_mod(a, m)
            assert (one is None) == (not expected) and (one is None or one in expected), (a, m)


def test_sqrt_mod_last_prime_is_thread_safe() -> None:
    # threads alternating two primes and their product: the remembered prime must never let
    # the composite (or the other prime) into the prime formula
    from concurrent.futures import ThreadPoolExecutor

    p, q = nt.next_prime(10**9), nt.next_prime(3 * 10**9)  # p*q: quick to factor
    while q % 8 != 1:
        q = nt.next_prime(q)
    assert p % 8 == 7  # the powmod path; q the FLINT path
    rng = random.Random(5)
    jobs = [(rng.randrange(10**20) ** 2, m) for _ in range(150) for m in (p, q, p * q, 3 * p)]
    expected = [sorted(_roots(a, 2, m, True, "sqrt_mod")) for a, m in jobs]  # type: ignore[arg-type]

    def run(offset: int) -> list[object]:
        order = jobs[offset:] + jobs[:offset]
        got = [nt.sqrt_mod(a, m, all_roots=True) for a, m in order]
        return got[-offset:] + got[:-offset] if offset else got

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, (0, 1, 2, 3)))
    for got in results:
        assert got == expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(1, 300), min_size=1, max_size=5),
    st.lists(st.integers(-(10**6), 10**6), min_size=5, max_size=5),
    st.booleans(),
)
def test_crt_agrees_with_sympy_hypothesis(ms: list[int], pool: list[int], symmetric: bool) -> None:
    # small moduli, so shared factors (the general path), units and duplicates are common;
    # residues negative and out of range. sympy's M is the product of the moduli when its
    # coprime shortcut happens to fit non-coprime ones (documented): compare x modulo lcm
    _sympy()
    from sympy.ntheory.modular import crt as sympy_crt

    rs = pool[: len(ms)]
    ours = nt.crt(ms, rs, symmetric=symmetric)
    theirs = sympy_crt(ms, rs, symmetric=symmetric)
    assert (ours is None) == (theirs is None), (ms, rs)
    if ours is not None and theirs is not None:
        lcm = math.lcm(*ms)
        assert ours[1] == lcm and (ours[0] - int(theirs[0])) % lcm == 0, (ms, rs)
        assert ours == _crt_general(ms, rs, symmetric)
