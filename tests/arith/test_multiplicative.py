"""Multiplicative functions: sympy's expected values, brute force, identities, ``factors=``.

Known values are from sympy 1.14's own tests, ``sympy/functions/combinatorial/tests/
test_comb_numbers.py`` (totient, reduced_totient, divisor_sigma, mobius, primenu, primeomega)
and ``sympy/ntheory/tests/test_factor_.py`` (divisors, divisor_count), or OEIS where marked.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError

from ._bad_inputs import NOT_INTEGERS


def _brute_divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _brute_factor(n: int) -> dict[int, int]:
    out: dict[int, int] = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            out[d] = out.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        out[n] = out.get(n, 0) + 1
    return out


def _brute_lambda(n: int) -> int:
    units = [a for a in range(1, n + 1) if math.gcd(a, n) == 1]
    m = 1
    while any(pow(a, m, n) != 1 % n for a in units):
        m += 1
    return m


def test_sympy_known_values() -> None:
    # test_comb_numbers.py (sympy 1.14)
    assert nt.divisor_sigma(23450) == 50592
    assert nt.divisor_sigma(23450, 0) == 24
    assert nt.divisor_sigma(23450, 2) == 730747500
    assert nt.divisor_sigma(23450, 3) == 14666785333344
    assert nt.mobius(13 * 7) == 1 and nt.mobius(1) == 1
    assert nt.mobius(13 * 7 * 5) == -1 and nt.mobius(13**2) == 0
    assert nt.primenu(2**3 * 17 * 19**2) == 3 and nt.primeomega(2**3 * 17 * 19**2) == 6
    assert nt.totient(2**3 * 17 * 19**2) == 2**2 * 16 * 19 * 18
    assert nt.totient(2**3 * 17 * 19**2, factors={2: 3, 17: 1, 19: 2}) == 2**2 * 16 * 19 * 18
    assert nt.reduced_totient(2 * 17 * 19) == 144
    assert nt.reduced_totient(2**2 * 11, factors={2: 2, 11: 1}) == 10
    assert nt.reduced_totient(2**3 * 17 * 19**2) == 2736
    # test_factor_.py (sympy 1.14)
    assert nt.divisors(-1) == [1] and nt.divisors(0) == [] and nt.divisors(1) == [1]
    assert nt.divisors(100) == [1, 2, 4, 5, 10, 20, 25, 50, 100]
    assert not isinstance(nt.divisors(2, generator=True), list)
    assert nt.divisor_count(0) == 0 and nt.divisor_count(-1) == 1 and nt.divisor_count(12) == 6
    assert nt.divisor_count(180, 3) == nt.divisor_count(180 // 3)
    assert nt.divisor_count(2 * 3 * 5, 7) == 0
    assert nt.divisors(100, proper=True) == [1, 2, 4, 5, 10, 20, 25, 50]
    assert nt.divisors(1000000007, proper=True) == [1]
    assert nt.divisor_count(36, proper=True) == 8 and nt.divisor_count(-1, proper=True) == 0


def test_oeis_prefixes() -> None:
    # A000010, A002322, A008683, A007947 (first terms, from the OEIS entries)
    assert [nt.totient(n) for n in range(1, 13)] == [1, 1, 2, 2, 4, 2, 6, 4, 6, 4, 10, 4]
    assert [nt.carmichael_lambda(n) for n in range(1, 13)] == [1, 1, 2, 2, 4, 2, 6, 2, 6, 4, 10, 2]
    assert [nt.mobius(n) for n in range(1, 13)] == [1, -1, -1, 0, -1, 1, -1, 0, 0, 1, -1, 0]
    assert [nt.radical(n) for n in range(1, 13)] == [1, 2, 3, 2, 5, 6, 7, 2, 3, 10, 11, 6]


def test_brute_force_small() -> None:
    for n in range(1, 400):
        divs = _brute_divisors(n)
        fac = _brute_factor(n)
        assert nt.divisors(n) == divs
        assert sorted(nt.divisors(n, generator=True)) == divs
        assert nt.divisor_count(n) == len(divs)
        assert nt.divisor_sigma(n) == sum(divs)
        assert nt.divisor_sigma(n, 3) == sum(d**3 for d in divs)
        assert nt.totient(n) == sum(1 for k in range(1, n + 1) if math.gcd(k, n) == 1)
        assert nt.primenu(n) == len(fac) and nt.omega(n) == len(fac)
        assert nt.primeomega(n) == sum(fac.values()) == nt.bigomega(n)
        assert nt.radical(n) == math.prod(fac)
        squarefree = all(e == 1 for e in fac.values())
        assert nt.mobius(n) == ((-1) ** len(fac) if squarefree else 0)
    for n in range(1, 120):
        assert nt.carmichael_lambda(n) == _brute_lambda(n)


@settings(max_examples=60)
@given(st.integers(1, 10**12), st.integers(1, 10**12))
def test_multiplicative_on_coprime(a: int, b: int) -> None:
    if math.gcd(a, b) != 1:
        a //= math.gcd(a, b)
        if math.gcd(a, b) != 1:
            return
    for f in (nt.totient, nt.divisor_sigma, nt.divisor_count, nt.mobius, nt.radical):
        assert f(a * b) == f(a) * f(b)
    assert nt.primenu(a * b) == nt.primenu(a) + nt.primenu(b)
    assert nt.carmichael_lambda(a * b) == math.lcm(nt.carmichael_lambda(a), nt.carmichael_lambda(b))


# up to 8 primes of 17-27 bits and at most one of 40-70 bits: the ECM rungs split such n in
# milliseconds (two primes above 2**40 would leave a semiprime for SIQS: seconds)
_ECM_SIZED = st.tuples(
    st.lists(st.integers(10**5, 10**8).map(nt.next_prime), min_size=1, max_size=8),
    st.lists(st.integers(2**40, 2**70).map(nt.next_prime), max_size=1),
).map(lambda t: t[0] + t[1])


@settings(max_examples=25)
@given(_ECM_SIZED, _ECM_SIZED, st.integers(1, 3))
def test_multiplicative_on_ecm_sized_parts(ps: list[int], qs: list[int], e: int) -> None:
    # 20-100-digit n whose parts take factorint's ECM rungs (65-220 bits after trial
    # division): each function against the formula from the primes the test chose, and
    # multiplicativity on the coprime split
    qs = [q for q in qs if q not in ps and q < 2**40] or [2]  # b: one large prime at most
    a, b = math.prod(p**e for p in ps), math.prod(qs)
    pa: dict[int, int] = {}
    for p in ps:
        pa[p] = pa.get(p, 0) + e
    assert nt.factorint(a) == dict(sorted(pa.items()))
    assert nt.totient(a) == math.prod(p ** (k - 1) * (p - 1) for p, k in pa.items())
    for f in (nt.totient, nt.divisor_sigma, nt.mobius):
        assert f(a * b) == f(a) * f(b)
    assert nt.primeomega(a * b) == sum(pa.values()) + nt.primeomega(b)


@settings(max_examples=40)
@given(st.integers(1, 10**9))
def test_gauss_and_mobius_inversion(n: int) -> None:
    divs = nt.divisors(n)
    assert sum(nt.totient(d) for d in divs) == n  # Gauss
    assert sum(nt.mobius(d) for d in divs) == (1 if n == 1 else 0)
    # Moebius inversion of sigma = 1 * id: sum mu(d) sigma(n/d) == n
    assert sum(nt.mobius(d) * nt.divisor_sigma(n // d) for d in divs) == n


def test_factors_given_are_used_and_checked() -> None:
    p, q = 2**127 - 1, 2**89 - 1
    n = p**2 * q
    assert nt.totient(n, factors={p: 2, q: 1}) == p * (p - 1) * (q - 1)
    assert nt.divisors(n, factors={p: 2, q: 1}) == sorted([1, p, q, p * q, p * p, p * p * q])
    assert nt.divisor_count(-12, factors={-1: 1, 2: 2, 3: 1}) == 6
    with pytest.raises(InputError, match="product of factors"):
        nt.totient(12, factors={2: 2})
    with pytest.raises(InputError, match="prime"):
        nt.totient(12, factors={4: 1, 3: 1})
    with pytest.raises(InputError, match="> 1"):
        nt.mobius(12, factors={1: 5, 2: 2, 3: 1})
    with pytest.raises(InputError, match=">= 1"):
        nt.mobius(12, factors={2: 2, 3: 1, 5: 0})
    with pytest.raises(InputTypeError):
        nt.totient(12, factors=[(2, 2), (3, 1)])
    with pytest.raises(InputTypeError):
        nt.totient(12, factors={2.0: 2, 3: 1})


def test_divisor_list_is_bounded_generator_is_not() -> None:
    primorial = math.prod(q for q in range(2, 80) if nt.is_prime(q))  # 22 primes: 4M divisors
    n = primorial * 2**3  # 16.7M divisors
    with pytest.raises(InputError, match="generator=True"):
        nt.divisors(n)
    gen = nt.divisors(n, generator=True)
    first = [next(gen) for _ in range(5)]
    assert all(n % d == 0 for d in first) and len(set(first)) == 5


def test_cross_check_sympy_random() -> None:
    import sympy

    rng = random.Random(14)
    for _ in range(3):  # 20-45 digits, products of moderate numbers: factoring is cheap
        n = math.prod(rng.randrange(2, 10 ** rng.randrange(4, 10)) for _ in range(5))
        assert nt.totient(n) == int(sympy.totient(n))
        assert nt.divisor_sigma(n, 2) == int(sympy.divisor_sigma(n, 2))
        assert nt.divisor_count(n) == int(sympy.divisor_count(n))
        assert nt.mobius(n) == int(sympy.mobius(n))
        assert nt.primeomega(n) == int(sympy.primeomega(n))
        assert nt.reduced_totient(n) == int(sympy.reduced_totient(n))


FUNCS = [
    nt.totient,
    nt.carmichael_lambda,
    nt.divisor_sigma,
    nt.divisor_count,
    nt.divisors,
    nt.mobius,
    nt.primenu,
    nt.primeomega,
    nt.radical,
]


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", NOT_INTEGERS, ids=repr)
def test_not_integers_refused(func: object, bad: object) -> None:
    with pytest.raises(InputTypeError, match="n must be an integer"):
        func(bad)  # type: ignore[operator]


@pytest.mark.parametrize(
    "func", [nt.totient, nt.carmichael_lambda, nt.divisor_sigma, nt.mobius, nt.primenu, nt.radical]
)
@pytest.mark.parametrize("n", [0, -1, -12])
def test_positive_domain(func: object, n: int) -> None:
    with pytest.raises(InputError, match=r"needs n >= 1, got " + str(n)):
        func(n)  # type: ignore[operator]


def test_sigma_k_domain() -> None:
    with pytest.raises(InputError, match="k >= 0"):
        nt.divisor_sigma(12, -1)
    with pytest.raises(InputTypeError, match="k must be an integer"):
        nt.divisor_sigma(12, 1.0)


def test_carmichael_lambda_of_a_huge_number_with_factors() -> None:
    # Review: the lcm of 2**999998 and 4 * 5**999999 took about 10 s with math.lcm; GMP's
    # lcm is subquadratic (no timing asserted: scripts/bench_residues.py measures speed).
    # lambda(2**e * 5**f) = lcm(2**(e-2), 4 * 5**(f-1)) = 2**(e-2) * 5**(f-1) for e >= 4.
    e = f = 200_000
    assert nt.carmichael_lambda(2**e * 5**f, factors={2: e, 5: f}) == 2 ** (e - 2) * 5 ** (f - 1)


def test_divisor_generator_in_sympys_order() -> None:
    # Found by tests/conformance: sympy 1.14 test_factor_.py, test_divisors, asserts
    # list(divisors(3*5*7, 1)) == [1, 3, 5, 15, 7, 21, 35, 105] (smallest prime fastest);
    # numtheory yielded the largest prime fastest, [1, 7, 5, 35, 3, 21, 15, 105].
    import sympy

    assert list(nt.divisors(3 * 5 * 7, True)) == [1, 3, 5, 15, 7, 21, 35, 105]
    for n in (1, 2, 12, 97, 360, 2**5 * 7**2 * 11 * 13, 10**12 + 39, 2 * 3 * 5 * 7 * 11 * 13):
        for proper in (False, True):
            ours = list(nt.divisors(n, generator=True, proper=proper))
            assert ours == list(sympy.divisors(n, generator=True, proper=proper)), n
            assert sorted(ours) == nt.divisors(n, proper=proper)
