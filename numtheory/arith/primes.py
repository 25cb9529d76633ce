"""Primality, next/previous prime, and the primes in a window.

Guarantee shared by every function here: below 2**64 the answers are exact; above, a
number called prime has passed the Baillie-PSW test (a strong base-2 Fermat test and a
Lucas-Selfridge test), for which no counterexample is known, and a number called
composite is proven composite. ``is_prime(n, proof=True)`` removes the "probable" part.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith import sieve
from numtheory.errors import InputError, InputTypeError

__all__ = [
    "PROOF_MAX_DIGITS",
    "count_primes",
    "is_prime",
    "next_prime",
    "prev_prime",
    "primes",
]

#: Default size limit for ``is_prime(n, proof=True)``. FLINT's proof (APR-CL) took 0.5 s
#: at 200 digits, 11 s at 500 and about 3 minutes at 1000 on the project machine, and the
#: C call cannot be interrupted with Ctrl-C, so larger proofs must be asked for explicitly.
PROOF_MAX_DIGITS = 1000

_EXACT_BOUND = 2**64
#: Default of ``stop``: not None, so that ``primes(0, None)`` stays a type error.
_ONE_ARGUMENT: Any = object()


def is_prime(
    n: Any, proof: bool = False, *, max_proof_digits: int | None = PROOF_MAX_DIGITS
) -> bool:
    """Return True if ``n`` is prime.

    Parameters
    ----------
    n : int
        Any integer; numbers below 2 (including negatives) are not prime.
    proof : bool, default False
        If True, a probable prime above 2**64 is proven prime with FLINT's ``fmpz_is_prime``
        (Pocklington/Morrison/BLS75 n-1 and n+1 methods, then APR-CL).
    max_proof_digits : int or None, default PROOF_MAX_DIGITS (1000)
        With ``proof=True``, refuse (raise) rather than start a proof for a probable prime
        with more decimal digits than this; None means no limit.

    Returns
    -------
    bool
        Guarantee: exact for ``n < 2**64`` (FLINT's ``n_is_prime``, checked against the
        Feitsma-Galway table of base-2 pseudoprimes). Above, False is always correct (the
        number failed a test no prime fails) and True means a Baillie-PSW probable prime:
        trial division, a strong base-2 test and a Lucas-Selfridge test; no composite is
        known to pass. With ``proof=True`` a True is proven.

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer or ``proof`` is not a bool.
    InputError
        With ``proof=True``, if ``n`` is a probable prime with more than
        ``max_proof_digits`` digits (the message names the size). Composites are never
        refused: failing BPSW already proves them composite.
    RuntimeError
        If FLINT answers a proof with neither "prime" nor "composite" (FLINT 2.x could
        return -1 for "no proof found"); such an answer is never reported as True.

    Examples
    --------
    >>> is_prime(2**61 - 1), is_prime(561), is_prime(-7)
    (True, False, False)
    >>> is_prime(2**127 - 1, proof=True)
    True

    References
    ----------
    R. Baillie, S. S. Wagstaff Jr., "Lucas pseudoprimes", Math. Comp. 35 (1980) 1391-1417;
    J. Feitsma, W. Galway, tables of base-2 pseudoprimes below 2**64;
    H. Cohen, H. W. Lenstra, "Primality testing and Jacobi sums", Math. Comp. 42 (1984).
    """
    n = as_int(n, "n")
    if not isinstance(proof, bool):
        raise InputTypeError(f"proof must be True or False, got {show(proof)}")
    if max_proof_digits is not None:
        max_proof_digits = as_int(max_proof_digits, "max_proof_digits")
        if max_proof_digits < 0:
            raise InputError(
                f"is_prime() needs max_proof_digits >= 0 or None, got {show(max_proof_digits)}"
            )
    if not _backend.is_probable_prime(n):
        return False
    if not proof or n < _EXACT_BOUND:
        return True
    if max_proof_digits is not None:
        digits = _backend.num_digits(n)
        if digits > max_proof_digits:
            raise InputError(
                f"is_prime(proof=True) proves primes of at most {max_proof_digits} digits "
                f"(FLINT's APR-CL needs minutes at 1000 digits and cannot be interrupted); "
                f"n has {digits} digits and is a BPSW probable prime. Pass a larger "
                f"max_proof_digits (or None) to try anyway."
            )
    return _backend.is_proven_prime(n)


def next_prime(n: Any, ith: Any = 1) -> int:
    """Return the smallest prime greater than ``n`` (2 for every ``n < 2``); with ``ith``,
    the ith prime after ``n`` (sympy ``nextprime(n, ith)``).

    Parameters
    ----------
    n : int
        Any integer.
    ith : int
        Which prime after ``n``, ``ith >= 1`` (1: the next one).

    Returns
    -------
    int
        Guarantee: exact below 2**64; above, every integer between ``n`` and the result is
        proven composite and the result is a BPSW probable prime (GMP ``mpz_nextprime``:
        a sieve, then BPSW plus one Miller-Rabin round), so no prime is skipped.

    Raises
    ------
    InputTypeError
        If ``n`` or ``ith`` is not an integer.
    InputError
        If ``ith < 1``.

    Examples
    --------
    >>> next_prime(1), next_prime(13), next_prime(10**20), next_prime(2, 3)
    (2, 17, 100000000000000000039, 7)

    References
    ----------
    OEIS A151800 (next prime > n); A033873 (10**n + k prime, smallest k).
    """
    n = as_int(n, "n")
    if type(ith) is not int or ith != 1:  # 1.0 and True are refused, not taken for 1
        ith = as_int(ith, "ith")
        if ith < 1:
            raise InputError(f"next_prime() needs ith >= 1, got {show(ith)}")
        for _ in range(ith - 1):
            n = next_prime(n)
    if n < 2:
        return 2
    return _backend.next_prime(n)


def prev_prime(n: Any) -> int:
    """Return the largest prime smaller than ``n``.

    Parameters
    ----------
    n : int
        Integer greater than 2.

    Returns
    -------
    int
        Guarantee as :func:`next_prime`: exact below 2**64, a BPSW probable prime above,
        with every integer in between proven composite (GMP ``mpz_prevprime``).

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer.
    InputError
        If ``n <= 2`` (there is no smaller prime).

    Examples
    --------
    >>> prev_prime(3), prev_prime(100), prev_prime(2**64)
    (2, 97, 18446744073709551557)

    References
    ----------
    OEIS A151799 (largest prime < n).
    """
    n = as_int(n, "n")
    if n <= 2:
        raise InputError(f"prev_prime() needs n > 2 (no prime is smaller than 2), got {show(n)}")
    return _backend.prev_prime(n)


def primes(start: Any, stop: Any = _ONE_ARGUMENT) -> Iterator[int]:
    """Iterate over the primes p with ``start <= p < stop``, or ``p <= x`` for ``primes(x)``.

    With one argument, ``primes(x)`` lists the primes up to and including ``x``, as
    ``sympy.primepi``, ``primesieve.primes(n)`` and :func:`count_primes` with one argument
    count them: ``primes(x)`` is ``primes(0, x + 1)``. With two, the window is half-open.

    A segmented sieve of Eratosthenes over the window, then BPSW on the survivors when the
    window is far from zero, so the cost depends on the window, not on its position:
    ``primes(10**12, 10**12 + 10**6)`` and ``primes(10**100, 10**100 + 10**4)`` both take
    a fraction of a second.

    Parameters
    ----------
    start : int
        With ``stop``: the first integer of the window. Alone: the upper bound ``x``
        (included).
    stop : int, optional
        The end of the half-open window [start, stop); any integers (empty if
        ``stop <= start``).

    Returns
    -------
    Iterator[int]
        Lazily generated primes. Guarantee as :func:`is_prime`: exact below 2**64 (and for
        every survivor below the square of the sieving limit), BPSW probable primes above;
        no prime in the window is ever missed.

    Raises
    ------
    InputTypeError
        If ``start`` or ``stop`` is not an integer (raised at the call, not on iteration).

    Examples
    --------
    >>> list(primes(0, 30))
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    >>> list(primes(29))          # one argument: the primes up to 29, included
    [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    >>> list(primes(10**12, 10**12 + 100))
    [1000000000039, 1000000000061, 1000000000063, 1000000000091]

    References
    ----------
    C. Bays, R. H. Hudson, "The segmented sieve of Eratosthenes", BIT 17 (1977) 121-127;
    OEIS A000040.
    """
    lo, hi = _window(start, stop)
    return sieve.primes_in_window(lo, hi)


def count_primes(start: Any, stop: Any = _ONE_ARGUMENT) -> int:
    """Return the number of primes p with ``start <= p < stop``, or pi(x) for ``count_primes(x)``.

    With one argument, ``count_primes(x)`` is pi(x), the number of primes ``p <= x`` (as
    ``sympy.primepi``, ``primesieve.count_primes(n)`` and PARI's ``primepi``); it is
    ``count_primes(0, x + 1)``.

    A wide window below 2**63 is counted as pi(stop - 1) - pi(start - 1) with primecount
    (Deleglise-Rivat/Gourdon, in time about x**(2/3)): pi(10**12) takes 0.1 s, pi(10**14)
    0.8 s and pi(10**16) about 13 s. A short window, or one beyond 2**63, goes through the
    segmented sieve of :func:`primes`, whichever is estimated cheaper. Counts that take more
    than about half a second run where Ctrl-C stops them (a child process for primecount;
    the sieve is a Python loop over C segments).

    Parameters
    ----------
    start : int
        With ``stop``: the first integer of the window. Alone: the bound ``x`` (included).
    stop : int, optional
        The end of the half-open window [start, stop).

    Returns
    -------
    int
        The count, pi(stop - 1) - pi(start - 1). Exact below 2**64 (both methods); the sieve
        above 2**64 counts BPSW probable primes (see :func:`primes`).

    Raises
    ------
    InputTypeError
        If ``start`` or ``stop`` is not an integer.

    Examples
    --------
    >>> count_primes(0, 10**6), count_primes(10**6)
    (78498, 78498)
    >>> count_primes(10**12)                     # primecount, about 0.1 s
    37607912018
    >>> count_primes(10**12, 10**12 + 10**6)     # a short window far from zero: the sieve
    36249

    References
    ----------
    OEIS A006880 (pi(10**n)); M. Deleglise, J. Rivat, "Computing pi(x): the Meissel,
    Lehmer, Lagarias, Miller, Odlyzko method", Math. Comp. 65 (1996); K. Walisch, primecount.
    """
    lo, hi = _window(start, stop)
    if hi <= lo or hi <= 2:
        return 0
    # issue 14: primecount's 128-bit pi(x) (to 10**27) through _backend.prime_pi_big
    if hi - 1 <= _backend.PRIME_PI_128_MAX and _prime_pi_cost(hi - 1) + _prime_pi_cost(
        lo - 1
    ) < _sieve_cost(lo, hi):
        return _backend.prime_pi_big(hi - 1) - _backend.prime_pi_big(lo - 1)
    return sieve.count_in_window(lo, hi)


def _window(start: Any, stop: Any) -> tuple[int, int]:
    """[lo, hi) from ``(start, stop)``, or [0, x + 1) for the one-argument form."""
    if stop is _ONE_ARGUMENT:
        return 0, as_int(start, "x") + 1
    return as_int(start, "start"), as_int(stop, "stop")


def _prime_pi_cost(x: int) -> float:
    """Seconds primecount needs for pi(x), fitted here: 0.1 s at 1e12, 0.8 at 1e14, 13 at 1e16."""
    return 0.0 if x < 2 else 2.5e-8 * float(x) ** 0.55


def _sieve_cost(lo: int, hi: int) -> float:
    """Seconds the segmented sieve needs for [lo, hi): about 3 ns per integer near zero."""
    return 3e-9 * (hi - lo) * max(1.0, hi.bit_length() / 40)


# --- refactor-cli (issue 11): the exactness bound, public so the CLI reads it ---
#: ``is_prime`` and the other functions here are exact (no "probable") for n below this.
PRIME_EXACT_BELOW = _EXACT_BOUND
