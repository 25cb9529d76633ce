"""Exact integer maths on GMP and FLINT: valuations, binomials, primes, factorisation.

Pure functions of integers, returning built-in ``int``/``bool``/``dict``; big-integer work
goes through :mod:`numtheory._backend`.

>>> from numtheory.arith import central_binomial_valuation, factorint
>>> central_binomial_valuation(20), factorint(2**8 - 1)   # C(40, 20) = 2**2 * ...
(2, {3: 1, 5: 1, 17: 1})
"""

from numtheory.arith.binomial import binomial
from numtheory.arith.factor import factorint
from numtheory.arith.primes import (
    PROOF_MAX_DIGITS,
    count_primes,
    is_prime,
    next_prime,
    prev_prime,
    primes,
)
from numtheory.arith.valuation import (
    binomial_valuation,
    central_binomial_valuation,
    factorial_valuation,
    valuation,
)

__all__ = [
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
    "primes",
    "valuation",
]


def __dir__() -> list[str]:
    """The public API only: tab completion does not offer the implementation modules."""
    return list(__all__)


# --- refactor-cli (issue 11): the bound below which primality answers are exact ---
from numtheory.arith.primes import PRIME_EXACT_BELOW  # noqa: E402

__all__ += ["PRIME_EXACT_BELOW"]
