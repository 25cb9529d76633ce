"""The vectorised body of the ``primality`` check: a numpy segmented sieve that keeps witnesses.

:func:`sieve_witnesses` marks each composite ``n`` of a window with one of its prime factors
(``p <= sqrt(n)``), the witness, instead of a bare flag. :func:`primality_block` then checks
every ``n`` of the window three ways, none of them trusting the sieve:

* each composite's witness divides it (``n % w == 0`` and ``1 < w < n``, vectorised): a
  composite verdict is proved, whatever went wrong in the sieve;
* each number the sieve left unmarked passes a strong probable-prime test to base 2 (gmpy2,
  about 0.5 us, one in ~35 numbers near 10**15): a sieve that forgot a prime factor shows up;
* the library: ``numtheory.primes(lo, hi)`` as a whole (compared number by number with the
  sieve) and ``numtheory.is_prime`` on the hashed sample of :func:`~._kernels.sampled` (one
  ``n`` in ``library_every``, the same whatever the chunking).

Windows ending above :data:`SIEVE_LIMIT` (10**16) go to the per-n code of
:mod:`numtheory.verify.checks_primes`: the base primes up to sqrt(10**16) = 10**8 (5.8
million, 46 MiB as int64) are the most a worker keeps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from numtheory.verify._kernels import first_failure, record_failures, sampled
from numtheory.verify.result import ChunkResult

__all__ = ["SIEVE_LIMIT", "base_primes", "primality_block", "sieve_witnesses"]

#: Windows up to here are sieved with numpy; from here on the per-n Python code runs.
SIEVE_LIMIT = 10**16

#: Primes below this are crossed off by slices (many multiples each); the rest, which have a
#: few multiples per window at most, by one vectorised scatter.
_SLICED_BELOW = 2**12

#: Most multiples scattered at once (bounds the temporary index arrays: 32 MiB).
_SCATTER = 2**22

Array = Any

_cache: Array = np.zeros(0, dtype=np.int64)
_cache_limit = 0

#: The cache never grows past what a window below SIEVE_LIMIT needs (doubling from 6 * 10**7
#: would otherwise sieve to 1.2 * 10**8 and keep 7 million primes instead of 5.8).
_CACHE_MOST = math.isqrt(SIEVE_LIMIT - 1)


def base_primes(limit: int) -> Array:
    """The primes ``<= limit`` as an int64 array (odd-only sieve, cached per process, grown
    at least twofold when a bigger limit is asked for, but not past sqrt(SIEVE_LIMIT)
    unless asked).

    >>> base_primes(30).tolist()
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    """
    global _cache, _cache_limit
    if limit > _cache_limit:
        size = max(limit, min(max(2 * _cache_limit, 1000), _CACHE_MOST))
        odd = np.ones((size - 1) // 2 + 1, dtype=bool)  # odd[i]: is 2i + 1 prime
        odd[0] = False
        for i in range(1, (math.isqrt(size) - 1) // 2 + 1):
            if odd[i]:
                p = 2 * i + 1
                odd[p * p // 2 :: p] = False
        _cache = np.concatenate(([2], 2 * np.flatnonzero(odd) + 1)).astype(np.int64)
        _cache_limit = size
    return _cache[: np.searchsorted(_cache, limit, side="right")]


def sieve_witnesses(lo: int, hi: int) -> Array:
    """``w[i]``: a prime factor of ``lo + i`` at most its square root when it is composite,
    else 0 (primes, 0 and 1), for ``0 <= lo <= hi <= SIEVE_LIMIT``.

    >>> sieve_witnesses(0, 12).tolist()
    [0, 0, 0, 0, 2, 0, 2, 0, 2, 3, 2, 0]
    """
    span = hi - lo
    witness = np.zeros(span, dtype=np.int64)
    if span <= 0 or hi <= 4:
        return witness
    ps = base_primes(math.isqrt(hi - 1))
    first = np.maximum(ps * ps, lo + (ps - lo % ps) % ps)
    keep = first < hi
    ps, first = ps[keep], first[keep]
    sliced = ps < _SLICED_BELOW
    _scatter(witness, lo, hi, ps[~sliced], first[~sliced])
    # Sliced last and largest first, so each composite ends with its smallest factor below
    # _SLICED_BELOW when it has one (any factor would do: the witness is checked by division).
    for p, f in zip(ps[sliced][::-1].tolist(), first[sliced][::-1].tolist(), strict=True):
        witness[f - lo :: p] = p
    return witness


def _scatter(witness: Array, lo: int, hi: int, ps: Array, first: Array) -> None:
    """Write ``p`` at every multiple of each ``p`` from ``first`` on, a bounded batch at a time."""
    counts = (hi - 1 - first) // ps + 1
    ends = np.cumsum(counts)
    begin = 0
    while begin < ps.size:
        # As many primes as keep the batch under _SCATTER multiples (at least one prime).
        base = int(ends[begin - 1]) if begin else 0
        end = max(begin + 1, int(np.searchsorted(ends, base + _SCATTER, side="right")))
        c = counts[begin:end]
        total = int(c.sum())
        step = np.repeat(ps[begin:end], c)
        offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
        witness[np.repeat(first[begin:end] - lo, c) + offset * step] = step
        begin = end


def primality_block(
    result: ChunkResult,
    lo: int,
    hi: int,
    library_every: int,
    is_prime: Callable[[int], Any],
    listed: Iterable[int],
    strong_prp: Callable[[int, int], Any],
) -> None:
    """Check every ``lo <= n < hi`` (``hi <= SIEVE_LIMIT``) as the module docstring says;
    ``listed`` is ``numtheory.primes(lo, hi)``, ``strong_prp(n, 2)`` the strong test
    (``gmpy2.is_strong_prp``, given by the caller, which imports gmpy2 deliberately)."""
    span = hi - lo
    n = np.arange(span, dtype=np.int64) + lo
    witness = sieve_witnesses(lo, hi)
    composite = witness > 0
    divisor = np.where(composite, witness, 1)
    proved = (n % divisor == 0) & (divisor > 1) & (divisor < n)
    sieve_prime = ~composite & (n >= 2)
    candidates = n[sieve_prime].tolist()
    strong = np.ones(span, dtype=bool)
    strong[sieve_prime] = [bool(strong_prp(x, 2)) for x in candidates]
    bad = (composite & ~proved) | (sieve_prime & ~strong)

    ints = [int(p) for p in listed]
    inside = [p for p in ints if lo <= p < hi]
    in_list = np.zeros(span, dtype=bool)
    if inside:
        in_list[np.array(inside, dtype=np.int64) - lo] = True
    bad |= in_list != sieve_prime

    mask = sampled(n.astype(np.uint64), library_every)
    at = np.flatnonzero(mask)  # a few indices: cheaper than boolean-mask reads and writes
    if at.size:
        got = np.array([bool(is_prime(x)) for x in n[at].tolist()], dtype=bool)
        bad[at] |= got != sieve_prime[at]
    result.checked += span
    count, i, _ = first_failure(bad)
    if count:
        m = int(n[i])
        record_failures(
            result, count, m,
            {"sieve": bool(sieve_prime[i]), "witness": int(witness[i]) or None,
             "strong_prp_2": bool(strong[i]) if sieve_prime[i] else None,
             "in_primes_list": bool(in_list[i]), "is_prime": bool(is_prime(m)),
             "is_prime_sampled": bool(mask[i])},
        )  # fmt: skip
    if len(inside) != len(ints) or len(set(ints)) != len(ints) or ints != sorted(ints):
        # primes() listed numbers outside [lo, hi), twice, or out of order: charge it to lo.
        outside = sorted(p for p in ints if not lo <= p < hi)
        result.fail(lo, primes_list_malformed=True, outside=outside[:5])
