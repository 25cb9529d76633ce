"""The vectorised bodies of ``central-binomial-2adic``, ``legendre`` and ``kummer``.

Each function adds the cases of ``lo <= n < hi`` (all below :data:`~._kernels.VECTOR_LIMIT`)
to a :class:`~numtheory.verify.result.ChunkResult`, block by block:

* two numpy methods on every case (see :mod:`numtheory.verify._kernels`), compared with the
  claim;
* the library function under test on the cases :func:`~._kernels.sampled` picks (about one
  in ``library_every``, chosen by a hash of the case, so the same cases whatever the chunking),
  because one Python call (1-7 us) costs more than the numpy work on a hundred cases;
* the failing case with the smallest ``n`` (then ``k``, then the order of ``primes``, as the
  per-n code loops) is recorded with every method's value, the library's included (called
  there if the sample had not picked it).

The callers in :mod:`numtheory.verify.checks_valuations` run the per-n Python code below
``exact_upto`` (where the exact binomial or factorial is built) and from ``VECTOR_LIMIT`` on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from numtheory.verify._kernels import (
    blocks,
    carries,
    digit_sum,
    first_failure,
    legendre_sum,
    pair_blocks,
    pair_key,
    popcount,
    record_failures,
    sample_residue,
    sampled,
)
from numtheory.verify.result import ChunkResult

__all__ = ["central_binomial_block", "kummer_block", "legendre_block"]

Array = Any

_U64_MAX = 2**64 - 1


def _library_disagrees(
    library: Callable[..., Any], picks: Sequence[tuple[int, ...]], expected: Array
) -> Array:
    """Whether the library's value differs from ``expected`` at each picked case.

    Compared as Python values, as the per-n code compares them: converting the library's
    answers to an integer array first would truncate a wrong 3.5 to a right 3, and raise
    instead of failing on a wrong value of 2**64 or on None.
    """
    wanted = expected.tolist()
    return np.array(
        [library(*args) != want for args, want in zip(picks, wanted, strict=True)],
        dtype=bool,
    )


def _divmod(spread: Array, d: int) -> tuple[Array, Array]:
    """``divmod(spread, d)`` elementwise; a ``d >= 2**64`` (a huge prime's p - 1) exceeds
    every uint64 value, so the quotient is 0 (np.uint64(d) would overflow)."""
    if d > _U64_MAX:
        return np.zeros_like(spread), spread.copy()
    return np.divmod(spread, np.uint64(d))


def central_binomial_block(
    result: ChunkResult, lo: int, hi: int, library_every: int, library: Callable[..., Any]
) -> None:
    """v2(C(2n, n)) = popcount(n): Legendre's sum n - v2(n!) vs a SWAR popcount, + library.

    (v2((2n)!) = n + v2(n!), so Legendre's v2((2n)!) - 2 v2(n!) is n - v2(n!), which needs no
    2n and so stays exact up to 2**64.)
    """
    for n in blocks(lo, hi):
        pop = popcount(n)
        legendre = n - legendre_sum(n, 2)
        bad = legendre != pop
        mask = sampled(n, library_every)
        at = np.flatnonzero(mask)  # a few indices: cheaper than boolean-mask reads and writes
        if at.size:
            bad[at] |= _library_disagrees(library, [(x,) for x in n[at].tolist()], pop[at])
        result.checked += int(n.size)
        count, i, _ = first_failure(bad)
        if count:
            m = int(n[i])
            record_failures(
                result, count, m,
                {"popcount": int(pop[i]), "legendre": int(legendre[i]),
                 "library": library(m), "library_sampled": bool(mask[i])},
            )  # fmt: skip


def legendre_block(
    result: ChunkResult,
    lo: int,
    hi: int,
    primes: tuple[int, ...],
    library_every: int,
    library: Callable[..., Any],
) -> None:
    """v_p(n!): Legendre's sum (direct divisions by p**i) vs (n - s_p(n)) / (p - 1) (digits
    peeled one by one), for each p, + the library on the sample."""
    for n in blocks(lo, hi):
        # Case (n, primes[j]) is sampled where hash(n) = j mod library_every: one case in
        # library_every, not one n with all its primes (9 calls of ~6 us together).
        residue = sample_residue(n, library_every)
        bad = np.zeros((len(primes), n.size), dtype=bool)
        sums, formulas, masks = [], [], []
        for j, p in enumerate(primes):
            total = legendre_sum(n, p)
            spread = n - digit_sum(n, p)  # s_p(n) <= n: no wrap
            formula, remainder = _divmod(spread, p - 1)
            bad[j] = (remainder != 0) | (total != formula)
            mask = residue == np.uint64(j % library_every)
            at = np.flatnonzero(mask)
            if at.size:
                picks = [(x, p) for x in n[at].tolist()]
                bad[j, at] |= _library_disagrees(library, picks, total[at])
            sums.append(total)
            formulas.append(formula)
            masks.append(mask)
        result.checked += len(primes) * int(n.size)
        count, i, j = first_failure(bad)
        if count:
            m, p = int(n[i]), primes[j]
            record_failures(
                result, count, m,
                {"p": p, "legendre_sum": int(sums[j][i]), "digit_formula": int(formulas[j][i]),
                 "library": library(m, p), "library_sampled": bool(masks[j][i])},
            )  # fmt: skip


def kummer_block(
    result: ChunkResult,
    lo: int,
    hi: int,
    primes: tuple[int, ...],
    library_every: int,
    library: Callable[..., Any],
) -> None:
    """v_p(C(n, k)) for every 0 <= k <= n: carries of k + (n - k) digit by digit vs Legendre's
    v_p(n!) - v_p(k!) - v_p((n-k)!), for each p, + the library on the sample of pairs."""
    for n, k in pair_blocks(lo, hi):
        rest = n - k
        mask = sampled(pair_key(n, k), library_every)
        at = np.flatnonzero(mask)
        picked = list(zip(n[at].tolist(), k[at].tolist(), strict=True))
        bad = np.zeros((len(primes), n.size), dtype=bool)
        counted, legendres = [], []
        for j, p in enumerate(primes):
            carried = carries(k, rest, p)
            legendre = legendre_sum(n, p) - legendre_sum(k, p) - legendre_sum(rest, p)
            bad[j] = carried != legendre
            if picked:
                picks = [(a, b, p) for a, b in picked]
                bad[j, at] |= _library_disagrees(library, picks, carried[at])
            counted.append(carried)
            legendres.append(legendre)
        result.checked += len(primes) * int(n.size)
        count, i, j = first_failure(bad)
        if count:
            m, kk, p = int(n[i]), int(k[i]), primes[j]
            record_failures(
                result, count, m,
                {"k": kk, "p": p, "carries": int(counted[j][i]),
                 "legendre": int(legendres[j][i]), "library": library(m, kk, p),
                 "library_sampled": bool(mask[i])},
            )  # fmt: skip
