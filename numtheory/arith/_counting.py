"""pi(x) and the n-th prime through primecount (Deleglise-Rivat and Gourdon's algorithm).

primecount computes pi(x) in about x**(2/3) / log(x)**2 operations on all cores: pi(10**12)
in 0.1 s, pi(10**15) in about 9 s, pi(10**20) in hours on the project machine; its 128-bit
interface reaches x = 10**27 here. The n-th prime is found by primecount's own nth_prime (an
approximation by the inverse of Riemann's R, one pi(x) and a sieve over the gap).

Ctrl-C: a primecount call holds the interpreter until it returns, so calls expected to
last more than about a second run in a child process that Ctrl-C kills
(:data:`numtheory._backend.CHILD_THRESHOLDS`); shorter ones run here, where a child's
start-up (0.12-0.4 s) would cost more than the 1.2x of a direct call allowed by issue 14.

Windows far from zero (``count_primes(10**40, 10**40 + 10**6)``) are counted by the
segmented sieve of :func:`numtheory.arith.primerange`; :func:`count_primes` chooses.
"""

from __future__ import annotations

from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError

__all__ = ["NTH_PRIME_MAX", "PRIMEPI_MAX", "nth_prime", "primepi"]

#: Largest x accepted by :func:`primepi`: primecount's 128-bit limit.
PRIMEPI_MAX = _backend.PRIME_PI_128_MAX
#: Largest n accepted by :func:`nth_prime`: pi(2**63 - 1), primecount's 64-bit limit.
NTH_PRIME_MAX = _backend.NTH_PRIME_MAX


def primepi(x: Any) -> int:
    """Return pi(x), the number of primes ``p <= x`` (sympy ``primepi``).

    Parameters
    ----------
    x : int
        Any integer up to :data:`PRIMEPI_MAX` (10**27: primecount's limit
        is (2**62 * alpha)**1.5 for a tuning factor alpha >= 1 it picks); pi(x) is 0
        below 2.

    Returns
    -------
    int
        Guarantee: exact. primecount's combinatorial algorithms count every prime; no
        probable-prime test is involved.

    Raises
    ------
    InputTypeError
        If ``x`` is not an integer.
    InputError
        If ``x > 10**27``, with the limit.

    Examples
    --------
    >>> primepi(100), primepi(10**12)
    (25, 37607912018)

    References
    ----------
    M. Deleglise, J. Rivat, "Computing pi(x): the Meissel, Lehmer, Lagarias, Miller,
    Odlyzko method", Math. Comp. 65 (1996) 235-245; X. Gourdon, "Computation of pi(x):
    improvements to the Meissel, Lehmer, Lagarias, Miller, Odlyzko, Deleglise and Rivat
    method" (2001); K. Walisch, primecount; OEIS A006880.
    """
    x = as_int(x, "x")
    if x < 2:
        return 0
    if x > PRIMEPI_MAX:
        raise InputError(
            f"primepi() counts primes up to x = 10**27 (primecount's limit), got {show(x)}; "
            "for a window far from zero use count_primes(start, stop)"
        )
    return _backend.prime_pi_big(x)


def nth_prime(n: Any) -> int:
    """Return the n-th prime: ``nth_prime(1) == 2`` (sympy ``prime(n)``).

    Parameters
    ----------
    n : int
        ``1 <= n <= NTH_PRIME_MAX`` (216289611853439384 = pi(2**63 - 1), primecount's
        limit: the answer is below 2**63).

    Returns
    -------
    int
        Guarantee: exact (primecount: an exact pi(x) near the answer, then a sieve).
        nth_prime(10**12) takes about 0.5 s, nth_prime(10**15) minutes.

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer.
    InputError
        If ``n < 1`` or ``n > NTH_PRIME_MAX``, with the rule.

    Examples
    --------
    >>> nth_prime(1), nth_prime(168), nth_prime(10**9)
    (2, 997, 22801763489)

    References
    ----------
    K. Walisch, primecount (nth_prime); OEIS A000040 and A006988 (the 10**n-th prime).
    """
    n = as_int(n, "n")
    if n < 1:
        raise InputError(f"nth_prime() needs n >= 1 (nth_prime(1) == 2), got {show(n)}")
    if n > NTH_PRIME_MAX:
        raise InputError(
            f"nth_prime() needs n <= {NTH_PRIME_MAX} (pi(2**63 - 1), primecount's limit), "
            f"got {show(n)}"
        )
    return _backend.nth_prime(n)
