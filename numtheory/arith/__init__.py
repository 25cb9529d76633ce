"""Exact integer maths on GMP and FLINT: valuations, binomials, primes, factorisation.

Pure functions of integers, returning built-in ``int``/``bool``/``dict``; big-integer work
goes through :mod:`numtheory._backend`.

Module names never shadow functions: ``binomial`` and the valuations live in the private
modules ``_binomial`` and ``_valuation`` and are re-exported here, so
``numtheory.arith.binomial`` is the function. ``numtheory.arith.primes`` is the public module
of the prime functions (``import numtheory.arith.primes`` gives it); its range generator is
re-exported here under sympy's name, :func:`primerange`, and at the top level as
``numtheory.primes``.

>>> from numtheory.arith import central_binomial_valuation, factorint
>>> central_binomial_valuation(20), factorint(2**8 - 1)   # C(40, 20) = 2**2 * ...
(2, {3: 1, 5: 1, 17: 1})
>>> from numtheory.arith import primerange
>>> list(primerange(10, 30))
[11, 13, 17, 19, 23, 29]
"""

from numtheory.arith._binomial import binomial
from numtheory.arith._valuation import (
    binomial_valuation,
    central_binomial_valuation,
    factorial_valuation,
    valuation,
)
from numtheory.arith.factor import factorint
from numtheory.arith.primes import (
    PRIME_EXACT_BELOW,
    PROOF_MAX_DIGITS,
    count_primes,
    is_prime,
    next_prime,
    prev_prime,
)
from numtheory.arith.primes import primes as primerange

__all__ = [
    "PRIME_EXACT_BELOW",
    "PROOF_MAX_DIGITS",
    "binomial",
    "binomial_valuation",
    "central_binomial_valuation",
    "count_primes",
    "factorial_valuation",
    "factorint",
    "is_prime",
    "next_prime",
    "prev_prime",
    "primerange",
    "valuation",
]


def __dir__() -> list[str]:
    """The public API only: tab completion does not offer the implementation modules."""
    return list(__all__)
