"""numpy kernels of the vectorised built-in range checks (valuations, carries, samples).

Every kernel works on ``uint64`` arrays of numbers below :data:`VECTOR_LIMIT` (2**63): all
intermediate values (``n >> i``, ``n // p**i``, digit sums, ``n - k``) are at most ``n``, so
nothing wraps. The checks switch to their per-n Python code (gmpy2, exact at any size) at
``VECTOR_LIMIT``; see :mod:`numtheory.verify.checks_valuations`.

The two methods each check compares are written from different arithmetic on purpose:
Legendre's sum divides ``n`` by each power ``p**i`` directly, the digit sum peels base-p
digits one at a time, the popcount adds bit fields (SWAR), and the carry count adds two
numbers digit by digit. A slip in one kernel therefore shows up as a disagreement.

Nothing here is public API; numpy is imported at module import (this module is imported only
inside the chunk functions, never by ``import numtheory``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from numtheory.verify._ranges import VECTOR_LIMIT  # from here on: the per-n Python code
from numtheory.verify.result import ChunkResult

__all__ = [
    "BLOCK",
    "VECTOR_LIMIT",
    "blocks",
    "carries",
    "digit_sum",
    "first_failure",
    "legendre_sum",
    "pair_blocks",
    "pair_key",
    "popcount",
    "record_failures",
    "sample_residue",
    "sampled",
    "sampled_int",
]


#: Numbers per array a kernel works on: 2**13 uint64 is 64 KiB, under glibc's 128 KiB mmap
#: threshold, so the temporaries come from the heap. Dask's nanny starts workers with
#: MALLOC_TRIM_THRESHOLD_=65536, which also freezes that threshold: 128 KiB arrays (2**14)
#: were then mmap'ed and unmapped at every operation, 2-3x slower in a Dask worker than in a
#: local one (measured 2026-12-02). 2**13 to 2**15 ran equally well otherwise; 2**16 and up
#: 1.5-3x slower (out of L2). It also bounds a chunk's memory.
BLOCK = 2**13

Array = Any  # numpy.ndarray of uint64 (numpy's own typing adds nothing checkable here)

_M1 = np.uint64(0x5555555555555555)
_M2 = np.uint64(0x3333333333333333)
_M4 = np.uint64(0x0F0F0F0F0F0F0F0F)
_H01 = np.uint64(0x0101010101010101)

#: Multipliers of the sampling hash (odd 64-bit constants: Fibonacci hashing, splitmix64).
_GOLDEN = 0x9E3779B97F4A7C15
_MIX = 0xBF58476D1CE4E5B9
_MASK64 = 2**64 - 1


def blocks(lo: int, hi: int, size: int = BLOCK) -> Iterator[Array]:
    """``uint64`` arrays of ``lo <= n < hi`` (``hi <= VECTOR_LIMIT``), ``size`` at a time.

    >>> [b.tolist() for b in blocks(3, 8, size=2)]
    [[3, 4], [5, 6], [7]]
    """
    for start in range(lo, hi, size):
        count = min(size, hi - start)
        # arange in uint64 from 0, then an offset: np.arange(big_lo, ...) would go via int64.
        yield np.arange(count, dtype=np.uint64) + np.uint64(start)


def popcount(n: Array) -> Array:
    """Number of 1 bits of each element (SWAR bit-field sums; no table, no loop).

    >>> popcount(np.array([0, 1, 7, 2**63 - 1], dtype=np.uint64)).tolist()
    [0, 1, 3, 63]
    """
    x = n - ((n >> np.uint64(1)) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return (x * _H01) >> np.uint64(56)  # uint64 multiply wraps by design: the top byte sums


def legendre_sum(n: Array, p: int) -> Array:
    """Legendre's sum v_p(n!) = sum over i >= 1 of floor(n / p**i), each power divided directly.

    >>> legendre_sum(np.array([10, 100], dtype=np.uint64), 5).tolist()
    [2, 24]
    """
    total = np.zeros_like(n)
    top = int(n.max()) if n.size else 0
    power = p
    quotient = np.empty_like(n)
    while power <= top:
        if p == 2:
            np.right_shift(n, np.uint64(power.bit_length() - 1), out=quotient)
        else:
            np.floor_divide(n, np.uint64(power), out=quotient)
        total += quotient
        power *= p
    return total


def digit_sum(n: Array, p: int) -> Array:
    """Sum of the base-``p`` digits of each element, peeled one digit at a time.

    Base 2 is the popcount (bit-field sums, still another arithmetic than Legendre's shifts).

    >>> digit_sum(np.array([0, 10, 255], dtype=np.uint64), 3).tolist()
    [0, 2, 3]
    """
    if p == 2:
        return popcount(n)
    total = np.zeros_like(n)
    top = int(n.max()) if n.size else 0
    if not top:
        return total
    if p > top:  # one digit each (and np.uint64(p) would overflow for a prime p >= 2**64)
        return n.copy()
    base = np.uint64(p)
    rest = n.copy()
    quotient, digit = np.empty_like(n), np.empty_like(n)
    for _ in range(_digits(top, p)):  # a fixed count: no reduction over the array per digit
        np.floor_divide(rest, base, out=quotient)
        np.multiply(quotient, base, out=digit)  # out=: no temporary arrays in the loop
        np.subtract(rest, digit, out=digit)
        total += digit
        rest, quotient = quotient, rest
    return total


def _digits(top: int, p: int) -> int:
    """Number of base-``p`` digits of ``top >= 1``."""
    count = 0
    while top:
        top //= p
        count += 1
    return count


def carries(a: Array, b: Array, p: int) -> Array:
    """Number of carries when adding ``a`` and ``b`` digit by digit in base ``p``.

    >>> carries(np.array([7, 15], dtype=np.uint64), np.array([1, 15], dtype=np.uint64), 2).tolist()
    [3, 4]
    """
    carry = np.zeros_like(a)
    count = np.zeros_like(a)
    if p > _MASK64:  # a, b < 2**63, so a + b < 2**64 <= p: no carry (np.uint64(p) overflows)
        return count
    base = np.uint64(p)
    a, b = a.copy(), b.copy()
    qa, qb = np.empty_like(a), np.empty_like(b)
    while a.any() or b.any() or carry.any():
        np.floor_divide(a, base, out=qa)
        np.floor_divide(b, base, out=qb)
        digits = (a - qa * base) + (b - qb * base) + carry
        carry = (digits >= base).astype(np.uint64)
        count += carry
        a, qa = qa, a
        b, qb = qb, b
    return count


def _hash(keys: Array) -> Array:
    h = keys * np.uint64(_GOLDEN)  # wraps mod 2**64 by design
    h ^= h >> np.uint64(31)
    h *= np.uint64(_MIX)
    return h >> np.uint64(40)


def sampled(keys: Array, every: int) -> Array:
    """Boolean mask: which cases the library is called on, about one in ``every``.

    Decided by a hash of the case's own key (its ``n``, or a pair's key), never by its place
    in a chunk, so the same cases are sampled whatever the chunk size. ``every=1``: all.

    >>> mask = sampled(np.arange(100_000, dtype=np.uint64), 100)
    >>> 800 < int(mask.sum()) < 1200, bool(sampled(np.arange(5, dtype=np.uint64), 1).all())
    (True, True)
    """
    if every <= 1:
        return np.ones(keys.shape, dtype=bool)
    return sample_residue(keys, every) == 0


def sample_residue(keys: Array, every: int) -> Array:
    """The hash of each key mod ``every``: :func:`sampled` is ``residue == 0``, and a check
    with several cases per key (``legendre``: one per prime) samples case ``j`` where
    ``residue == j % every``, one case in ``every`` without hashing each case.

    >>> keys = np.arange(10_000, dtype=np.uint64)
    >>> r = sample_residue(keys, 4)
    >>> sorted(set(r.tolist())), bool(((r == 0) == sampled(keys, 4)).all())
    ([0, 1, 2, 3], True)
    """
    if every <= 1:
        return np.zeros(keys.shape, dtype=np.uint64)
    return _hash(keys) % np.uint64(every)


def sampled_int(key: int, every: int) -> bool:
    """:func:`sampled` for one key (any size: reduced mod 2**64 as the arrays wrap).

    >>> keys = np.arange(1000, dtype=np.uint64)
    >>> [sampled_int(k, 7) for k in range(1000)] == sampled(keys, 7).tolist()
    True
    """
    if every <= 1:
        return True
    h = (key * _GOLDEN) & _MASK64
    h ^= h >> 31
    h = (h * _MIX) & _MASK64
    return (h >> 40) % every == 0


def pair_key(n: Array, k: Array) -> Array:
    """The sampling key of a pair (n, k) (wrapping arithmetic: a hash input, not an index)."""
    return n * np.uint64(_MIX) + k


def pair_blocks(lo: int, hi: int, size: int = BLOCK) -> Iterator[tuple[Array, Array]]:
    """Arrays ``(n, k)`` of every pair ``lo <= n < hi``, ``0 <= k <= n``, in order (n, then k),
    at most ``size`` pairs at a time (one n's pairs are split when it has more).

    >>> [(n.tolist(), k.tolist()) for n, k in pair_blocks(1, 3, size=4)]
    [([1, 1, 2, 2], [0, 1, 0, 1]), ([2], [2])]
    """
    n, k = lo, 0
    while n < hi:
        # Whole n's that fit, from (n, k) on.
        counts: list[int] = []
        taken = 0
        m, first_k = n, k
        while m < hi and taken < size:
            room = min(m + 1 - (first_k if m == n else 0), size - taken)
            counts.append(room)
            taken += room
            if room < m + 1 - (first_k if m == n else 0):
                break
            m += 1
        ns = np.repeat(np.arange(len(counts), dtype=np.uint64) + np.uint64(n), counts)
        starts = np.cumsum([0, *counts[:-1]])
        ks = np.arange(taken, dtype=np.uint64) - np.repeat(starts, counts).astype(np.uint64)
        ks[: counts[0]] += np.uint64(first_k)
        yield ns, ks
        last_n, last_k = int(ns[-1]), int(ks[-1])
        n, k = (last_n + 1, 0) if last_k == last_n else (last_n, last_k + 1)


def first_failure(bad: Array) -> tuple[int, int, int]:
    """``(count, i, j)`` for a mask of failed cases: how many, and where the first is, the
    smallest ``n`` (column ``i``) and then the first row ``j`` (the order of ``primes``, as
    the per-n code loops; ``j = 0`` for a 1-D mask). ``count == 0``: nothing failed.

    >>> first_failure(np.array([[False, False, True], [False, True, True]]))
    (3, 1, 1)
    >>> first_failure(np.zeros(4, dtype=bool))
    (0, 0, 0)
    """
    count = int(np.count_nonzero(bad))
    if not count:
        return 0, 0, 0
    if bad.ndim == 1:
        return count, int(np.argmax(bad)), 0
    i = int(np.argmax(bad.any(axis=0)))
    return count, i, int(np.argmax(bad[:, i]))


def record_failures(result: ChunkResult, count: int, n: int, evidence: dict[str, Any]) -> None:
    """Add ``count >= 1`` failures to ``result`` whose first (smallest) case is ``n``."""
    result.failures += count - 1
    result.fail(n, **evidence)
