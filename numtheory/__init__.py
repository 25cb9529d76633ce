"""numtheory: high-precision number theory and numerics.

Pure functions are re-exported here, and loaded on first use: ``import numtheory`` imports
no GMP, FLINT, mpmath, numpy, requests, sqlite3 or dask, which the first ``nt.gamma``,
``from numtheory import is_prime`` or ``nt.oeis`` brings in (PEP 562 ``__getattr__``). The
subpackages (``nt.arith``, ``nt.numerics``, ``nt.oeis``, ``nt.verify``, ``nt.retry``) are
loaded the same way.

>>> import numtheory as nt
>>> nt.central_binomial_valuation(15)       # C(30, 15) = 155117520 = 2**4 * 9694845
4
>>> nt.oeis.__name__                        # loaded on first attribute access
'numtheory.oeis'
"""

__version__ = "0.1.0"

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from numtheory import errors

#: Where each re-exported name lives. Importing the arith layer loads GMP and FLINT, the
#: numerics layer mpmath and FLINT (together about 0.2 s); a script that only reads the
#: OEIS, or the ``numtheory`` command for another task, never pays for them. PEP 562.
_LAZY_NAMES = {
    **dict.fromkeys(
        (
            "PRIME_EXACT_BELOW",
            "PROOF_MAX_DIGITS",
            "QuadraticIrrational",
            "bigomega",
            "binomial",
            "binomial_valuation",
            "carmichael_lambda",
            "central_binomial_valuation",
            "continued_fraction",
            "continued_fraction_convergents",
            "continued_fraction_periodic",
            "continued_fraction_reduce",
            "convergents",
            "count_primes",
            "crt",
            "diop_DN",
            "discrete_log",
            "divisor_count",
            "divisor_sigma",
            "divisors",
            "factorial_valuation",
            "factorint",
            "integer_nthroot",
            "inverse_mod",
            "iroot",
            "is_prime",
            "is_square",
            "isqrt",
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
            "next_prime",
            "nth_prime",
            "nthroot_mod",
            "omega",
            "pell",
            "perfect_power",
            "prev_prime",
            "primenu",
            "primeomega",
            "primepi",
            "primerange",
            "primitive_root",
            "radical",
            "reduced_totient",
            "sqrt_mod",
            "totient",
            "valuation",
        ),
        "numtheory.arith",
    ),
    # From its own module: numtheory.arith.primes is also the name of that module, which
    # numtheory.arith binds (the function is re-exported there as primerange).
    "primes": "numtheory.arith.primes",
    **dict.fromkeys(
        (
            "certify_exp_taylor_positive",
            "count_real_roots",
            "exp_taylor",
            "exp_taylor_min",
            "gamma",
            "gamma_fourier",
            "loggamma",
            "mitchell_divide",
            "mitchell_multiply",
            "mitchell_relative_error",
            "mitchell_worst_case",
            "random_angle_mean",
            "random_angle_pdf",
            "random_angle_variance",
            "rgamma",
            "taylor_coefficients",
        ),
        "numtheory.numerics",
    ),
    **dict.fromkeys(
        (
            "Guess",
            "guess",
        ),
        "numtheory.guessing",
    ),
}

if _TYPE_CHECKING:  # type checkers and IDEs see every name as if imported eagerly
    from numtheory import arith as arith
    from numtheory import cli as cli
    from numtheory import guessing as guessing
    from numtheory import numerics as numerics
    from numtheory import oeis as oeis
    from numtheory import plotting as plotting
    from numtheory import retry as retry
    from numtheory import verify as verify

    # --- arith (integers on GMP/FLINT) ---
    from numtheory.arith import (
        PRIME_EXACT_BELOW,
        PROOF_MAX_DIGITS,
        QuadraticIrrational,
        bigomega,
        binomial,
        binomial_valuation,
        carmichael_lambda,
        central_binomial_valuation,
        continued_fraction,
        continued_fraction_convergents,
        continued_fraction_periodic,
        continued_fraction_reduce,
        convergents,
        count_primes,
        crt,
        diop_DN,
        discrete_log,
        divisor_count,
        divisor_sigma,
        divisors,
        factorial_valuation,
        factorint,
        integer_nthroot,
        inverse_mod,
        iroot,
        is_prime,
        is_square,
        isqrt,
        jacobi,
        jacobi_symbol,
        kronecker,
        kronecker_symbol,
        legendre,
        legendre_symbol,
        mobius,
        mod_inverse,
        multiplicative_order,
        n_order,
        next_prime,
        nth_prime,
        nthroot_mod,
        omega,
        pell,
        perfect_power,
        prev_prime,
        primenu,
        primeomega,
        primepi,
        primerange,
        primitive_root,
        radical,
        reduced_totient,
        sqrt_mod,
        totient,
        valuation,
    )
    from numtheory.arith.primes import primes

    # --- guessing (conjectured recurrences and generating functions) ---
    from numtheory.guessing import (
        Guess,
        guess,
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
    "PRIME_EXACT_BELOW",
    "PROOF_MAX_DIGITS",
    "Guess",
    "QuadraticIrrational",
    "__version__",
    "bigomega",
    "binomial",
    "binomial_valuation",
    "carmichael_lambda",
    "central_binomial_valuation",
    "certify_exp_taylor_positive",
    "continued_fraction",
    "continued_fraction_convergents",
    "continued_fraction_periodic",
    "continued_fraction_reduce",
    "convergents",
    "count_primes",
    "count_real_roots",
    "crt",
    "diop_DN",
    "discrete_log",
    "divisor_count",
    "divisor_sigma",
    "divisors",
    "errors",
    "exp_taylor",
    "exp_taylor_min",
    "factorial_valuation",
    "factorint",
    "gamma",
    "gamma_fourier",
    "guess",
    "integer_nthroot",
    "inverse_mod",
    "iroot",
    "is_prime",
    "is_square",
    "isqrt",
    "jacobi",
    "jacobi_symbol",
    "kronecker",
    "kronecker_symbol",
    "legendre",
    "legendre_symbol",
    "loggamma",
    "mitchell_divide",
    "mitchell_multiply",
    "mitchell_relative_error",
    "mitchell_worst_case",
    "mobius",
    "mod_inverse",
    "multiplicative_order",
    "n_order",
    "next_prime",
    "nth_prime",
    "nthroot_mod",
    "omega",
    "pell",
    "perfect_power",
    "prev_prime",
    "primenu",
    "primeomega",
    "primepi",
    "primerange",
    "primes",
    "primitive_root",
    "radical",
    "random_angle_mean",
    "random_angle_pdf",
    "random_angle_variance",
    "reduced_totient",
    "rgamma",
    "sqrt_mod",
    "taylor_coefficients",
    "totient",
    "valuation",
]


#: Subpackages imported on first attribute access (``nt.oeis``, ``nt.arith``...).
_LAZY_SUBMODULES = ("arith", "cli", "guessing", "numerics", "oeis", "plotting", "retry", "verify")


def __getattr__(name: str) -> _Any:
    """Import a lazy subpackage or re-exported function on first use (PEP 562).

    The value is then bound in this module, so later lookups are ordinary attribute reads.
    Anything else is an AttributeError, as for any module.
    """
    if name in _LAZY_SUBMODULES:
        # import_module also binds the submodule on this package, so this runs once per name
        return _importlib.import_module(f"{__name__}.{name}")
    home = _LAZY_NAMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public API only (what tab completion shows): functions, errors and subpackages."""
    return sorted({*__all__, *_LAZY_SUBMODULES})
