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

from numtheory import errors as errors

#: Where each re-exported name lives. Importing the arith layer loads GMP and FLINT, the
#: numerics layer mpmath and FLINT (together about 0.2 s); a script that only reads the
#: OEIS, or the ``numtheory`` command for another task, never pays for them. PEP 562.
_LAZY_NAMES = {
    **dict.fromkeys(
        (
            "PRIME_EXACT_BELOW",
            "PROOF_MAX_DIGITS",
            "Parameter",
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
    # sympy's spellings (isprime for is_prime...): numtheory/arith/_sympy_names.py
    **dict.fromkeys(
        (
            "is_primitive_root",
            "is_quad_residue",
            "isprime",
            "nextprime",
            "prevprime",
            "prime",
            "primefactors",
            "sqrt_mod_iter",
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

if _TYPE_CHECKING:  # type checkers and IDEs see every name as if imported eagerly; "x as x"
    # re-exports it explicitly (mypy --strict and pyright ignore a computed __all__)
    from numtheory import arith as arith  # noqa: I001  (one statement per module, not per name)
    from numtheory import cli as cli
    from numtheory import guessing as guessing
    from numtheory import numerics as numerics
    from numtheory import oeis as oeis
    from numtheory import plotting as plotting
    from numtheory import retry as retry
    from numtheory import verify as verify

    # --- arith (integers on GMP/FLINT) ---
    from numtheory.arith import (
        PRIME_EXACT_BELOW as PRIME_EXACT_BELOW,
        PROOF_MAX_DIGITS as PROOF_MAX_DIGITS,
        Parameter as Parameter,
        QuadraticIrrational as QuadraticIrrational,
        bigomega as bigomega,
        binomial as binomial,
        binomial_valuation as binomial_valuation,
        carmichael_lambda as carmichael_lambda,
        central_binomial_valuation as central_binomial_valuation,
        continued_fraction as continued_fraction,
        continued_fraction_convergents as continued_fraction_convergents,
        continued_fraction_periodic as continued_fraction_periodic,
        continued_fraction_reduce as continued_fraction_reduce,
        convergents as convergents,
        count_primes as count_primes,
        crt as crt,
        diop_DN as diop_DN,
        discrete_log as discrete_log,
        divisor_count as divisor_count,
        divisor_sigma as divisor_sigma,
        divisors as divisors,
        factorial_valuation as factorial_valuation,
        factorint as factorint,
        integer_nthroot as integer_nthroot,
        inverse_mod as inverse_mod,
        iroot as iroot,
        is_prime as is_prime,
        is_square as is_square,
        isqrt as isqrt,
        jacobi as jacobi,
        jacobi_symbol as jacobi_symbol,
        kronecker as kronecker,
        kronecker_symbol as kronecker_symbol,
        legendre as legendre,
        legendre_symbol as legendre_symbol,
        mobius as mobius,
        mod_inverse as mod_inverse,
        multiplicative_order as multiplicative_order,
        n_order as n_order,
        next_prime as next_prime,
        nth_prime as nth_prime,
        nthroot_mod as nthroot_mod,
        omega as omega,
        pell as pell,
        perfect_power as perfect_power,
        prev_prime as prev_prime,
        primenu as primenu,
        primeomega as primeomega,
        primepi as primepi,
        primerange as primerange,
        primitive_root as primitive_root,
        radical as radical,
        reduced_totient as reduced_totient,
        sqrt_mod as sqrt_mod,
        totient as totient,
        valuation as valuation,
    )
    from numtheory.arith import (  # sympy's spellings
        is_primitive_root as is_primitive_root,
        is_quad_residue as is_quad_residue,
        isprime as isprime,
        nextprime as nextprime,
        prevprime as prevprime,
        prime as prime,
        primefactors as primefactors,
        sqrt_mod_iter as sqrt_mod_iter,
    )
    from numtheory.arith.primes import primes as primes

    # --- guessing (conjectured recurrences and generating functions) ---
    from numtheory.guessing import (
        Guess as Guess,
        guess as guess,
    )

    # --- numerics (mpmath / arb) ---
    from numtheory.numerics import (
        certify_exp_taylor_positive as certify_exp_taylor_positive,
        count_real_roots as count_real_roots,
        exp_taylor as exp_taylor,
        exp_taylor_min as exp_taylor_min,
        gamma as gamma,
        gamma_fourier as gamma_fourier,
        loggamma as loggamma,
        mitchell_divide as mitchell_divide,
        mitchell_multiply as mitchell_multiply,
        mitchell_relative_error as mitchell_relative_error,
        mitchell_worst_case as mitchell_worst_case,
        random_angle_mean as random_angle_mean,
        random_angle_pdf as random_angle_pdf,
        random_angle_variance as random_angle_variance,
        rgamma as rgamma,
        taylor_coefficients as taylor_coefficients,
    )

#: Derived, so it cannot drift; tests/test_package_namespace.py holds the TYPE_CHECKING imports
#: to the same names (and homes).
__all__ = sorted([*_LAZY_NAMES, "__version__", "errors"])


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
