"""numtheory: high-precision number theory and numerics.

Pure functions are re-exported here; nothing in this module does I/O on import (the OEIS
client and the verify runner live in :mod:`numtheory.oeis` and :mod:`numtheory.verify`).

>>> import numtheory as nt
>>> nt.central_binomial_valuation(15)       # C(30, 15) = 155117520 = 2**4 * 9694845
4
"""

from __future__ import annotations

__version__ = "0.1.0"

from numtheory import errors

# --- arith (integers on GMP/FLINT) ---
from numtheory.arith import (
    PROOF_MAX_DIGITS,
    binomial,
    binomial_valuation,
    central_binomial_valuation,
    count_primes,
    factorial_valuation,
    factorint,
    is_prime,
    next_prime,
    prev_prime,
    primes,
    valuation,
)

# --- numerics (mpmath / arb) ---
from numtheory.numerics import (
    certify_exp_taylor_positive,
    count_real_roots,
    exp_taylor,
    exp_taylor_min,
    gamma,
    gamma_fourier,
    loggamma,
    mitchell_divide,
    mitchell_multiply,
    mitchell_relative_error,
    mitchell_worst_case,
    random_angle_mean,
    random_angle_pdf,
    random_angle_variance,
    rgamma,
    taylor_coefficients,
)

__all__ = [
    "PROOF_MAX_DIGITS",
    "__version__",
    "binomial",
    "binomial_valuation",
    "central_binomial_valuation",
    "certify_exp_taylor_positive",
    "count_primes",
    "count_real_roots",
    "errors",
    "exp_taylor",
    "exp_taylor_min",
    "factorial_valuation",
    "factorint",
    "gamma",
    "gamma_fourier",
    "is_prime",
    "loggamma",
    "mitchell_divide",
    "mitchell_multiply",
    "mitchell_relative_error",
    "mitchell_worst_case",
    "next_prime",
    "prev_prime",
    "primes",
    "random_angle_mean",
    "random_angle_pdf",
    "random_angle_variance",
    "rgamma",
    "taylor_coefficients",
    "valuation",
]
