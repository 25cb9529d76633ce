"""The one module that imports gmpy2 and python-flint.

Everything else in numtheory asks this module for big-integer primitives, so the choice of
the fastest library for each job is made (and measured, see ``scripts/bench_integers.py``)
in one place. Functions here take and return built-in ``int``/``bool`` unless their name says
otherwise (``mpz``, ``fmpz``); conversions are cheap (under 2 microseconds for 1000 digits).
"""

from __future__ import annotations

import flint
import gmpy2
from gmpy2 import mpz

__all__ = [
    "bit_scan1",
    "comb",
    "flint",
    "fmpz",
    "gmpy2",
    "is_probable_prime",
    "mpz",
    "popcount",
]

fmpz = flint.fmpz


def popcount(n: int) -> int:
    """Number of 1 bits of ``n >= 0`` (GMP mpz_popcount)."""
    return int(gmpy2.popcount(mpz(n)))


def bit_scan1(n: int) -> int:
    """Index of the lowest 1 bit of ``n != 0``, i.e. the 2-adic valuation (GMP mpz_scan1)."""
    return int(gmpy2.bit_scan1(mpz(n)))


def comb(n: int, k: int) -> int:
    """Exact binomial coefficient C(n, k) for 0 <= k <= n (GMP mpz_bin_ui)."""
    return int(gmpy2.comb(mpz(n), k))


def is_probable_prime(n: int) -> bool:
    """BPSW probable-prime test (exact below 2**64; no known counterexample above)."""
    return bool(gmpy2.is_bpsw_prp(mpz(n))) if n > 1 else False
