"""factorint on the forms that used to take minutes: close factors, repeated large primes.

The hard cases run in a subprocess bounded by a timeout (the old code never finished them);
no test asserts on wall-clock time (scripts/bench_integers.py measures it).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory import _backend

# 30-digit primes after the first digits of Euler's constant and of pi (DLMF 5.2.3, 3.12.1)
P30A = nt.next_prime(577215664901532860606512090082)
P30B = nt.next_prime(314159265358979323846264338327)
Q15 = 125778791843321  # the seed article's factors, kexue.fm/archives/3026


def _factor_in_subprocess(expr: str, timeout: float = 120) -> dict[int, int]:
    code = f"import numtheory as nt; n = {expr}; print(nt.factorint(n))"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[int, int] = eval(proc.stdout)  # a dict of ints printed by factorint
    return result


def test_constants_are_proven_primes() -> None:
    assert all(nt.is_prime(p, proof=True) for p in (P30A, P30B, Q15))


def test_close_primes_by_fermat() -> None:
    # issue 9: 155 digits, sympy 8 ms (Fermat), the old code did not finish in 30 s
    a = nt.next_prime(2**256)
    b = nt.next_prime(a + 2**16)
    got = _factor_in_subprocess("(lambda a: a * nt.next_prime(a + 2**16))(nt.next_prime(2**256))")
    assert got == {a: 1, b: 1}
    assert nt.is_prime(a, proof=True) and nt.is_prime(b, proof=True)
    import sympy

    assert got == sympy.factorint(a * b)


def test_repeated_30_digit_prime_times_a_15_digit_one() -> None:
    # the square is found by the perfect-power test once ECM has divided out Q15
    got = _factor_in_subprocess(f"{P30A}**2 * {Q15}")
    assert got == {Q15: 1, P30A: 2}


@pytest.mark.slow
def test_repeated_100_digit_prime_times_a_15_digit_one() -> None:
    # the old docstring's case: over a minute when FLINT sized ECM by n (712 bits)
    p = nt.next_prime(10**99)
    got = _factor_in_subprocess(f"nt.next_prime(10**99)**2 * {Q15}")
    assert got == {Q15: 1, p: 2}


def test_special_forms_mixed() -> None:
    a = nt.next_prime(10**80)
    b = nt.next_prime(a + 10**6)  # close to a: Fermat
    c = nt.next_prime(2**300)
    assert nt.factorint(a * b * 2**10 * 3**5) == {2: 10, 3: 5, a: 1, b: 1}
    assert nt.factorint(c**7) == {c: 7}  # a perfect power of a large prime
    assert nt.factorint((a * b) ** 3) == {a: 3, b: 3}  # a power of a Fermat product
    assert nt.factorint(c**2 * 1257787 * 65537**3) == {65537: 3, 1257787: 1, c: 2}


@pytest.mark.slow
def test_small_and_medium_agree_with_sympy() -> None:
    import sympy

    cases = [
        P30A * P30B,  # 60 digits: FLINT's SIQS, sympy's ECM is slower but fine
        Q15 * nt.next_prime(Q15),
        2**128 + 1,
        10**40 + 1,
        math.factorial(40) + 1,
        3**100 * 2**50 * 1257787**2,
    ]
    for n in cases[1:]:
        assert nt.factorint(n) == sympy.factorint(n), n
    assert nt.factorint(cases[0]) == {P30B: 1, P30A: 1}


_SMALLISH = st.integers(2, 10**8).map(nt.next_prime)
_TRIAL = st.integers(2, 60_000).map(nt.next_prime)  # found by trial division


@settings(max_examples=40)
@given(st.lists(_SMALLISH, min_size=1, max_size=4), st.integers(0, 3))
def test_products_of_primes_against_sympy(ps: list[int], extra_square: int) -> None:
    import sympy

    n = math.prod(ps) * (ps[0] ** extra_square)
    assert nt.factorint(n) == sympy.factorint(n)


@settings(max_examples=10)
@given(
    st.integers(2**200, 2**300).map(nt.next_prime),
    st.integers(1, 2**40),
    st.lists(_TRIAL, max_size=3),
    st.integers(1, 3),
)
def test_close_pairs_and_powers_multiply_back(p: int, gap: int, small: list[int], k: int) -> None:
    q = nt.next_prime(p + gap)
    n = (p * q) ** k * math.prod(small)
    factors = nt.factorint(n)
    assert math.prod(f**e for f, e in factors.items()) == n
    assert all(nt.is_prime(f, proof=True) for f in factors)
    assert factors[p] == k == factors[q]
    assert list(factors) == sorted(factors)


# --- no child process where FLINT is fast (review of issue 9) ------------------------------


def _child_ops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The operations run in a child process from now on (recorded, then run as usual)."""
    started: list[str] = []
    real = _backend.run_in_child

    def spy(op: str, *args: int) -> object:
        started.append(op)
        return real(op, *args)

    monkeypatch.setattr(_backend, "run_in_child", spy)
    return started


def test_medium_numbers_with_small_factors_factor_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A child costs a Python start-up (0.2-0.4 s): it used to be paid for every part of
    # 151-220 bits (FLINT's whole factoriser) and every ECM rung on a part over 400 bits,
    # though FLINT needs milliseconds for these.
    started = _child_ops(monkeypatch)
    p200, p180, p550 = nt.next_prime(2**200), nt.next_prime(2**180), nt.next_prime(2**550)
    assert nt.factorint(p200) == {p200: 1}
    assert nt.factorint(p180 * 1000003) == {1000003: 1, p180: 1}
    q24 = nt.next_prime(2**24)
    assert nt.factorint(-(p180 * q24 * 65537**2)) == {
        -1: 1,
        65537: 2,
        q24: 1,
        p180: 1,
    }
    assert started == []
    assert nt.factorint(p550 * 1000003 * 1000033) == {1000003: 1, 1000033: 1, p550: 1}
    assert started == ["is_proven_prime"]  # APR-CL at 166 digits: the one long call


def _chernick(k: int) -> tuple[int, dict[int, int]]:
    # (6k+1)(12k+1)(18k+1) with all three prime: a Fermat pseudoprime to every base
    expected = {6 * k + 1: 1, 12 * k + 1: 1, 18 * k + 1: 1}
    assert all(nt.is_prime(p, proof=True) for p in expected)
    n = math.prod(expected)
    assert pow(2, n - 1, n) == 1
    return n, expected


@pytest.mark.parametrize("k", [1, 6, 35, 1000051, 70368744178781])  # 10 to 149 bits
def test_carmichael_numbers(k: int) -> None:
    n, expected = _chernick(k)
    assert nt.factorint(n) == expected
    assert nt.factorint(-n) == {-1: 1, **expected}


@pytest.mark.slow
def test_carmichael_number_of_191_bits() -> None:
    # three 63-bit primes: no cheap ECM rung splits it, FLINT's whole factoriser (in a child)
    n, expected = _chernick(1152921504606847306)
    assert nt.factorint(n) == expected


def test_classic_carmichael_numbers_against_sympy() -> None:
    import sympy

    for n in (561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 825265, 321197185):
        assert nt.factorint(n) == sympy.factorint(n)


_SMALL_32 = st.integers(2, 2**32).map(nt.next_prime)  # found by trial division or ECM 32
_LARGE = st.integers(2**64, 2**330).map(nt.next_prime)  # one prime of any size up to 100 digits


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(_SMALL_32, st.integers(1, 3)), max_size=4),
    st.one_of(st.none(), st.tuples(_LARGE, st.integers(1, 3))),
    st.sampled_from([1, -1]),
)
def test_mixed_sizes_against_sympy(
    small: list[tuple[int, int]], large: tuple[int, int] | None, sign: int
) -> None:
    # crosses the 150-bit (child), 220-bit (FLINT whole) and 400-bit boundaries; a large
    # prime squared or cubed is a perfect power once the small ones are divided out
    import sympy

    parts = small + ([large] if large else [])
    n = sign * math.prod(p**e for p, e in parts)
    got = nt.factorint(n)
    assert got == sympy.factorint(n)
    assert all(nt.is_prime(p, proof=True) for p in got if p > 1)
