"""Jacobi/Legendre/Kronecker symbols, modular inverses and CRT.

Known values from sympy 1.14's tests: ``sympy/functions/combinatorial/tests/
test_comb_numbers.py`` (jacobi_symbol, legendre_symbol, kronecker_symbol),
``sympy/core/tests/test_numbers.py`` (mod_inverse) and ``sympy/ntheory/tests/test_modular.py``
(crt). Cross-checks: brute force (Euler's criterion, quadratic residues), sympy at 20-100 digits.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError, NoSolutionError

from ._bad_inputs import NOT_INTEGERS

SMALL_PRIMES = [p for p in range(3, 200) if all(p % d for d in range(2, p))]


def test_sympy_known_symbols() -> None:
    assert nt.legendre_symbol(5, 11) == 1 and nt.legendre_symbol(25, 41) == 1
    assert nt.legendre_symbol(67, 101) == -1 and nt.legendre_symbol(0, 13) == 0
    assert nt.legendre_symbol(9, 3) == 0
    assert nt.jacobi_symbol(1, 1) == 1 and nt.jacobi_symbol(0, 1) == 1
    assert nt.jacobi_symbol(-23, 83) == -1 and nt.jacobi_symbol(3, 9) == 0
    assert nt.jacobi_symbol(42, 97) == -1 and nt.jacobi_symbol(7, 9) == 1
    assert nt.jacobi_symbol(2, 1) == 1 and nt.jacobi_symbol(0, 3) == 0
    assert nt.kronecker_symbol(1, 0) == nt.kronecker_symbol(-1, 0) == 1
    assert nt.kronecker_symbol(0, 0) == 0


def test_sympy_known_inverses_and_crt() -> None:
    assert nt.mod_inverse(3, 11) == 4 and nt.mod_inverse(21124921, 521512) == 7713
    assert nt.mod_inverse(124215421, 5125) == 2981 and nt.mod_inverse(123, 44) == 39
    assert nt.mod_inverse(-2, 5) == 2 and nt.mod_inverse(2, -5) == -2
    assert nt.mod_inverse(-2, -5) == -3 and nt.mod_inverse(-3, -7) == -5
    assert nt.crt([2, 3, 5], [0, 0, 0])[0] == 0 and nt.crt([2, 3, 5], [1, 1, 1])[0] == 1
    assert nt.crt([2, 3, 5], [-1, -1, -1], True)[0] == -1
    assert nt.crt([2, 3, 5], [-1, -1, -1])[0] == 29
    assert nt.crt([656, 350], [811, 133], symmetric=True) == (-56917, 114800)
    assert nt.crt([12, 6, 17], [3, 4, 2]) is None  # sympy's crt docstring


def test_symbols_brute_force() -> None:
    for p in SMALL_PRIMES:
        squares = {x * x % p for x in range(1, p)}
        for a in range(-p, 2 * p):
            euler = pow(a, (p - 1) // 2, p)
            expected = 0 if a % p == 0 else (1 if a % p in squares else -1)
            assert nt.legendre(a, p) == expected == (euler if euler < 2 else -1)
            assert nt.jacobi(a, p) == expected == nt.kronecker(a, p)
    for n in range(1, 150, 2):  # Jacobi = product of Legendre over the factorisation
        for a in range(-20, 60):
            prod = 1
            for q, e in nt.factorint(n).items():
                prod *= nt.legendre(a, q) ** e
            assert nt.jacobi(a, n) == prod


def test_kronecker_extension() -> None:
    # Cohen, Def. 1.4.8: (a/2) = 0 for a even, 1 for a = +-1 mod 8, -1 for a = +-3 mod 8
    for a in range(-40, 40):
        expected = 0 if a % 2 == 0 else (1 if a % 8 in (1, 7) else -1)
        assert nt.kronecker(a, 2) == expected
        assert nt.kronecker(a, -1) == (-1 if a < 0 else 1)
        assert nt.kronecker(a, 0) == (1 if abs(a) == 1 else 0)
        for n in range(1, 30):  # completely multiplicative in n
            assert nt.kronecker(a, 2 * n) == nt.kronecker(a, 2) * nt.kronecker(a, n)


@settings(max_examples=80)
@given(st.integers(-(10**60), 10**60), st.integers(2, 10**60))
def test_inverse_property(a: int, m: int) -> None:
    if math.gcd(a, m) == 1:
        x = nt.inverse_mod(a, m)
        assert 0 <= x < m and a * x % m == 1
        assert nt.mod_inverse(a, -m) == x - m if x else True
    else:
        with pytest.raises(NoSolutionError, match="no inverse"):
            nt.inverse_mod(a, m)


@settings(max_examples=80)
@given(
    st.lists(st.tuples(st.integers(1, 10**30), st.integers(-(10**40), 10**40)), max_size=6),
    st.integers(0, 10**80),
)
def test_crt_round_trip(pairs: list[tuple[int, int]], x: int) -> None:
    moduli = [m for m, _ in pairs]
    # consistent residues from one x: always solvable, and x is recovered modulo the lcm
    result = nt.crt(moduli, [x % m for m in moduli])
    assert result is not None
    y, big = result
    assert big == math.lcm(*moduli) and 0 <= y < big and (x - y) % big == 0
    # arbitrary residues: a solution satisfies every congruence; None only if some pair clashes
    residues = [r for _, r in pairs]
    got = nt.crt(moduli, residues)
    clash = any(
        (ri - rj) % math.gcd(mi, mj)
        for i, (mi, ri) in enumerate(pairs)
        for (mj, rj) in pairs[i + 1 :]
    )
    if got is None:
        assert clash
    else:
        assert not clash and all((got[0] - r) % m == 0 for m, r in pairs)
    sym = nt.crt(moduli, [x % m for m in moduli], symmetric=True)
    assert sym is not None and -sym[1] / 2 < sym[0] <= sym[1] / 2 and (sym[0] - x) % sym[1] == 0


def test_crt_brute_force_small_noncoprime() -> None:
    for m1 in range(1, 13):
        for m2 in range(1, 13):
            for r1 in range(m1):
                for r2 in range(0, m2, 3):
                    sols = [x for x in range(math.lcm(m1, m2)) if x % m1 == r1 and x % m2 == r2]
                    got = nt.crt([m1, m2], [r1, r2])
                    assert got == ((sols[0], math.lcm(m1, m2)) if sols else None)


def test_cross_check_sympy_random() -> None:
    import sympy
    from sympy.ntheory.modular import crt as sympy_crt

    rng = random.Random(1414)
    for digits in (20, 50, 100):
        for _ in range(5):
            a, n = rng.randrange(-(10**digits), 10**digits), rng.randrange(10**digits) | 1
            assert nt.jacobi(a, n) == int(sympy.jacobi_symbol(a, n))
            assert nt.kronecker(a, n - 1) == int(sympy.kronecker_symbol(a, n - 1))
            p = nt.next_prime(rng.randrange(10**digits))
            assert nt.legendre(a, p) == int(sympy.legendre_symbol(a, p))
            assert nt.mod_inverse(a, p) == int(sympy.mod_inverse(a, p))
            ms = [rng.randrange(2, 10**digits) for _ in range(4)]
            rs = [rng.randrange(10**digits) for _ in range(4)]
            ours = nt.crt(ms, rs)
            theirs = sympy_crt(ms, rs)
            assert (ours is None) == (theirs is None)
            if ours is not None and theirs is not None:
                assert ours == (int(theirs[0]) % ours[1], math.lcm(*ms))
            # a solvable non-coprime system: sympy may report the product of the moduli as
            # M (when its coprime shortcut happens to satisfy the congruences); ours is the lcm
            ms2 = [ms[0] * 6, ms[1] * 10]
            theirs = sympy_crt(ms2, [rs[0], rs[0]])
            assert theirs is not None
            assert nt.crt(ms2, [rs[0], rs[0]]) == (int(theirs[0]) % math.lcm(*ms2), math.lcm(*ms2))


@pytest.mark.parametrize(
    "call",
    [
        lambda v: nt.jacobi(v, 7),
        lambda v: nt.jacobi(3, v),
        lambda v: nt.legendre(v, 7),
        lambda v: nt.legendre(3, v),
        lambda v: nt.kronecker(v, 8),
        lambda v: nt.kronecker(3, v),
        lambda v: nt.inverse_mod(v, 7),
        lambda v: nt.inverse_mod(3, v),
        lambda v: nt.crt([v, 3], [1, 2]),
        lambda v: nt.crt([5, 3], [1, v]),
    ],
)
@pytest.mark.parametrize("bad", NOT_INTEGERS, ids=repr)
def test_not_integers_refused(call: object, bad: object) -> None:
    with pytest.raises(InputTypeError, match="must be an integer, got"):
        call(bad)  # type: ignore[operator]


def test_domain_errors_state_the_rule() -> None:
    with pytest.raises(InputError, match="odd positive integer, got 8"):
        nt.jacobi(2, 8)
    with pytest.raises(InputError, match="odd positive integer, got -9"):
        nt.jacobi(2, -9)
    for p in (4, 2, 9, 1, 0, -7, 3825123056546413051):  # the last: a strong pseudoprime
        with pytest.raises(InputError, match="odd prime, got"):
            nt.legendre(3, p)
    for m in (0, 1, -1):
        with pytest.raises(InputError, match=r"\|m\| >= 2"):
            nt.inverse_mod(3, m)
    with pytest.raises(InputError, match="every modulus >= 1, got 0"):
        nt.crt([0, 5], [1, 2])
    with pytest.raises(InputError, match="as many residues as moduli"):
        nt.crt([3, 5], [1])
    # no solution is not bad input
    assert not issubclass(NoSolutionError, InputError) and issubclass(NoSolutionError, ValueError)
    assert nt.crt([4, 6], [1, 2]) is None


@pytest.mark.parametrize("bad", [5, None, 2.5, True])
def test_crt_non_iterable_moduli_or_residues_named(bad: object) -> None:
    # Review: crt(5, [1]) raised Python's bare "'int' object is not iterable"
    with pytest.raises(InputTypeError, match="moduli must be an iterable of integers"):
        nt.crt(bad, [1])  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="residues must be an iterable of integers"):
        nt.crt([3], bad)  # type: ignore[arg-type]


def test_fast_paths_keep_the_domain_checks() -> None:
    # the exact-int fast paths (GMP called first) must still refuse what the general path
    # refuses: legendre remembers its last prime, so a composite right after a prime, and a
    # prime right after a composite; jacobi's even n is GMP's ValueError turned into ours
    p = nt.next_prime(10**20)
    assert nt.legendre(2, p) % p == pow(2, (p - 1) // 2, p)  # Euler's criterion
    for composite in (p * p, p + 2 if not nt.is_prime(p + 2) else p + 4, 9, 1, -p):
        with pytest.raises(InputError, match="odd prime"):
            nt.legendre(2, composite)
    assert nt.legendre(3, 7) == -1 and nt.legendre(True + 1, 7) == 1
    with pytest.raises(InputError, match="odd positive"):
        nt.jacobi(3, 10**20)
    with pytest.raises(InputError, match="odd positive"):
        nt.jacobi(3, -(10**20 + 1))
    with pytest.raises(NoSolutionError, match="no inverse"):
        nt.mod_inverse(6 * 10**20, 9 * 10**20 + 3)
    with pytest.raises(InputTypeError, match="True"):
        nt.mod_inverse(True, 7)
    assert nt.mod_inverse(3, 10**20 + 1) * 3 % (10**20 + 1) == 1


class _Index:
    """An integer that is not an ``int``: it takes the general (validating) path."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def _outcome(func: object, *args: object) -> tuple[str, object]:
    try:
        return "ok", func(*args)  # type: ignore[operator]
    except ValueError as exc:  # InputError and NoSolutionError, with their message
        return type(exc).__name__, str(exc)


_ANY = st.one_of(st.integers(-40, 40), st.integers(-(10**30), 10**30))


@given(_ANY, _ANY, st.sampled_from([3, 5, 10**9 + 7, 10**18 + 9]))
def test_fast_and_general_paths_agree_with_each_other_and_sympy(a: int, n: int, prime: int) -> None:
    # the exact-int fast path and the general path (an __index__ object) give the same value
    # or the same error and message, for every sign, 0, 1 and even n; legendre after
    # another prime (its remembered prime changes) and sympy's value where there is one
    import sympy

    nt.legendre(1, prime)
    for func in (nt.jacobi, nt.legendre, nt.kronecker, nt.mod_inverse):
        fast = _outcome(func, a, n)
        assert _outcome(func, _Index(a), _Index(n)) == fast, func
        assert _outcome(func, a, _Index(n)) == fast, func
    if n > 0 and n % 2:
        assert nt.jacobi(a, n) == int(sympy.jacobi_symbol(a, n))
    assert nt.kronecker(a, n) == int(sympy.kronecker_symbol(a, n))
    if abs(n) > 1 and math.gcd(a, n) == 1:
        assert nt.mod_inverse(a, n) == int(sympy.mod_inverse(a, n))
    assert nt.legendre(a, prime) == int(sympy.legendre_symbol(a, prime))
    if n > 2 and sympy.isprime(n):
        assert nt.legendre(a, n) == int(sympy.legendre_symbol(a, n))
