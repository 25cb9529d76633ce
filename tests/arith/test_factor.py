"""factorint on FLINT."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory import _backend
from numtheory.errors import InputTypeError
from tests.arith._bad_inputs import NOT_INTEGERS

SEED = 63281217910257742583918406571


def test_seed_article_number_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # kexue.fm/archives/3026: a naive Pollard rho took 84 s for this number. FLINT factors it
    # in milliseconds (scripts/bench_integers.py times it), so it must not pay for a child
    # process: any run_in_child call fails this test.
    def no_child(op: str, *args: int) -> object:
        raise AssertionError(f"a child process was started for {op}")

    monkeypatch.setattr(_backend, "run_in_child", no_child)
    result = nt.factorint(SEED)
    assert result == {125778791843321: 1, 503115167373251: 1}
    assert SEED == 125778791843321 * 503115167373251
    assert all(nt.is_prime(p, proof=True) for p in result)


def test_sympy_conventions() -> None:
    assert nt.factorint(0) == {0: 1}
    assert nt.factorint(1) == {}
    assert nt.factorint(-1) == {-1: 1}
    assert nt.factorint(-12) == {-1: 1, 2: 2, 3: 1}
    assert nt.factorint(360) == {2: 3, 3: 2, 5: 1}
    assert list(nt.factorint(2**64 + 1)) == [274177, 67280421310721]  # sorted keys


def test_against_sympy() -> None:
    import sympy

    for n in [*range(-50, 200), 2**64 - 1, 10**20 + 1, math.factorial(30), 2**101 - 1]:
        assert nt.factorint(n) == sympy.factorint(n)


@given(st.integers(-(10**30), 10**30))
def test_product_of_factors_is_n(n: int) -> None:
    factors = nt.factorint(n)
    assert math.prod(p**e for p, e in factors.items()) == n
    assert all(p in (-1, 0) or nt.is_prime(p) for p in factors)
    assert all(type(p) is int and type(e) is int for p, e in factors.items())


def test_prime_powers_and_big_primes() -> None:
    p = 2**127 - 1
    assert nt.factorint(p**3 * 12) == {2: 2, 3: 1, p: 3}
    assert nt.factorint(p) == {p: 1}


@pytest.mark.parametrize("bad", NOT_INTEGERS)
def test_type_errors(bad: object) -> None:
    with pytest.raises(InputTypeError):
        nt.factorint(bad)


def test_fermat_and_perfect_powers() -> None:
    # 2^64 - 1 = (2^32 - 1)(2^32 + 1) = 3 * 5 * 17 * 257 * 65537 * 641 * 6700417
    # (Euler's factor 641 of F5 = 2^32 + 1); the product is checked, so the list is too
    expected = {3: 1, 5: 1, 17: 1, 257: 1, 641: 1, 65537: 1, 6700417: 1}
    assert math.prod(expected) == 2**64 - 1
    assert nt.factorint(2**64 - 1) == expected
    assert nt.factorint(6**40) == {2: 40, 3: 40}
    assert nt.factorint(-((2**61 - 1) ** 5)) == {-1: 1, 2**61 - 1: 5}
    assert nt.factorint(SEED**3) == {125778791843321: 3, 503115167373251: 3}


def test_repeated_large_factors() -> None:
    # built from known factors, so the expected answer is independent of FLINT
    p, q = 125778791843321, 503115167373251  # the seed article's factors (15 digits)
    assert nt.factorint(p**2 * q) == {p: 2, q: 1}
    assert nt.factorint(p**3 * q**2 * 7) == {7: 1, p: 3, q: 2}
    r = nt.next_prime(10**19)  # just above 2**64
    assert nt.factorint(r**2 * p) == {p: 1, r: 2}
    big = nt.next_prime(10**99)  # a 100-digit prime; FLINT proves it (about 50 ms)
    assert nt.is_prime(big, proof=True)
    assert nt.factorint(big**3) == {big: 3}
    assert nt.factorint(big**2 * 12) == {2: 2, 3: 1, big: 2}


# -- the fast path for 65-220-bit parts, and prove= ---------------------------------------

# 7-digit and 12-digit primes as in scripts/bench_residues.py's multiplicative rows
_SMALL_PRIMES = st.integers(10**6, 10**7).map(nt.next_prime)
_MID_PRIMES = st.integers(2**64, 2**100).map(nt.next_prime)


@given(st.lists(_SMALL_PRIMES, min_size=2, max_size=12), st.lists(_MID_PRIMES, max_size=1))
def test_medium_parts_against_gmpy2_and_product(small: list[int], mid: list[int]) -> None:
    # 26-100-digit products of 7-digit primes (the ECM rung's case) and 20-31-digit primes
    # (kept by BPSW, proven unless prove=False): the product, primality by gmpy2 (an
    # independent BPSW), and the multiset of primes the test built
    import gmpy2

    n = math.prod(small) * math.prod(mid)
    expected: dict[int, int] = {}
    for p in small + mid:
        expected[p] = expected.get(p, 0) + 1
    for prove in (True, False):
        got = nt.factorint(n, prove=prove)
        assert got == dict(sorted(expected.items()))
        assert all(gmpy2.is_prime(p, 50) for p in got)


def test_prove_false_skips_only_the_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    proofs: list[int] = []
    real = _backend.is_proven_prime

    def counting(m: int) -> bool:
        proofs.append(m)
        return real(m)

    monkeypatch.setattr(_backend, "is_proven_prime", counting)
    p, q = nt.next_prime(10**25), nt.next_prime(10**40)  # above 2**64: BPSW is not exact
    cases = [(p * 2270297 * 1000003, {1000003: 1, 2270297: 1, p: 1}), (7 * q, {7: 1, q: 1})]
    for n, expected in cases:
        assert nt.factorint(n, prove=False) == expected
    assert proofs == []  # BPSW probable primes, kept unproven
    for n, expected in cases:
        assert nt.factorint(n) == expected
    assert proofs == [p, q]  # each proven (fmpz_is_prime) before it is kept
    proofs.clear()
    assert nt.factorint(2**61 - 1, prove=True) == {2**61 - 1: 1}  # one word: n_factor, exact
    assert proofs == []


@pytest.mark.parametrize("bad", [1, 0, None, "yes", 1.0])
def test_prove_must_be_a_bool(bad: object) -> None:
    with pytest.raises(InputTypeError, match="prove to be True or False"):
        nt.factorint(12, prove=bad)
    with pytest.raises(TypeError):
        nt.factorint(12, True)  # type: ignore[misc]  # keyword only


def test_sympy_values_on_the_fast_path() -> None:
    # sympy/ntheory/tests/test_factor_.py (test_factorint): 26-40-digit products, each with a
    # part of 65-150 bits after trial division
    assert nt.factorint(64015937) == {7993: 1, 8009: 1}
    assert nt.factorint(2 ** (2**6) + 1) == {274177: 1, 67280421310721: 1}
    assert nt.factorint(12932983746293756928584532764589230) == {
        2: 1,
        5: 1,
        73: 1,
        727719592270351: 1,
        63564265087747: 1,
        383: 1,
    }
    assert nt.factorint(4**100 + 1, prove=False) == nt.factorint(4**100 + 1)


# -- review: the seams of the fast path, and sympy on known-prime composites ----------------


def _prime_of(bits: int, seed: int) -> int:
    return nt.next_prime(2 ** (bits - 1) + seed * 2 ** (bits // 2))


def test_seams_of_the_word_and_ecm_paths() -> None:
    import gmpy2
    import sympy

    below, above = nt.prev_prime(2**64), nt.next_prime(2**64)  # n_factor | the ECM path
    assert below < 2**64 < above
    p65, p110, p200 = _prime_of(65, 1), _prime_of(110, 2), _prime_of(200, 3)
    q33, r33, s40 = _prime_of(33, 4), _prime_of(33, 5), [_prime_of(40, k) for k in (6, 7, 8)]
    chernick = [6 * 100000131 + 1, 12 * 100000131 + 1, 18 * 100000131 + 1]  # Carmichael
    cases = {
        below: {below: 1},
        above: {above: 1},
        -above: {-1: 1, above: 1},
        below * above: {below: 1, above: 1},
        2**64: {2: 64},
        p65**2: {p65: 2},  # ECM never finds p from p**2: the perfect-power test does
        p110**2 * 3**5: {3: 5, p110: 2},
        p110**3: {p110: 3},
        p200**2: {p200: 2},  # 400 bits: above FLINT's whole-factoriser size
        q33 * r33: {q33: 1, r33: 1},
        q33**3 * r33: {q33: 3, r33: 1},
        math.prod(s40): dict.fromkeys(s40, 1),
        q33 * p110 * q33: {q33: 2, p110: 1},  # a prime repeated across the rungs
        math.prod(chernick): dict.fromkeys(chernick, 1),
    }
    for n, expected in cases.items():
        for prove in (True, False):
            got = nt.factorint(n, prove=prove)
            assert got == expected, (n, prove)
            assert list(got) == sorted(got)
            assert all(type(p) is int and type(e) is int for p, e in got.items())
        if n != math.prod(s40):  # sympy's rho needs 0.8 s for 40-bit primes
            assert sympy.factorint(n) == expected, n
        assert all(p == -1 or gmpy2.is_prime(p, 50) for p in expected)
    assert all(sympy.isprime(p) and pow(2, math.prod(chernick) - 1, p) == 1 for p in chernick)


# composites of 20-40 digits made of known primes: at most one above 10**8, so sympy's
# rho finds the others in milliseconds
_SYMPY_SMALL = st.integers(2, 10**8).map(nt.next_prime)
_SYMPY_BIG = st.integers(10**8, 10**25).map(nt.next_prime)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_SYMPY_SMALL, min_size=1, max_size=8),
    st.lists(_SYMPY_BIG, max_size=1),
    st.integers(1, 3),
    st.booleans(),
)
def test_against_sympy_on_known_primes(small: list[int], big: list[int], e: int, neg: bool) -> None:
    import sympy

    primes = small + big
    n = math.prod(primes) * primes[0] ** (e - 1) * (-1 if neg else 1)
    assume(10**19 <= abs(n) < 10**40)
    expected: dict[int, int] = {-1: 1} if neg else {}
    for p in primes:
        expected[p] = expected.get(p, 0) + 1
    expected[primes[0]] += e - 1
    got = nt.factorint(n)
    assert got == expected == sympy.factorint(n)
    assert nt.factorint(n, prove=False) == got
    assert all(p == -1 or sympy.isprime(p) for p in got)
