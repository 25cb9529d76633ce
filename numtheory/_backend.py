"""The one module that imports gmpy2 and python-flint.

Everything else in numtheory asks this module for big-integer primitives, so the choice of
the fastest library for each job is made (and measured, see ``scripts/bench_integers.py``)
in one place. Functions here take and return built-in ``int``/``bool`` unless their name says
otherwise (``mpz``, ``fmpz``); conversions are cheap (under 2 microseconds for 1000 digits).

Choices, measured on the project machine (``scripts/bench_integers.py``, numtheory-anchors.md):

* Probable-prime test: FLINT's ``fmpz_is_probabprime`` beat ``gmpy2.is_prime`` and
  ``gmpy2.is_bpsw_prp`` at every size tried (19 to 3000 digits; 0.6 vs 3.4 microseconds at
  19 digits, 36 vs 41 ms at 1000). Below 2**64 it is FLINT's ``n_is_prime`` (exact, checked
  against the Feitsma-Galway tables); above, trial division, a square test, a strong
  base-2 test and a Lucas-Selfridge test: BPSW (Baillie-Wagstaff 1980).
* next/prev prime: GMP 6.3's ``mpz_nextprime``/``mpz_prevprime`` (a sieve over the gap, then
  GMP's BPSW plus one Miller-Rabin round on the survivors).
* Factoring: FLINT's ``fmpz_factor`` (trial division, rho, ECM, SIQS); it proves every
  factor prime with ``fmpz_is_prime``.
* Primality proof: FLINT's ``fmpz_is_prime`` (n-1/n+1 methods, then APR-CL).
"""

from __future__ import annotations

import flint
import gmpy2
from gmpy2 import mpz

__all__ = [
    "bit_scan1",
    "comb",
    "decimal",
    "digit_sum",
    "factor",
    "flint",
    "fmpz",
    "gmpy2",
    "is_probable_prime",
    "is_proven_prime",
    "mpz",
    "next_prime",
    "num_digits",
    "popcount",
    "prev_prime",
    "remove",
]

fmpz = flint.fmpz

#: Bases for which GMP's mpz_get_str (through gmpy2.digits) gives the base-p digits.
_MAX_GMP_BASE = 62
#: Digit chunks below this size are summed with a plain loop (one divmod per digit).
_LEAF_BITS = 512


def popcount(n: int) -> int:
    """Number of 1 bits of ``n >= 0``.

    ``int.bit_count`` is faster than converting to mpz for GMP's popcount (anchors, 3a).
    """
    return n.bit_count()


def bit_scan1(n: int) -> int:
    """Index of the lowest 1 bit of ``n != 0``, i.e. the 2-adic valuation (GMP mpz_scan1)."""
    return int(gmpy2.bit_scan1(mpz(n)))


def remove(n: int, p: int) -> int:
    """Exponent of ``p >= 2`` in ``n != 0`` (GMP mpz_remove; never builds a quotient in Python)."""
    if p == 2:
        return bit_scan1(n)
    return int(gmpy2.remove(mpz(n), p)[1])


def digit_sum(n: int, p: int) -> int:
    """Sum of the base-``p`` digits of ``n >= 0``, for ``p >= 2``, in subquadratic time.

    Base 2 is a popcount. Bases up to 62 use GMP's divide-and-conquer radix conversion
    (``gmpy2.digits``) and count each digit character in C. Larger bases split ``n`` by
    ``p**(2**j)`` recursively (GMP divisions are subquadratic) and loop only over
    machine-sized leaves.
    """
    if p == 2:
        return n.bit_count()
    if n < p:
        return n
    if p <= _MAX_GMP_BASE:
        text = gmpy2.digits(mpz(n), p)
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if p > 36:  # gmpy2 switches to the case-sensitive 62-letter alphabet above base 36
            alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        return sum(value * text.count(ch) for value, ch in enumerate(alphabet[:p]) if value)
    return _digit_sum_split(mpz(n), p)


def _digit_sum_split(n: mpz, p: int) -> int:
    powers = [mpz(p)]  # powers[j] = p**(2**j), up to the first one above n
    while powers[-1] <= n:
        powers.append(powers[-1] * powers[-1])

    def rec(m: mpz, j: int) -> int:
        # Invariant: m < powers[j + 1], so m = high * powers[j] + low with both < powers[j].
        if j < 0 or m.bit_length() <= _LEAF_BITS:
            total, x = 0, int(m)
            while x:
                x, d = divmod(x, p)
                total += d
            return total
        high, low = gmpy2.t_divmod(m, powers[j])
        return rec(high, j - 1) + rec(low, j - 1)

    return rec(n, len(powers) - 2)


def comb(n: int, k: int) -> int:
    """Exact binomial coefficient C(n, k) for 0 <= k <= n (GMP mpz_bin_ui)."""
    return int(gmpy2.comb(mpz(n), k))


def is_probable_prime(n: int) -> bool:
    """BPSW probable-prime test: exact below 2**64, no known counterexample above (FLINT)."""
    if n < 2:
        return False
    return bool(fmpz(n).is_probable_prime())


def is_proven_prime(n: int) -> bool:
    """Proven primality (FLINT fmpz_is_prime: Pocklington/Morrison/BLS75, then APR-CL).

    Slow: about 0.5 s at 200 digits, 11 s at 500 and 3 minutes at 1000 (anchors, 3b), and the
    C call cannot be interrupted. Callers bound the size.
    """
    if n < 2:
        return False
    answer = int(fmpz(n).is_prime())
    if answer not in (0, 1):  # FLINT 2.x returned -1 for "no proof found"; never read it as True
        raise RuntimeError(
            f"FLINT fmpz_is_prime gave {answer}: primality neither proved nor refuted"
        )
    return answer == 1


def next_prime(n: int) -> int:
    """Smallest probable prime > n (GMP 6.3 mpz_nextprime: sieve, then BPSW + 1 MR round)."""
    return int(gmpy2.next_prime(mpz(n)))


def prev_prime(n: int) -> int:
    """Largest probable prime < n, for n >= 3 (GMP 6.3 mpz_prevprime)."""
    return int(gmpy2.prev_prime(mpz(n)))


#: Below this many bits, ``str(int)`` is as fast as going through GMP.
_STR_DIRECT_BITS = 4096


def decimal(n: int) -> str:
    """``str(n)`` in subquadratic time (GMP's mpz_get_str), also past Python's digit limit.

    CPython 3.11 converts an int to decimal in quadratic time: a million digits take about
    12 s, against 0.07 s through GMP, and ``str`` raises past ``sys.get_int_max_str_digits``.
    """
    if -(1 << _STR_DIRECT_BITS) < n < (1 << _STR_DIRECT_BITS):
        return str(n)
    return str(gmpy2.digits(mpz(n), 10))


def num_digits(n: int) -> int:
    """Exact number of decimal digits of ``n >= 1``, without a quadratic int -> str."""
    digits = int(gmpy2.num_digits(mpz(n), 10))  # exact or one too many (GMP docs)
    return digits - 1 if digits > 1 and n < mpz(10) ** (digits - 1) else digits


def factor(n: int) -> list[tuple[int, int]]:
    """Prime factorisation of ``n >= 2`` as sorted (prime, exponent) pairs (FLINT fmpz_factor)."""
    return [(int(p), int(e)) for p, e in fmpz(n).factor()]


# --- numerics ---
# Arb balls (certified real/complex arithmetic), power series and exact rational polynomials,
# used by numtheory.numerics. flint.ctx.prec / ctx.cap are process-global: scope them.
arb = flint.arb
acb = flint.acb
arb_series = flint.arb_series
acb_series = flint.acb_series
arb_poly = flint.arb_poly
fmpq = flint.fmpq
fmpq_poly = flint.fmpq_poly
fmpz_poly = flint.fmpz_poly
flint_ctx = flint.ctx
__all__ += [
    "acb",
    "acb_series",
    "arb",
    "arb_poly",
    "arb_series",
    "flint_ctx",
    "fmpq",
    "fmpq_poly",
    "fmpz_poly",
]
