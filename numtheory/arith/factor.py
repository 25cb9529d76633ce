"""Integer factorisation on FLINT."""

from __future__ import annotations

from typing import Any

from numtheory import _backend
from numtheory._validate import as_int

__all__ = ["factorint"]


def factorint(n: Any) -> dict[int, int]:
    """Return the prime factorisation of ``n`` as ``{prime: exponent}``, like sympy.

    Conventions (the same as ``sympy.factorint``): ``factorint(1) == {}``,
    ``factorint(0) == {0: 1}``, and a negative ``n`` gets the key ``-1`` with exponent 1,
    so that ``n == prod(p**e for p, e in factorint(n).items())`` always holds. Keys are in
    increasing order.

    Parameters
    ----------
    n : int
        Any integer.

    Returns
    -------
    dict[int, int]
        Guarantee: the product of ``p**e`` is ``n`` exactly, and each key above 1 is a
        proven prime: FLINT's ``fmpz_factor`` proves every factor it returns with
        ``fmpz_is_prime`` (as :func:`numtheory.is_prime` with ``proof=True``). FLINT uses
        trial division, Pollard rho, ECM and the self-initialising quadratic sieve: a
        60-digit semiprime takes seconds, an 80-digit one minutes. Proving a large prime
        factor costs as much as ``is_prime(p, proof=True)``: 0.4 s at 200 digits, about 2 s
        at 300, minutes at 1000. The C call cannot be interrupted. The time depends on the
        second-largest prime factor and on the size of ``n``: FLINT sizes its ECM search by
        the bit length of ``n``, so ``p**2 * q`` with a 100-digit prime ``p`` and a 15-digit
        ``q`` takes over a minute, while ``p**2 * 12`` takes milliseconds.

    Raises
    ------
    InputTypeError
        If ``n`` is not an integer.

    Examples
    --------
    >>> factorint(360)
    {2: 3, 3: 2, 5: 1}
    >>> factorint(-63281217910257742583918406571)
    {-1: 1, 125778791843321: 1, 503115167373251: 1}

    References
    ----------
    The FLINT documentation, ``fmpz_factor``; sympy ``factorint`` for the conventions;
    OEIS A001222 (number of prime factors with multiplicity).
    """
    n = as_int(n, "n")
    if n == 0:
        return {0: 1}
    result: dict[int, int] = {-1: 1} if n < 0 else {}
    if abs(n) > 1:
        result.update(sorted(_backend.factor(abs(n))))
    return result
