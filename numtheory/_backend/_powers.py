"""Integer roots and perfect powers on GMP, for :mod:`numtheory.arith`: part of the backend
(:mod:`numtheory._backend` re-exports every name), kept apart so that each file stays small.
Each function takes and returns built-in ints; the argument checks are the caller's.
"""

from __future__ import annotations

import gmpy2 as _gmpy2

__all__ = [
    "iroot",
    "iroot_mpz",
    "is_power",
    "is_square",
    "is_square_mpz",
    "isqrt",
    "isqrt_mpz",
    "isqrt_rem",
]


def isqrt(n: int) -> int:
    """floor(sqrt(n)) for ``n >= 0`` (GMP mpz_sqrt)."""
    return int(_gmpy2.isqrt(n))


def isqrt_rem(n: int) -> tuple[int, int]:
    """``(s, n - s*s)`` with ``s = floor(sqrt(n))``, for ``n >= 0`` (GMP mpz_sqrtrem)."""
    s, r = _gmpy2.isqrt_rem(n)
    return int(s), int(r)


def iroot(n: int, k: int) -> tuple[int, bool]:
    """``(floor(n**(1/k)), exact)`` for ``n >= 0`` and ``1 <= k < 2**63`` (GMP mpz_root)."""
    root, exact = _gmpy2.iroot(n, k)
    return int(root), bool(exact)


def is_square(n: int) -> bool:
    """True when ``n`` is a perfect square (GMP mpz_perfect_square_p; False below 0)."""
    return bool(_gmpy2.is_square(n))


def is_power(n: int) -> bool:
    """True when ``n = r**k`` for some ``k >= 2`` (GMP mpz_perfect_power_p; 0, 1 included)."""
    return bool(_gmpy2.is_power(n))


#: The raw GMP calls, for the hot paths of numtheory.arith's isqrt/iroot/is_square: one
#: Python frame less than the wrappers above, which is a third of the time at 20 digits
#: (the functions take an int or mpz; the first two return mpz, hence the names).
isqrt_mpz = _gmpy2.isqrt
iroot_mpz = _gmpy2.iroot
is_square_mpz = _gmpy2.is_square
