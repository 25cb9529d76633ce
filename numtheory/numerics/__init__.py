"""High-precision numerics: Gamma at exact arguments, Taylor tools, and the seed-article checks.

Pure functions only (no I/O, no global precision changes). Results are mpmath numbers at the
requested ``dps``, computed with FLINT's Arb ball arithmetic where possible (certified), with
mpmath as the independent route (:func:`gamma_fourier`, callables in
:func:`taylor_coefficients`).

>>> import mpmath
>>> from numtheory.numerics import gamma
>>> print(mpmath.nstr(gamma("1/3", dps=40), 40))
2.678938534707747633655692940974677644129
"""

from __future__ import annotations

from numtheory.numerics.angles import random_angle_mean, random_angle_pdf, random_angle_variance
from numtheory.numerics.cauchy import TaylorCoefficients
from numtheory.numerics.convert import DPS_CEILING, check_dps, exact_number
from numtheory.numerics.exppoly import (
    certify_exp_taylor_positive,
    count_real_roots,
    exp_taylor,
    exp_taylor_min,
)
from numtheory.numerics.gammafn import gamma, gamma_fourier, loggamma, rgamma
from numtheory.numerics.mitchell import (
    mitchell_divide,
    mitchell_log2,
    mitchell_multiply,
    mitchell_relative_error,
    mitchell_worst_case,
)
from numtheory.numerics.taylor import SERIES_FUNCTIONS, taylor_coefficients

__all__ = [
    "DPS_CEILING",
    "SERIES_FUNCTIONS",
    "TaylorCoefficients",
    "certify_exp_taylor_positive",
    "check_dps",
    "count_real_roots",
    "exact_number",
    "exp_taylor",
    "exp_taylor_min",
    "gamma",
    "gamma_fourier",
    "loggamma",
    "mitchell_divide",
    "mitchell_log2",
    "mitchell_multiply",
    "mitchell_relative_error",
    "mitchell_worst_case",
    "random_angle_mean",
    "random_angle_pdf",
    "random_angle_variance",
    "rgamma",
    "taylor_coefficients",
]


def __dir__() -> list[str]:
    """Tab completion shows the public API only (not ``annotations`` or the submodules)."""
    return list(__all__)
