"""count_primes and primes with one argument, count_primes on primecount vs the sieve."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import numtheory as nt
from numtheory import _backend
from numtheory.arith import sieve
from numtheory.errors import InputTypeError

LIMIT = 20_000


def _plain_sieve(limit: int) -> list[int]:
    flags = bytearray([1]) * (limit + 1)
    flags[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if flags[i]:
            flags[i * i :: i] = bytes(len(range(i * i, limit + 1, i)))
    return [i for i in range(limit + 1) if flags[i]]


PRIMES = _plain_sieve(LIMIT)


def test_one_argument_means_up_to_and_including_x() -> None:
    assert list(nt.primes(29)) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert list(nt.primes(28)) == [2, 3, 5, 7, 11, 13, 17, 19, 23]
    assert nt.count_primes(29) == 10 and nt.count_primes(28) == 9
    assert list(nt.primes(1)) == [] and nt.count_primes(1) == 0
    assert list(nt.primes(-5)) == [] and nt.count_primes(-5) == 0
    assert list(nt.primes(2)) == [2] and nt.count_primes(2) == 1


@given(st.integers(-10, LIMIT))
def test_one_argument_against_a_plain_sieve(x: int) -> None:
    expected = [p for p in PRIMES if p <= x]
    assert list(nt.primes(x)) == expected
    assert nt.count_primes(x) == len(expected) == nt.count_primes(0, x + 1)


def test_one_argument_pi_of_powers_of_ten_and_sympy() -> None:
    # OEIS A006880: pi(10^n), n = 1..12 (the large ones through primecount)
    a006880 = [4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534, 455052511]
    a006880 += [4118054813, 37607912018]
    assert [nt.count_primes(10**k) for k in range(1, 13)] == a006880
    import sympy

    assert nt.count_primes(123_456_789) == int(sympy.primepi(123_456_789))


def test_one_argument_names_x_in_type_errors() -> None:
    with pytest.raises(InputTypeError, match=r"x must be an integer, got 2\.5"):
        nt.count_primes(2.5)
    with pytest.raises(InputTypeError, match="x must be an integer"):
        nt.primes("10")


def test_valuation_defaults_to_two() -> None:
    assert nt.valuation(360) == 3 == nt.valuation(360, 2)
    assert nt.valuation(-(2**200) * 7) == 200
    assert nt.valuation(1) == 0


@given(st.integers(1, 2**300))
def test_valuation_default_is_trailing_zero_bits(n: int) -> None:
    assert nt.valuation(n) == (n & -n).bit_length() - 1


# --- primecount against the segmented sieve ---------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi"),
    [
        (0, 10**8),  # both methods cover this, at about 0.2 s for the sieve
        (10**9, 10**9 + 3 * 10**6),
        (10**12 - 10**6, 10**12 + 10**6),
        (10**13 - 10**6, 10**13 + 10**6),  # 2**44 > 10**13: pi(10**13) still in-process
    ],
)
def test_primecount_agrees_with_the_sieve(lo: int, hi: int) -> None:
    by_pi = _backend.prime_pi(hi - 1) - _backend.prime_pi(lo - 1)
    assert by_pi == sieve.count_in_window(lo, hi)
    assert nt.count_primes(lo, hi) == by_pi


def test_wide_window_far_from_zero_uses_primecount() -> None:
    # the sieve would need minutes here; primecount takes about 0.2 s
    assert nt.count_primes(10, 10**12) == 37607912018 - 4
    assert nt.count_primes(10**11, 10**12) == 37607912018 - 4118054813


def test_window_across_primecount_range_uses_the_sieve() -> None:
    top = _backend.PRIME_PI_MAX + 1  # 2**63: beyond primecount's 64-bit argument
    walked = []
    p = nt.next_prime(top - 2000)
    while p < top + 2000:
        walked.append(p)
        p = nt.next_prime(p)
    assert nt.count_primes(top - 2000, top + 2000) == len(walked) > 0


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**40), st.integers(0, 20_000))
def test_primecount_agrees_with_the_sieve_on_random_windows(lo: int, width: int) -> None:
    hi = lo + width
    by_pi = _backend.prime_pi(hi - 1) - _backend.prime_pi(lo - 1)
    assert by_pi == sieve.count_in_window(lo, hi) == len(list(nt.primes(lo, hi)))
    assert nt.count_primes(lo, hi) == by_pi


@pytest.mark.parametrize("p", [2, 3, 65521, 1000003, 1048573])
def test_windows_ending_at_prime_squares(p: int) -> None:
    # p**2 is the first composite the sieving prime p strikes: inclusive ends around it
    x = p * p
    for lo, hi in [(x - 50, x), (x - 50, x + 1), (x, x + 50), (x + 1, x + 50)]:
        lo = max(lo, 0)
        expected = sieve.count_in_window(lo, hi)
        assert expected == sum(nt.is_prime(m) for m in range(lo, hi))
        assert _backend.prime_pi(hi - 1) - _backend.prime_pi(lo - 1) == expected
    assert nt.count_primes(x) == nt.count_primes(x - 1)


def test_small_and_power_of_two_boundaries() -> None:
    assert [nt.count_primes(x) for x in (0, 1, 2, 3, 4)] == [0, 0, 1, 2, 2]
    assert [_backend.prime_pi(x) for x in (-1, 0, 1, 2, 3)] == [0, 0, 0, 1, 2]
    # pi(2**32) = 203280221 (OEIS A007053); 2**32 - 5 is the largest prime below it
    assert nt.count_primes(2**32) == 203280221 == nt.count_primes(2**32 - 5)
    assert nt.count_primes(2**32 - 6) == 203280220
    # 2**44 - 1 is the last argument primecount gets in-process; 2**44 and above go to a
    # child: both must agree with the sieve across the seam
    seam = sieve.count_in_window(2**44 - 1, 2**44 + 100)
    assert seam > 0
    assert nt.count_primes(2**44 - 1, 2**44 + 100) == seam
    pi_below = _backend.prime_pi(2**44 - 2)
    assert _backend.prime_pi(2**44 + 99) - pi_below == seam
    assert _backend.prime_pi(2**44) == _backend.prime_pi(2**44 - 1)  # 2**44 - 1 = 3 * 5 ...
