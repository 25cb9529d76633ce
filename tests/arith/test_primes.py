"""Primality, next/prev prime, and primes in a window."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError
from tests.arith._bad_inputs import NOT_INTEGERS

LIMIT = 10**6


def sieve_flags(limit: int) -> bytearray:
    """A plain sieve of Eratosthenes (independent of numtheory's segmented one)."""
    flags = bytearray([1]) * limit
    flags[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit - 1) + 1):
        if flags[i]:
            flags[i * i :: i] = bytes(len(range(i * i, limit, i)))
    return flags


FLAGS = sieve_flags(LIMIT)
PRIMES_BELOW_LIMIT = [i for i in range(LIMIT) if FLAGS[i]]


# --- is_prime -----------------------------------------------------------------------------


def test_is_prime_matches_a_sieve_below_10_to_6() -> None:
    assert [n for n in range(-10, LIMIT) if nt.is_prime(n)] == PRIMES_BELOW_LIMIT
    assert len(PRIMES_BELOW_LIMIT) == 78498  # pi(10^6), OEIS A006880


def test_known_primes() -> None:
    # Mersenne exponents (OEIS A000043): 2^p - 1 prime for these p, composite for the others
    for p in range(2, 700):
        assert nt.is_prime(2**p - 1) == (
            p in {2, 3, 5, 7, 13, 17, 19, 31, 61, 89, 107, 127, 521, 607}
        )
    assert nt.is_prime(2**3217 - 1)  # 969 digits
    assert nt.is_prime(18446744073709551557)  # largest prime below 2^64
    assert not nt.is_prime(2**64 + 1)  # 274177 * 67280421310721
    assert nt.is_prime(1257787)  # seed article, kexue.fm/archives/3026
    assert nt.is_prime(125778791843321) and nt.is_prime(503115167373251)
    assert not nt.is_prime(63281217910257742583918406571)


def _carmichael_below(limit: int) -> list[int]:
    """Carmichael numbers by Korselt's criterion, from the sieve's smallest factors."""
    spf = list(range(limit))
    for i in range(2, math.isqrt(limit) + 1):
        if spf[i] == i:
            for j in range(i * i, limit, i):
                if spf[j] == j:
                    spf[j] = i
    out = []
    for n in range(3, limit, 2):
        if spf[n] == n:
            continue
        m, ok, factors = n, True, 0
        while m > 1:
            p = spf[m]
            m //= p
            factors += 1
            if m % p == 0 or (n - 1) % (p - 1):
                ok = False
                break
        if ok and factors >= 3:
            out.append(n)
    return out


def test_carmichael_numbers_rejected() -> None:
    carmichael = _carmichael_below(200_000)
    # OEIS A002997, first terms
    assert carmichael[:10] == [561, 1105, 1729, 2465, 2821, 6601, 8911, 10585, 15841, 29341]
    assert not any(nt.is_prime(n) for n in carmichael)
    # Chernick's form (6k+1)(12k+1)(18k+1) with three primes is Carmichael
    for k in (1, 6, 35, 45, 51, 55, 56, 100, 121, 195):
        a, b, c = 6 * k + 1, 12 * k + 1, 18 * k + 1
        if nt.is_prime(a) and nt.is_prime(b) and nt.is_prime(c):
            assert not nt.is_prime(a * b * c)


def _is_strong_prp(n: int, a: int) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    x = pow(a, d, n)
    if x in (1, n - 1):
        return True
    for _ in range(s - 1):
        x = x * x % n
        if x == n - 1:
            return True
    return False


def test_strong_pseudoprimes_base_2_rejected() -> None:
    spsp = [n for n in range(3, LIMIT, 2) if not FLAGS[n] and _is_strong_prp(n, 2)]
    # OEIS A001262, first terms
    assert spsp[:8] == [2047, 3277, 4033, 4681, 8321, 15841, 29341, 42799]
    assert not any(nt.is_prime(n) for n in spsp)


# Strong pseudoprimes to many bases (sympy's test_primetest.py; MathWorld "Strong
# Pseudoprime"; OEIS A014233): each passes Miller-Rabin for every base listed.
MANY_BASES = [
    (2152302898747, 11),  # psi_6: bases 2..13
    (3474749660383, 13),
    (341550071728321, 17),  # psi_8
    (3825123056546413051, 23),  # psi_9 (bases 2..23); = 149491 * 747451 * 34233211
    (318665857834031151167461, 37),  # psi_12
    (3317044064679887385961981, 41),  # psi_13
]


@pytest.mark.parametrize(("n", "max_base"), MANY_BASES)
def test_strong_pseudoprimes_to_many_bases_rejected(n: int, max_base: int) -> None:
    bases = [b for b in range(2, max_base + 1) if nt.is_prime(b)]
    assert all(_is_strong_prp(n, b) for b in bases)  # the list is what it claims
    assert not nt.is_prime(n)


ARNAULT_1995_P1 = int(
    "296744956686855105501541746429053327307719917998530433509950"
    "755312768387531717701995942385964281211880336647542183455624"
    "93168782883"
)


def test_arnault_numbers_rejected() -> None:
    # F. Arnault, "Rabin-Miller primality test: composite numbers which pass it", Math. Comp.
    # 64 (1995) 355-361: a 397-digit strong pseudoprime to every prime base below 307.
    p1 = ARNAULT_1995_P1
    n = p1 * (313 * (p1 - 1) + 1) * (353 * (p1 - 1) + 1)
    assert len(str(n)) == 397
    assert all(_is_strong_prp(n, b) for b in (2, 3, 5, 7, 11, 13, 101, 211, 293))
    assert not nt.is_prime(n)
    assert not nt.is_prime(n, proof=True)


# Lucas pseudoprimes below 10^5 (OEIS A217120) and strong Lucas pseudoprimes (A217255),
# Selfridge parameters; the extra strong ones (A217719). Lists as in sympy's tests.
A217120 = [323, 377, 1159, 1829, 3827, 5459, 5777, 9071, 9179, 10877, 11419, 11663, 13919,
           14839, 16109, 16211, 18407, 18971, 19043, 22499, 23407, 24569, 25199, 25877, 26069,
           27323, 32759, 34943, 35207, 39059, 39203, 39689, 40309, 44099, 46979, 47879, 50183,
           51983, 53663, 56279, 58519, 60377, 63881, 69509, 72389, 73919, 75077, 77219, 79547,
           79799, 82983, 84419, 86063, 90287, 94667, 97019, 97439]  # fmt: skip
A217255 = [5459, 5777, 10877, 16109, 18971, 22499, 24569, 25199, 40309, 58519, 75077, 97439]
A217719 = [989, 3239, 5777, 10877, 27971, 29681, 30739, 31631, 39059, 72389, 73919, 75077]


def test_lucas_pseudoprimes_rejected() -> None:
    import gmpy2

    odd_composites = [n for n in range(3, 10**5, 2) if not FLAGS[n]]
    # the lists are right (gmpy2's Lucas tests are independent of FLINT's)
    assert [n for n in odd_composites if gmpy2.is_strong_selfridge_prp(n)] == A217255
    assert [n for n in odd_composites if gmpy2.is_selfridge_prp(n)] == A217120
    for n in A217120 + A217255 + A217719:
        assert not nt.is_prime(n)


def test_bpsw_agrees_with_gmpy_around_2_to_64() -> None:
    import gmpy2

    for base in (10**16, 2**63, 2**64 - 3000, 2**64, 10**20):
        for n in range(base, base + 3000):
            assert nt.is_prime(n) == bool(gmpy2.is_prime(n, 50)), n


# --- proof --------------------------------------------------------------------------------


def test_proof() -> None:
    assert nt.is_prime(2**127 - 1, proof=True)
    assert nt.is_prime(2**521 - 1, proof=True)  # 157 digits: under a second
    assert not nt.is_prime(2**128 + 1, proof=True)
    assert nt.is_prime(97, proof=True)
    assert not nt.is_prime(1, proof=True)


def test_proof_size_limit_is_explicit() -> None:
    big_prime = 2**3217 - 1  # 969 digits
    with pytest.raises(InputError, match=r"at most 100 digits.*n has 969 digits"):
        nt.is_prime(big_prime, proof=True, max_proof_digits=100)
    assert not nt.is_prime(big_prime + 2, proof=True, max_proof_digits=100)  # composite: fine
    assert nt.PROOF_MAX_DIGITS == 1000
    huge = nt.next_prime(10**1000)
    with pytest.raises(InputError, match="1001 digits"):
        nt.is_prime(huge, proof=True)


# --- next_prime / prev_prime --------------------------------------------------------------


def test_next_prev_known_values() -> None:
    assert nt.next_prime(-(10**30)) == 2
    assert [nt.next_prime(n) for n in range(12)] == [2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13]
    assert nt.next_prime(10**20) == 10**20 + 39  # OEIS A033873 (k = 39 for n = 20)
    assert nt.next_prime(10**100) == 10**100 + 267  # A033873
    assert nt.next_prime(2**64 - 59) == 2**64 + 13
    assert nt.prev_prime(2**64) == 2**64 - 59
    assert nt.prev_prime(3) == 2
    assert nt.prev_prime(10**100) == 10**100 - 797  # OEIS A033874
    assert type(nt.next_prime(10)) is int and type(nt.prev_prime(10)) is int


def test_next_prime_walks_the_sieve() -> None:
    p, walked = 2, [2]
    while p < 200_000:
        p = nt.next_prime(p)
        walked.append(p)
    assert walked[:-1] == [q for q in PRIMES_BELOW_LIMIT if q < 200_000]
    q = 199_999
    assert [nt.prev_prime(x) for x in (3, 4, 5, 6, 8, 12)] == [2, 3, 3, 5, 7, 11]
    assert nt.prev_prime(q + 1) == max(r for r in PRIMES_BELOW_LIMIT if r <= q)


@given(st.integers(-100, 10**40))
def test_next_and_prev_are_inverse(n: int) -> None:
    q = nt.next_prime(n)
    assert q > n and nt.is_prime(q)
    if q > 2:
        assert nt.prev_prime(q) <= n
    if n > 2:
        r = nt.prev_prime(n)
        assert r < n and nt.is_prime(r) and nt.next_prime(r) >= n
        assert nt.prev_prime(nt.next_prime(r)) == r


def test_prev_prime_domain() -> None:
    for n in (2, 1, 0, -7):
        with pytest.raises(InputError, match=f"n > 2.*got {n}"):
            nt.prev_prime(n)


# --- primes(start, stop) ------------------------------------------------------------------


def test_primes_small_windows_match_the_sieve() -> None:
    assert list(nt.primes(0, LIMIT)) == PRIMES_BELOW_LIMIT
    assert list(nt.primes(-50, 30)) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert list(nt.primes(2, 3)) == [2]
    assert list(nt.primes(3, 3)) == []
    assert list(nt.primes(10, 5)) == []
    assert list(nt.primes(24, 29)) == []
    assert list(nt.primes(29, 30)) == [29]
    assert nt.count_primes(0, LIMIT) == 78498


@given(st.integers(-10, LIMIT - 5000), st.integers(0, 5000))
def test_primes_any_window_matches_the_sieve(start: int, width: int) -> None:
    expected = [p for p in PRIMES_BELOW_LIMIT if start <= p < start + width]
    assert list(nt.primes(start, start + width)) == expected
    assert nt.count_primes(start, start + width) == len(expected)


def test_primes_far_from_zero_match_is_prime() -> None:
    for start, width in [(10**12, 3000), (2**64 - 1500, 3000), (10**30, 2000), (10**100, 1000)]:
        got = list(nt.primes(start, start + width))
        assert got == [n for n in range(start, start + width) if nt.is_prime(n)]
        assert nt.count_primes(start, start + width) == len(got)


def test_primes_near_10_to_12_against_sympy() -> None:
    import sympy

    start = 10**12
    got = list(nt.primes(start, start + 20_000))
    assert got[:4] == [1000000000039, 1000000000061, 1000000000063, 1000000000091]
    assert got == [n for n in range(start, start + 20_000) if sympy.isprime(n)]


def test_prime_counts_of_powers_of_ten() -> None:
    # OEIS A006880: pi(10^n); 10^8 is sieved completely (no BPSW), in about 0.2 s
    assert [nt.count_primes(0, 10**k) for k in range(1, 9)] == [
        4,
        25,
        168,
        1229,
        9592,
        78498,
        664579,
        5761455,
    ]


def test_primes_windows_far_out_are_fast_and_lazy() -> None:
    # pi(10^12 + 10^6) - pi(10^12) = 36249 (counted by this sieve; sympy check above)
    assert nt.count_primes(10**12, 10**12 + 10**6) == 36249
    it = nt.primes(10**100, 10**100 + 10**6)
    assert next(it) == 10**100 + 267  # lazily: only the first segment is sieved


@pytest.mark.parametrize("bad", NOT_INTEGERS)
def test_type_errors(bad: object) -> None:
    for call in (
        lambda: nt.is_prime(bad),
        lambda: nt.next_prime(bad),
        lambda: nt.prev_prime(bad),
        lambda: nt.primes(bad, 10),
        lambda: nt.primes(0, bad),
        lambda: nt.count_primes(bad, 10),
    ):
        with pytest.raises(InputTypeError):
            call()
    with pytest.raises(InputTypeError, match="proof"):
        nt.is_prime(7, proof=1)  # type: ignore[arg-type]


def test_proof_answers_are_honest(monkeypatch: pytest.MonkeyPatch) -> None:
    # composites are never refused with proof=True, whatever their size
    assert not nt.is_prime((2**521 - 1) * (2**607 - 1), proof=True)
    assert not nt.is_prime(10**3000 + 1, proof=True)
    assert not nt.is_prime(-(2**127 - 1), proof=True)
    # an answer of FLINT's that is neither "proved" nor "composite" is never read as True
    from numtheory import _backend, _child

    # the proof op is shared by the in-process and the child path (_child.OPS)
    monkeypatch.setitem(_child.OPS, "is_proven_prime", lambda n: -1)
    with pytest.raises(RuntimeError, match="neither proved nor refuted"):
        _backend.is_proven_prime(2**127 - 1)


def test_primes_near_10_to_100_against_a_gmpy2_walk() -> None:
    # independent of numtheory's sieve and of FLINT's BPSW: GMP's own next_prime
    import gmpy2

    for start, width in [(10**100 - 3000, 6000), (2**64 - 700, 1400), (10**40 + 1, 5000)]:
        walked, p = [], gmpy2.next_prime(start - 1)
        while p < start + width:
            walked.append(int(p))
            p = gmpy2.next_prime(p)
        assert list(nt.primes(start, start + width)) == walked
        assert nt.count_primes(start, start + width) == len(walked)
    assert list(nt.primes(10**100 - 797, 10**100 + 268)) == [10**100 - 797, 10**100 + 267]


def test_max_proof_digits_is_checked() -> None:
    with pytest.raises(InputError, match="max_proof_digits >= 0 or None, got -1"):
        nt.is_prime(7, proof=True, max_proof_digits=-1)
    with pytest.raises(InputTypeError, match=r"max_proof_digits must be an integer, got 2\.5"):
        nt.is_prime(7, max_proof_digits=2.5)  # type: ignore[arg-type]
    assert nt.is_prime(2**127 - 1, proof=True, max_proof_digits=39)  # 39 digits: allowed
    with pytest.raises(InputError, match=r"at most 38 digits.*n has 39 digits"):
        nt.is_prime(2**127 - 1, proof=True, max_proof_digits=38)


def test_next_prime_ith() -> None:
    # Found by tests/conformance: sympy 1.14 test_generate.py, test_generate, asserts
    # nextprime(primelist[i], j) == primelist[i + j], nextprime(2, 2) == 5, and ValueError
    # for ith = 0 and -1; numtheory's next_prime took no ith.
    small = [p for p in range(300) if nt.is_prime(p)]
    for i in range(len(small) - 2):
        for j in range(1, len(small) - i):
            assert nt.next_prime(small[i], j) == small[i + j]
    assert nt.next_prime(2, 2) == 5 and nt.next_prime(-7, 3) == 5
    assert nt.next_prime(10**20, 2) == nt.next_prime(nt.next_prime(10**20))
    for bad in (0, -1):
        with pytest.raises(InputError, match="ith >= 1"):
            nt.next_prime(2, bad)
    for wrong in (True, 1.0, "2", None):
        with pytest.raises(InputTypeError, match="ith"):
            nt.next_prime(2, wrong)
