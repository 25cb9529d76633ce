"""p-adic valuations of integers, factorials and binomial coefficients.

None of these functions builds the big number: v_p(n!) and v_p(C(n, k)) come from base-p
digit sums (Legendre's formula, Kummer's theorem), computed by a popcount for p = 2 and by
GMP's subquadratic radix conversion otherwise, so a 200,000-digit n takes milliseconds and
a million-digit n well under a second.
"""

from __future__ import annotations

from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, check_nonnegative, check_prime_base, show
from numtheory.errors import InputError

__all__ = [
    "binomial_valuation",
    "central_binomial_valuation",
    "factorial_valuation",
    "valuation",
]


def _prime(p: Any, func: str) -> int:
    value = as_int(p, "p")
    check_prime_base(value, func)
    return value


def valuation(n: Any, p: Any = 2) -> int:
    """Return the exponent of the prime ``p`` in ``n``, written v_p(n); ``p`` defaults to 2.

    Parameters
    ----------
    n : int
        Nonzero integer; negative values are allowed (v_p(-n) = v_p(n)).
    p : int, default 2
        Prime. The default, as ``numtheory valuation N`` on the command line, gives the
        2-adic valuation (the number of trailing zero bits of ``n``).

    Returns
    -------
    int
        The largest ``k`` with ``p**k`` dividing ``n``. Exact (GMP ``mpz_remove``, or the
        lowest set bit for ``p = 2``).

    Raises
    ------
    InputTypeError
        If ``n`` or ``p`` is not an integer (bool, float, str, None ...).
    InputError
        If ``n == 0``.
    NotPrimeError
        If ``p`` is not prime.

    Examples
    --------
    >>> valuation(360, 2), valuation(-250, 5), valuation(7, 3)
    (3, 3, 0)
    >>> valuation(360), valuation(2**100 * 3)   # p = 2 by default
    (3, 100)

    References
    ----------
    OEIS A007814 (v_2(n)), A007949 (v_3(n)).
    """
    value = as_int(n, "n")
    prime = _prime(p, "valuation")
    if value == 0:
        raise InputError("valuation() needs n != 0, got 0")
    return _backend.remove(abs(value), prime)


def factorial_valuation(n: Any, p: Any) -> int:
    """Return v_p(n!), the exponent of the prime ``p`` in ``n!``, without computing ``n!``.

    Legendre's formula: v_p(n!) = (n - s_p(n)) / (p - 1), where s_p(n) is the sum of the
    base-p digits of n.

    Parameters
    ----------
    n : int
        Nonnegative integer (any size: a million digits works).
    p : int
        Prime.

    Returns
    -------
    int
        v_p(n!), exact.

    Raises
    ------
    InputTypeError
        If ``n`` or ``p`` is not an integer.
    InputError
        If ``n < 0``.
    NotPrimeError
        If ``p`` is not prime.

    Examples
    --------
    >>> factorial_valuation(10, 2), factorial_valuation(100, 5)
    (8, 24)

    References
    ----------
    A.-M. Legendre, *Essai sur la théorie des nombres* (1808); OEIS A011371 (v_2(n!)),
    A027868 (v_5(n!), trailing zeros of n!).
    """
    value = as_int(n, "n")
    prime = _prime(p, "factorial_valuation")
    check_nonnegative(value, "n", "factorial_valuation")
    return (value - _backend.digit_sum(value, prime)) // (prime - 1)


def binomial_valuation(n: Any, k: Any, p: Any) -> int:
    """Return v_p(C(n, k)) without computing the binomial coefficient.

    Kummer's theorem: v_p(C(n, k)) is the number of carries when adding k and n - k in
    base p, which equals (s_p(k) + s_p(n - k) - s_p(n)) / (p - 1).

    Parameters
    ----------
    n : int
        Nonnegative integer.
    k : int
        Integer with ``0 <= k <= n``.
    p : int
        Prime.

    Returns
    -------
    int
        v_p(C(n, k)), exact.

    Raises
    ------
    InputTypeError
        If an argument is not an integer.
    InputError
        Unless ``0 <= k <= n`` (C(n, k) = 0 has no valuation).
    NotPrimeError
        If ``p`` is not prime.

    Examples
    --------
    >>> binomial_valuation(30, 15, 2), binomial_valuation(40, 20, 2)
    (4, 2)

    References
    ----------
    E. E. Kummer, J. Reine Angew. Math. 44 (1852), 93-146; OEIS A082907 (v_2(C(n, k))).
    """
    top = as_int(n, "n")
    bottom = as_int(k, "k")
    prime = _prime(p, "binomial_valuation")
    check_nonnegative(top, "n", "binomial_valuation")
    if not 0 <= bottom <= top:
        raise InputError(
            f"binomial_valuation() needs 0 <= k <= n, got n={show(top)}, k={show(bottom)}"
        )
    digits = _backend.digit_sum
    carries = digits(bottom, prime) + digits(top - bottom, prime) - digits(top, prime)
    return carries // (prime - 1)


def central_binomial_valuation(n: Any, p: Any = 2) -> int:
    """Return v_p(C(2n, n)), the exponent of the prime ``p`` in the central binomial.

    For ``p = 2`` this is the number of 1 bits of ``n`` (OEIS A000120); in general it is the
    number of carries when adding n to itself in base p, (2 s_p(n) - s_p(2n)) / (p - 1).

    Parameters
    ----------
    n : int
        Nonnegative integer (a million digits works).
    p : int, default 2
        Prime.

    Returns
    -------
    int
        v_p(C(2n, n)), exact.

    Raises
    ------
    InputTypeError
        If ``n`` or ``p`` is not an integer.
    InputError
        If ``n < 0``.
    NotPrimeError
        If ``p`` is not prime.

    Examples
    --------
    >>> central_binomial_valuation(15), central_binomial_valuation(20)  # C(30,15), C(40,20)
    (4, 2)
    >>> [central_binomial_valuation(n) for n in range(1, 9)]
    [1, 1, 2, 1, 2, 2, 3, 1]

    References
    ----------
    OEIS A000120 (binary weight of n = v_2(C(2n, n))), A007814; Kummer (1852).
    """
    value = as_int(n, "n")
    prime = _prime(p, "central_binomial_valuation")
    check_nonnegative(value, "n", "central_binomial_valuation")
    if prime == 2:
        return _backend.popcount(value)
    digits = _backend.digit_sum
    return (2 * digits(value, prime) - digits(2 * value, prime)) // (prime - 1)
