"""p-adic valuations: known values with sources, independent cross-checks, properties."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError, NotPrimeError
from tests.arith._bad_inputs import NOT_INTEGERS

SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 101]


def v_direct(m: int, p: int) -> int:
    """Valuation by repeated division: the obvious method, independent of GMP."""
    m = abs(m)
    count = 0
    while m % p == 0:
        m //= p
        count += 1
    return count


# --- known values -------------------------------------------------------------------------


def test_seed_article_binomials() -> None:
    # kexue.fm/archives/2765: C(30,15) = 155117520 is divisible by 16 (v2 = 4), C(40,20) by 4.
    assert math.comb(30, 15) == 155117520 and math.comb(40, 20) == 137846528820
    assert nt.central_binomial_valuation(15) == 4
    assert nt.central_binomial_valuation(20) == 2
    assert nt.binomial_valuation(30, 15, 2) == 4
    assert nt.binomial_valuation(40, 20, 2) == 2


# OEIS A000120 (binary weight of n), a(1)..a(32), copied from the OEIS entry.
A000120_1_TO_32 = [1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 1,
                   2, 2, 3, 2, 3, 3, 4, 2, 3, 3, 4, 3, 4, 4, 5, 1]  # fmt: skip


def test_central_binomial_v2_is_a000120_for_n_1_to_99() -> None:
    ours = [nt.central_binomial_valuation(n) for n in range(1, 100)]
    assert ours[:32] == A000120_1_TO_32
    assert ours == [bin(n).count("1") for n in range(1, 100)]  # A000120's definition
    # and the seed article's own method: build C(2n, n) and count factors of 2
    assert ours == [v_direct(math.comb(2 * n, n), 2) for n in range(1, 100)]


def test_known_valuations() -> None:
    assert nt.valuation(360, 2) == 3  # 360 = 2^3 3^2 5
    assert nt.valuation(360, 3) == 2
    assert nt.valuation(-250, 5) == 3  # sign ignored
    assert nt.valuation(7, 3) == 0
    assert nt.valuation(2**1000, 2) == 1000
    assert nt.factorial_valuation(100, 5) == 24  # trailing zeros of 100!, OEIS A027868
    assert nt.factorial_valuation(10, 2) == 8  # 10! = 2^8 ..., OEIS A011371
    assert nt.factorial_valuation(0, 7) == 0
    # (10^100)! has (10^100 - 1)/4 - ... : Legendre with s_5(10^100) = sum of base-5 digits
    n = 10**100
    assert nt.factorial_valuation(n, 5) == sum(n // 5**i for i in range(1, 144))


# --- independent cross-checks -------------------------------------------------------------


@pytest.mark.parametrize("p", SMALL_PRIMES)
def test_factorial_valuation_against_direct_count(p: int) -> None:
    for n in range(0, 400, 7):
        assert nt.factorial_valuation(n, p) == v_direct(math.factorial(n), p)


@pytest.mark.parametrize("p", [2, 3, 5, 7])
def test_binomial_valuations_against_built_binomials(p: int) -> None:
    for n in range(70):
        for k in range(n + 1):
            assert nt.binomial_valuation(n, k, p) == v_direct(math.comb(n, k), p)
        assert nt.central_binomial_valuation(n, p) == v_direct(math.comb(2 * n, n), p)


def test_against_sympy_multiplicity() -> None:
    import sympy
    from sympy.ntheory.factor_ import multiplicity_in_factorial

    for n in [1, 12, 97, 1000, 12345]:
        for p in [2, 3, 5, 7, 97]:
            assert nt.central_binomial_valuation(n, p) == sympy.multiplicity(p, math.comb(2 * n, n))
            assert nt.factorial_valuation(n, p) == multiplicity_in_factorial(p, n)


# --- Hypothesis properties ----------------------------------------------------------------

primes_st = st.sampled_from([2, 3, 5, 7, 11, 13, 61, 67, 101, 1009, 65537, 2**61 - 1])


@given(st.integers(0, 3000), primes_st)
def test_legendre_equals_direct_count(n: int, p: int) -> None:
    direct = sum(v_direct(i, p) for i in range(1, n + 1))
    assert nt.factorial_valuation(n, p) == direct


@given(st.integers(0, 600), st.integers(0, 600), primes_st)
def test_kummer_equals_valuation_of_built_binomial(n: int, k: int, p: int) -> None:
    n, k = max(n, k), min(n, k)
    assert nt.binomial_valuation(n, k, p) == nt.valuation(math.comb(n, k), p)
    assert nt.binomial_valuation(n, k, p) == v_direct(math.comb(n, k), p)


@given(st.integers(-(10**60), 10**60).filter(bool), primes_st)
def test_valuation_matches_repeated_division(n: int, p: int) -> None:
    assert nt.valuation(n, p) == v_direct(n, p)


@given(st.integers(0, 10**200), primes_st)
def test_big_n_identities(n: int, p: int) -> None:
    # v_p(C(2n, n)) = v_p((2n)!) - 2 v_p(n!) and v_p(C(n, k)) = v_p(n!) - v_p(k!) - v_p((n-k)!)
    fv = nt.factorial_valuation
    assert nt.central_binomial_valuation(n, p) == fv(2 * n, p) - 2 * fv(n, p)
    k = n // 3
    assert nt.binomial_valuation(n, k, p) == fv(n, p) - fv(k, p) - fv(n - k, p)


@given(st.integers(0, 10**40))
def test_central_v2_is_popcount(n: int) -> None:
    assert nt.central_binomial_valuation(n) == bin(n).count("1")


# --- huge inputs --------------------------------------------------------------------------


def _digit_sum(n: int, base: int) -> int:
    # an independent route: GMP's base conversion, then the digits one by one
    import gmpy2

    return sum(int(d, base) for d in gmpy2.digits(n, base))


def test_200000_digit_n_against_digit_sums() -> None:
    # Legendre: v_p(n!) = (n - s_p(n)) / (p - 1); Kummer: v_p(C(2n, n)) = (2 s_p(n) - s_p(2n))
    # / (p - 1). Speed is measured in scripts/bench_integers.py, not asserted here.
    n = 10**200_000 + 12345
    assert nt.central_binomial_valuation(n) == bin(n).count("1")
    assert nt.central_binomial_valuation(n, 3) == (2 * _digit_sum(n, 3) - _digit_sum(2 * n, 3)) // 2
    assert nt.factorial_valuation(n, 5) == (n - _digit_sum(n, 5)) // 4
    k = n // 7
    fv = nt.factorial_valuation
    assert nt.binomial_valuation(n, k, 101) == fv(n, 101) - fv(k, 101) - fv(n - k, 101)


def test_million_digit_inputs() -> None:
    import gmpy2

    n = int(gmpy2.mpz(7) ** 1_183_000)  # 999,784 decimal digits
    # v_7(C(2n, n)) = 0 (no carry adding 10...0 to itself in base 7); v_2 is the popcount
    assert nt.central_binomial_valuation(n, 7) == 0
    assert nt.central_binomial_valuation(n) == n.bit_count()
    assert nt.factorial_valuation(n, 7) == (n - 1) // 6  # s_7(7^m) = 1
    assert nt.valuation(n, 7) == 1_183_000
    m = n - 1  # base 7: all digits 6, so s_7 = 6 * 1_183_000
    assert nt.factorial_valuation(m, 7) == (m - 6 * 1_183_000) // 6
    assert nt.binomial_valuation(n, 1, 7) == 1_183_000  # C(7^m, 1) = 7^m


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", NOT_INTEGERS)
def test_type_errors_name_the_value(bad: object) -> None:
    calls: list[Callable[[], int]] = [
        lambda: nt.valuation(bad, 2),
        lambda: nt.valuation(12, bad),
        lambda: nt.factorial_valuation(bad, 2),
        lambda: nt.factorial_valuation(10, bad),
        lambda: nt.binomial_valuation(bad, 1, 2),
        lambda: nt.binomial_valuation(10, bad, 2),
        lambda: nt.binomial_valuation(10, 1, bad),
        lambda: nt.central_binomial_valuation(bad),
        lambda: nt.central_binomial_valuation(10, bad),
    ]
    for call in calls:
        with pytest.raises(TypeError) as info:
            call()
        assert isinstance(info.value, InputTypeError)
        assert type(bad).__name__ in str(info.value)


@pytest.mark.parametrize("p", [-3, 0, 1, 4, 9, 561, 3825123056546413051, 2**64 + 1])
def test_p_must_be_prime(p: int) -> None:
    calls: list[Callable[[], int]] = [
        lambda: nt.valuation(12, p),
        lambda: nt.factorial_valuation(12, p),
        lambda: nt.binomial_valuation(12, 5, p),
        lambda: nt.central_binomial_valuation(12, p),
    ]
    for call in calls:
        with pytest.raises(NotPrimeError, match="prime") as info:
            call()
        assert isinstance(info.value, ValueError)


def test_domain_errors_give_rule_and_value() -> None:
    with pytest.raises(InputError, match=r"n != 0, got 0"):
        nt.valuation(0, 2)
    with pytest.raises(InputError, match=r"n >= 0, got -1"):
        nt.factorial_valuation(-1, 2)
    with pytest.raises(InputError, match=r"n >= 0, got -5"):
        nt.central_binomial_valuation(-5)
    with pytest.raises(InputError, match=r"0 <= k <= n, got n=3, k=5"):
        nt.binomial_valuation(3, 5, 2)
    with pytest.raises(InputError, match=r"k=-1"):
        nt.binomial_valuation(3, -1, 2)
    with pytest.raises(InputError, match=r"n >= 0"):
        nt.binomial_valuation(-3, -5, 2)
    with pytest.raises(InputError, match="integer of"):  # huge values are abbreviated
        nt.factorial_valuation(-(10**1000), 2)


def test_int_likes_are_accepted() -> None:
    import flint
    import gmpy2

    assert nt.valuation(gmpy2.mpz(360), gmpy2.mpz(2)) == 3
    assert nt.central_binomial_valuation(flint.fmpz(15)) == 4
    result = nt.factorial_valuation(gmpy2.mpz(100), 5)
    assert type(result) is int and result == 24


def test_huge_prime_base_against_legendre_by_hand() -> None:
    # p is a 100-digit prime (OEIS A033873: 10^99 + 289); every expected value below is
    # Legendre's floor-sum done by hand, e.g. v_p((p^2)!) = floor(p^2/p) + floor(p^2/p^2)
    p = 10**99 + 289
    assert nt.is_prime(p, proof=True)
    assert nt.valuation(p**3 * 7, p) == 3
    assert nt.valuation(-(p**2), p) == 2
    assert nt.valuation(p - 1, p) == 0 and nt.valuation(-1, p) == 0 and nt.valuation(1, 2) == 0
    assert nt.factorial_valuation(p - 1, p) == 0
    assert nt.factorial_valuation(3 * p - 1, p) == 2
    assert nt.factorial_valuation(p**2, p) == p + 1
    # v_p(C(n, k)) = v_p(n!) - v_p(k!) - v_p((n - k)!)
    assert nt.binomial_valuation(p**2, p, p) == (p + 1) - 1 - (p - 1)
    assert nt.binomial_valuation(2 * p, p, p) == 2 - 1 - 1
    assert nt.binomial_valuation(p**2, 0, p) == 0 and nt.binomial_valuation(p**2, p**2, p) == 0
    # C(p + 1, (p + 1)/2): (p + 1)! has one factor p, ((p + 1)/2)! none
    assert nt.central_binomial_valuation((p + 1) // 2, p) == 1
    assert nt.central_binomial_valuation((p - 1) // 2, p) == 0
