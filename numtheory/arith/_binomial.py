"""Exact binomial coefficients on GMP, with the result size checked before GMP runs.

GMP aborts the whole interpreter (SIGABRT, no exception) when an allocation fails, so a
result too large for memory must be refused before the C call: ``binomial(2**40, 2**33)``
would need about 2**36 bits (8 GiB) for the result alone, and several times that while it
is computed. The estimate of log2 C(n, k) below is Stirling's, accurate to well under one
bit for the sizes it refuses.
"""

from __future__ import annotations

import math
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, check_nonnegative, show
from numtheory.errors import InputError

__all__ = ["binomial"]

#: GMP's mpz_bin_ui takes k as a C unsigned long; past that the result could not be stored.
_MAX_K = 2**64 - 1
#: Largest result computed, in bits: 2**32 bits is 512 MiB. Measured here, GMP's peak memory
#: is about 7 times the result (224 MB for C(2**28, 2**27), 2**28 bits, in 19 s), so the
#: ceiling needs about 4 GiB and some minutes: safe on a 24 GiB machine.
MAX_RESULT_BITS = 2**32


def result_bits(n: int, k: int) -> float:
    """Estimate of log2 C(n, k) for ``0 < k <= n / 2`` (Stirling; exact to O(1/k**3) bits).

    log2 C(n, k) = k log2(n / k) + (n - k) log2(1 + k / (n - k)) - log2(2 pi k (n - k) / n) / 2
    - (1/(12k) + 1/(12(n - k)) - 1/(12n)) / ln 2 + O(1/k**3), written so that it holds for
    n of any size (math.log2 takes big ints).
    """
    x = k / (n - k)  # Python's int / int is correctly rounded, also for huge ints
    tail = k * (math.log1p(x) / x if x > 0 else 1.0) / math.log(2)  # (n-k) log2(1 + x)
    head = k * (math.log2(n) - math.log2(k))
    spread = 0.5 * (math.log2(2 * math.pi * k) + math.log2(n - k) - math.log2(n))
    # next Stirling term, 1/(12m) per factorial: leaves an error of O(1/k**3) bits
    series = (1 / (12 * k) + 1 / (12 * (n - k)) - 1 / (12 * n)) / math.log(2)
    return head + tail - spread - series


def binomial(n: Any, k: Any) -> int:
    """Return the binomial coefficient C(n, k) exactly.

    Parameters
    ----------
    n : int
        Nonnegative integer, any size.
    k : int
        Nonnegative integer. ``C(n, k) = 0`` for ``k > n``, as :func:`math.comb`.

    Returns
    -------
    int
        C(n, k) = n! / (k! (n - k)!), exact (GMP ``mpz_bin_ui`` with ``min(k, n - k)``).

    Raises
    ------
    InputTypeError
        If ``n`` or ``k`` is not an integer.
    InputError
        If ``n < 0`` or ``k < 0``, or if the result would have more than
        ``MAX_RESULT_BITS`` = 2**32 bits (512 MiB; the message gives the estimated size).
        The check runs before GMP is called, because GMP aborts the interpreter when it
        runs out of memory.

    Examples
    --------
    >>> binomial(30, 15), binomial(5, 7)
    (155117520, 0)
    >>> binomial(2**40, 2**33)
    Traceback (most recent call last):
    ...
    numtheory.errors.InputError: binomial() result too large: C(n, k) would have about
    2**36.1 bits (8.44 GiB), over the ceiling of 2**32 bits (512 MiB); ...

    References
    ----------
    DLMF 26.3.1; OEIS A007318 (Pascal's triangle), A000984 (C(2n, n)).
    """
    n = as_int(n, "n")
    k = as_int(k, "k")
    check_nonnegative(n, "n", "binomial")
    check_nonnegative(k, "k", "binomial")
    if k > n:
        return 0
    k = min(k, n - k)
    if k == 0:
        return 1
    # k > 2**64 alone means over 2**64 bits; the float estimate is only needed below that
    bits = math.inf if k > _MAX_K else result_bits(n, k)
    if bits > MAX_RESULT_BITS:
        size = "over 2**64 bits" if bits == math.inf else _describe(bits)
        raise InputError(
            f"binomial() result too large: C(n, k) would have {size}, over the ceiling of "
            f"2**32 bits (512 MiB); n = {show(n)}, k = {show(k)}"
        )
    return _backend.comb(n, k)


def _describe(bits: float) -> str:
    gib = bits / 8 / 2**30
    amount = f"{gib:.3g} GiB" if gib < 1024 else f"{gib / 1024:.3g} TiB"
    return f"about 2**{math.log2(bits):.1f} bits ({amount})"
