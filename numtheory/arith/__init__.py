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


# --- issue 14 part B (arith-roots): roots and powers, pi(x) and the n-th prime, continued
# fractions, Pell's equation ---
from numtheory.arith._contfrac import (  # noqa: E402
    QuadraticIrrational,
    continued_fraction,
    continued_fraction_convergents,
    continued_fraction_periodic,
    continued_fraction_reduce,
    convergents,
)
from numtheory.arith._counting import (  # noqa: E402
    nth_prime,
    primepi,
)
from numtheory.arith._pell import (  # noqa: E402
    Parameter,
    diop_DN,
    pell,
)
from numtheory.arith._roots import (  # noqa: E402
    integer_nthroot,
    iroot,
    is_square,
    isqrt,
    perfect_power,
)

__all__ += [
    "Parameter",
    "QuadraticIrrational",
    "continued_fraction",
    "continued_fraction_convergents",
    "continued_fraction_periodic",
    "continued_fraction_reduce",
    "convergents",
    "diop_DN",
    "integer_nthroot",
    "iroot",
    "is_square",
    "isqrt",
    "nth_prime",
    "pell",
    "perfect_power",
    "primepi",
]
# --- end issue 14 part B ---


# --- issue 14 part A (arith-residues): multiplicative functions, residues, roots, logs ---
from numtheory.arith._dlog import discrete_log, multiplicative_order, n_order  # noqa: E402
from numtheory.arith._modroots import nthroot_mod, primitive_root, sqrt_mod  # noqa: E402
from numtheory.arith._multiplicative import (  # noqa: E402
    bigomega,
    carmichael_lambda,
    divisor_count,
    divisor_sigma,
    divisors,
    mobius,
    omega,
    primenu,
    primeomega,
    radical,
    reduced_totient,
    totient,
)
from numtheory.arith._residues import (  # noqa: E402
    crt,
    inverse_mod,
    jacobi,
    jacobi_symbol,
    kronecker,
    kronecker_symbol,
    legendre,
    legendre_symbol,
    mod_inverse,
)

__all__ += [
    "bigomega",
    "carmichael_lambda",
    "crt",
    "discrete_log",
    "divisor_count",
    "divisor_sigma",
    "divisors",
    "inverse_mod",
    "jacobi",
    "jacobi_symbol",
    "kronecker",
    "kronecker_symbol",
    "legendre",
    "legendre_symbol",
    "mobius",
    "mod_inverse",
    "multiplicative_order",
    "n_order",
    "nthroot_mod",
    "omega",
    "primenu",
    "primeomega",
    "primitive_root",
    "radical",
    "reduced_totient",
    "sqrt_mod",
    "totient",
]
# --- end issue 14 part A ---


# --- issue 14 (sympyconf): sympy's spellings, thin layers over the functions above ---
from numtheory.arith._sympy_names import (  # noqa: E402
    is_primitive_root,
    is_quad_residue,
    isprime,
    nextprime,
    prevprime,
    prime,
    primefactors,
    sqrt_mod_iter,
)

__all__ += [
    "is_primitive_root",
    "is_quad_residue",
    "isprime",
    "nextprime",
    "prevprime",
    "prime",
    "primefactors",
    "sqrt_mod_iter",
]
# --- end issue 14 sympy's spellings ---
