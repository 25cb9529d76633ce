"""factorint on FLINT."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
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
