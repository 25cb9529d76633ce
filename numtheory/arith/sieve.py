"""Primes in a window [start, stop): a segmented sieve of Eratosthenes, then BPSW.

The window is cut into segments of odd numbers held in a ``bytearray``; each segment is
sieved by the odd primes up to a limit L, crossing out multiples with strided slice
assignment (a C loop). A survivor below (L + 1)**2 is prime. A survivor above it has no
prime factor up to L and is tested with BPSW (exact below 2**64).

L is chosen per segment by cost: sieving with one more prime costs about 0.6 microseconds
of Python, and saves the BPSW tests of the survivors it would cross out, which cost more as
the numbers grow (0.6 microseconds at 20 digits, 30 at 100, 12 ms at 1000); sieving all
the way to sqrt(stop) is chosen when it is cheaper than testing the survivors, since then
no survivor needs a test. So below about 10**11 the sieve is complete, near 10**12 it
stops at ~40,000 and leaves 1 odd number in 10 for BPSW, and near 10**100 it sieves by
primes up to ~190,000 (for a window of 10**5) or a few million (wider windows). No
primesieve dependency (it has no wheel for this Python: docs/architecture.md, "Known
pitfalls").
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from itertools import compress

from numtheory import _backend

__all__ = ["count_in_window", "primes_in_window"]

#: Odd numbers per segment: a 512 KiB bytearray, a span of about a million integers.
_SEGMENT_ODDS = 1 << 19
#: Largest sieving prime we ever use (the table of odd primes up to it takes ~0.1 s once).
_MAX_SIEVE_LIMIT = 1 << 23
#: Python cost of sieving one segment with one prime, in microseconds (measured).
_SIEVE_STEP_US = 0.6

_odd_primes_cache: list[int] = []
_odd_primes_limit = 0


def _odd_primes_upto(limit: int) -> list[int]:
    """Odd primes <= limit (cached; grows by doubling so repeated calls stay cheap)."""
    global _odd_primes_cache, _odd_primes_limit
    if limit > _odd_primes_limit:
        size = max(limit, 2 * _odd_primes_limit, 1 << 16)
        flags = bytearray(b"\x01") * (size // 2 + 1)  # index i <-> 2i + 1
        flags[0] = 0
        for i in range(1, (math.isqrt(size) - 1) // 2 + 1):
            if flags[i]:
                p = 2 * i + 1
                start = p * p // 2
                flags[start::p] = bytes(len(range(start, len(flags), p)))
        _odd_primes_cache = [2 * i + 1 for i in compress(range(len(flags)), flags)]
        _odd_primes_limit = size
    if limit >= _odd_primes_limit:
        return _odd_primes_cache
    return _odd_primes_cache[: bisect.bisect_right(_odd_primes_cache, limit)]


def _test_cost_us(bits: int) -> float:
    """Cost of one BPSW test of a sieve survivor, Python call included, in microseconds."""
    return max(0.6, 30.0 * math.pow(bits / 332.0, 2.6))


def _sieve_limit(hi: int, count: int) -> int:
    """Sieving limit for a segment of ``count`` odd numbers below ``hi`` (see module doc)."""
    exact = math.isqrt(hi - 1)
    test = _test_cost_us(hi.bit_length())
    # Marginal rule: sieving with p pays while p*ln(p) < 1.12 * count * test / step.
    x = 1.12 * count * test / _SIEVE_STEP_US
    limit = int(x / max(1.0, math.log(x))) if x > 3 else 3
    limit = max(3, min(limit, _MAX_SIEVE_LIMIT))
    if limit < exact <= _MAX_SIEVE_LIMIT:
        # Sieving up to sqrt(hi) also makes every survivor a proven prime, saving all the
        # tests at once (Mertens: about 1.12 * count / ln(limit) survivors would remain).
        cost_exact = exact / math.log(exact) * _SIEVE_STEP_US
        cost_partial = limit / math.log(limit) * _SIEVE_STEP_US
        cost_partial += 1.12 * count / math.log(limit) * test
        if cost_exact <= cost_partial:
            return exact
    return max(3, min(exact, limit))


def _segments(start: int, stop: int) -> Iterator[tuple[int, bytearray, int, int]]:
    """Yield ``(lo, flags, count, sure)`` for the odd numbers in [start, stop), start >= 3.

    ``flags[i]`` is 1 when ``lo + 2*i`` survived sieving; survivors with ``i < sure`` are
    prime; survivors from ``sure`` on still need a probable-prime test.
    """
    lo = start | 1
    while lo < stop:
        hi = min(stop, lo + 2 * _SEGMENT_ODDS)
        count = (hi - lo + 1) // 2
        limit = _sieve_limit(hi, count)
        flags = bytearray(b"\x01") * count
        for p in _odd_primes_upto(limit):
            square = p * p
            if square >= hi:
                break
            if square >= lo:
                first = square
            else:
                first = lo + (-lo) % p
                if not first & 1:
                    first += p
            i = (first - lo) >> 1
            if i < count:
                flags[i::p] = bytes((count - 1 - i) // p + 1)
        bound = (limit + 1) ** 2  # survivors below this are prime
        sure = count if hi <= bound else max(0, min(count, (bound - lo + 1) // 2))
        yield lo, flags, count, sure
        lo = hi if hi & 1 else hi + 1


def primes_in_window(start: int, stop: int) -> Iterator[int]:
    """Primes p with start <= p < stop, in increasing order (validated ints)."""
    if stop <= 2 or start >= stop:
        return
    if start <= 2:
        yield 2
        start = 3
    test = _backend.is_probable_prime
    for lo, flags, count, sure in _segments(start, stop):
        yield from compress(range(lo, lo + 2 * sure, 2), flags[:sure])
        if sure < count:
            candidates = compress(range(lo + 2 * sure, lo + 2 * count, 2), flags[sure:])
            yield from filter(test, candidates)


def count_in_window(start: int, stop: int) -> int:
    """Number of primes p with start <= p < stop (validated ints)."""
    if stop <= 2 or start >= stop:
        return 0
    total = 0
    if start <= 2:
        total, start = 1, 3
    test = _backend.is_probable_prime
    for lo, flags, count, sure in _segments(start, stop):
        total += flags.count(1, 0, sure)
        if sure < count:
            candidates = compress(range(lo + 2 * sure, lo + 2 * count, 2), flags[sure:])
            total += sum(1 for _ in filter(test, candidates))
    return total
