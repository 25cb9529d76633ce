"""numtheory: high-precision number theory and numerics.

Pure functions are re-exported here; nothing in this module does I/O on import. The OEIS
client, the verify runner and the retry helpers are subpackages loaded on first use
(``nt.oeis``, ``nt.verify``, ``nt.retry``), so ``import numtheory`` never imports requests,
sqlite3 or dask.

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

from numtheory import arith as arith
from numtheory import errors
from numtheory import numerics as numerics

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

#: Subpackages that do I/O or pull in heavy dependencies: imported on first attribute access.
_LAZY_SUBMODULES = ("cli", "oeis", "retry", "verify")

if _TYPE_CHECKING:  # let type checkers and IDEs see the lazy subpackages
    from numtheory import cli as cli
    from numtheory import oeis as oeis
    from numtheory import retry as retry
    from numtheory import verify as verify


def __getattr__(name: str) -> _Any:
    """Import a lazy subpackage on first use (PEP 562); anything else is an AttributeError."""
    if name in _LAZY_SUBMODULES:
        # import_module also binds the submodule on this package, so this runs once per name
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API only (what tab completion shows): functions, errors and subpackages."""
    return sorted({*__all__, "arith", "numerics", *_LAZY_SUBMODULES})


# --- guessing (issue 12): numtheory.guess and the Guess it returns ---
from numtheory.guessing import Guess, guess  # noqa: E402

__all__ += ["Guess", "guess"]
# --- end guessing ---
