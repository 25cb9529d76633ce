"""Exact binomial coefficients on GMP."""

from __future__ import annotations

from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, check_nonnegative, show
from numtheory.errors import InputError

__all__ = ["binomial"]

#: GMP's mpz_bin_ui takes k as a C unsigned long; past that the result could not be stored.
_MAX_K = 2**64 - 1


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
        If ``n < 0`` or ``k < 0``, or if ``min(k, n - k) >= 2**64`` (the result would have
        more than 2**64 bits).

    Examples
    --------
    >>> binomial(30, 15), binomial(5, 7)
    (155117520, 0)

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
    if k > _MAX_K:
        raise InputError(
            f"binomial() result too large to compute: min(k, n-k) = {show(k)} >= 2**64"
        )
    return _backend.comb(n, k)
