"""Built-in check of primality: ``primes``/``is_prime`` against a sieve, and pseudoprimes.

``primality`` compares every n with a sieve of Eratosthenes (the numpy one of
:mod:`numtheory.verify._sieve` up to 10**16, the plain segmented one here beyond), and its
facts recompute the strong pseudoprimes to base 2 (A001262) and the Carmichael numbers
(A002997) below 10**5 and check that ``is_prime`` rejects them. The chunk function is
top-level so that workers can run it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

from numtheory.verify._lib import lib
from numtheory.verify._ranges import LIBRARY_EVERY, check_library_every
from numtheory.verify.registry import Outcome, range_check
from numtheory.verify.result import ChunkResult

__all__: list[str] = []

_BASE_PRIMES: list[int] = []


def _base_primes(limit: int) -> list[int]:
    """Primes up to ``limit`` by a plain sieve (cached per process, grown when needed)."""
    global _BASE_PRIMES
    if not _BASE_PRIMES or _BASE_PRIMES[-1] < limit:
        size = max(limit, 1000) + 1
        sieve = bytearray([1]) * size
        sieve[0:2] = b"\x00\x00"
        for i in range(2, math.isqrt(size - 1) + 1):
            if sieve[i]:
                sieve[i * i :: i] = bytes(len(range(i * i, size, i)))
        _BASE_PRIMES = list(itertools.compress(range(size), sieve))
    return _BASE_PRIMES


def segmented_sieve(lo: int, hi: int) -> bytearray:
    """``flags[i] == 1`` exactly when ``lo + i`` is prime, for ``lo <= lo + i < hi``.

    >>> [17 + i for i, f in enumerate(segmented_sieve(17, 30)) if f]
    [17, 19, 23, 29]
    """
    flags = bytearray([1]) * (hi - lo)
    for n in range(lo, min(hi, 2)):
        flags[n - lo] = 0
    span = hi - lo
    for p in _base_primes(math.isqrt(max(hi - 1, 1))):
        if p * p >= hi:
            break
        first = max(p * p, lo + (-lo % p))
        if first >= hi:
            continue
        if p >= span:  # at most one multiple in the window
            flags[first - lo] = 0
        else:
            flags[first - lo :: p] = bytes(len(range(first, hi, p)))
    return flags


#: OEIS A001262, strong pseudoprimes to base 2, below 10**5.
SPSP2 = (2047, 3277, 4033, 4681, 8321, 15841, 29341, 42799, 49141, 52633, 65281, 74665,
         80581, 85489, 88357, 90751)  # fmt: skip
#: OEIS A002997, Carmichael numbers, below 10**5.
CARMICHAEL = (561, 1105, 1729, 2465, 2821, 6601, 8911, 10585, 15841, 29341, 41041, 46657,
              52633, 62745, 63973, 75361)  # fmt: skip
#: Strong pseudoprimes to all prime bases up to the given bound, with their factors
#: (Jaeschke 1993; Arnault 1995).
BIG_SPSP = (
    (3825123056546413051, 23, (149491, 747451, 34233211)),
    (318665857834031151167461, 37, (399165290221, 798330580441)),
    (3317044064679887385961981, 41, (1287836182261, 2575672364521)),
)


def _strong_probable_prime(n: int, base: int) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    x = pow(base, d, n)
    if x in (1, n - 1):
        return True
    for _ in range(s - 1):
        x = x * x % n
        if x == n - 1:
            return True
    return False


def _primality_facts(**params: Any) -> Outcome:
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    is_prime = lib("is_prime")
    limit = 10**5
    flags = segmented_sieve(0, limit)
    spsp = [n for n in range(3, limit, 2) if not flags[n] and _strong_probable_prime(n, 2)]
    carmichael = []
    for n in range(3, limit, 2):
        if flags[n]:
            continue
        factors, m = [], n
        # The cache may hold far more primes than isqrt(n) (after a sweep near 10**12):
        # stop at sqrt(m), or this loop costs 78,000 divisions per n instead of ~60.
        for p in _base_primes(math.isqrt(n)):
            if p * p > m:
                break
            while m % p == 0:
                factors.append(p)
                m //= p
        if m > 1:
            factors.append(m)
        squarefree = len(set(factors)) == len(factors)
        if len(factors) > 1 and squarefree and all((n - 1) % (p - 1) == 0 for p in factors):
            carmichael.append(n)
    big_ok = all(
        math.prod(factors) == n
        and all(gmpy2.is_bpsw_prp(f) for f in factors)  # < 2^64: BPSW is a proof
        and all(_strong_probable_prime(n, b) for b in _base_primes(bound) if b <= bound)
        for n, bound, factors in BIG_SPSP
    )
    rejected = [n for n in (*SPSP2, *CARMICHAEL, *(b[0] for b in BIG_SPSP)) if is_prime(n)]
    facts = {
        "A001262 below 10^5 recomputed": tuple(spsp) == SPSP2,
        "A002997 below 10^5 recomputed (Korselt)": tuple(carmichael) == CARMICHAEL,
        "big strong pseudoprimes factor and pass the strong test": big_ok,
        "every pseudoprime rejected by is_prime": not rejected,
        "1257787 prime (the gmpy2 article)": is_prime(1257787),
        "2^127 - 1 prime, 2^67 - 1 = 193707721 * 761838257287 composite": is_prime(2**127 - 1)
        and not is_prime(2**67 - 1)
        and 193707721 * 761838257287 == 2**67 - 1,
    }
    failed = [name for name, ok in facts.items() if not ok]
    count = len(SPSP2) + len(CARMICHAEL) + len(BIG_SPSP)
    text = f"{count} pseudoprimes (A001262, A002997, Jaeschke/Arnault) rejected"
    if failed:
        text = f"pseudoprime facts FAILED: {failed}"
    return Outcome(not failed, text, facts=facts, accepted_pseudoprimes=rejected)


@range_check(
    "primality",
    claim="primes(lo, hi) agrees with a segmented sieve of Eratosthenes at every n, is_prime "
    "on a hashed sample of one n in library_every (every n with library_every=1), and "
    "is_prime rejects the known pseudoprimes",
    source="OEIS A000040, A001262, A002997; Jaeschke, Math. Comp. 61 (1993); GMP/BPSW",
    start=0,
    upto=10**6,
    chunk_size=2**20,  # near 10**15 a chunk costs ~20 ms whatever its size (the base primes)
    params={"library_every": LIBRARY_EVERY},
    facts=_primality_facts,
    min_start=0,
    validate=check_library_every,
)
def primality(lo: int, hi: int, library_every: int = LIBRARY_EVERY) -> ChunkResult:
    """Every n of ``[lo, hi)`` against a sieve, one case per n (counts do not depend on the
    chunking).

    Up to ``SIEVE_LIMIT`` (10**16): the numpy sieve of :mod:`numtheory.verify._sieve`, whose
    composites carry a factor checked by division and whose primes pass a strong base-2
    test, against the whole list ``primes(lo, hi)`` and ``is_prime`` on about one n in
    ``library_every`` (hashed). Beyond: :func:`_primality_per_n`, ``is_prime`` at every n.
    """
    import gmpy2  # deliberate: an independent second method, not numtheory._backend

    from numtheory.verify._sieve import SIEVE_LIMIT, primality_block

    is_prime = lib("is_prime")
    primes = lib("primes")
    result = ChunkResult(lo, hi)
    cut = max(lo, min(hi, SIEVE_LIMIT))
    if lo < cut:
        listed = primes(lo, cut)
        primality_block(result, lo, cut, library_every, is_prime, listed, gmpy2.is_strong_prp)
    _primality_per_n(result, cut, hi, is_prime, primes)
    return result


def _primality_per_n(
    result: ChunkResult,
    lo: int,
    hi: int,
    is_prime: Callable[[int], Any],
    primes: Callable[[int, int], Any],
) -> None:
    """Sieve ``[lo, hi)`` and compare every n with ``is_prime`` and with membership in the
    list ``primes(lo, hi)``, one n at a time."""
    if lo >= hi:
        return
    flags = segmented_sieve(lo, hi)
    listed = list(primes(lo, hi))
    in_list = set(listed)
    for i, flag in enumerate(flags):
        n = lo + i
        got = bool(is_prime(n))
        listed_here = n in in_list
        result.checked += 1
        if got != bool(flag) or listed_here != bool(flag):
            result.fail(n, sieve=bool(flag), is_prime=got, in_primes_list=listed_here)
    outside = sorted(p for p in in_list if not lo <= p < hi)
    if outside or len(listed) != len(in_list) or listed != sorted(listed):
        # primes() listed numbers outside [lo, hi), twice, or out of order: charge it to lo.
        result.fail(lo, primes_list_malformed=True, outside=outside[:5])
