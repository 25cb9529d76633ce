r"""The angle between two independent uniformly random directions in R^n.

Fix one vector; the other is uniform on the sphere :math:`S^{n-1}`, and in hyperspherical
coordinates the angle is the first polar angle, whose surface element carries
:math:`\sin^{n-2}\theta`. Hence the density on :math:`[0, \pi]`

.. math:: p_n(\theta) = \frac{\Gamma(n/2)}{\Gamma((n-1)/2)\sqrt{\pi}} \sin^{n-2}\theta,

symmetric about :math:`\pi/2` (so the mean is :math:`\pi/2`), with variance

.. math:: \operatorname{Var}_n(\theta) = \tfrac12\,\psi'(n/2)
          \quad(\psi' \text{ the trigamma function}),

which gives :math:`\pi^2/12` for n = 2 (uniform angle), :math:`\pi^2/4 - 2` for n = 3 and
:math:`1/n + 1/n^2 + O(n^{-3}) \approx 1/(n-2)` for large n: random high-dimensional
directions are nearly orthogonal.

Derivation of the closed form: with :math:`\varphi = \theta - \pi/2` and
:math:`I_m = \int \cos^m\varphi`, :math:`J_m = \int \varphi^2\cos^m\varphi` over
:math:`[-\pi/2, \pi/2]`, integrating by parts twice gives
:math:`J_m/I_m = J_{m-2}/I_{m-2} - 2/m^2`; starting from :math:`\pi^2/12` (m = 0) and
:math:`\pi^2/4 - 2` (m = 1) and summing with DLMF 5.15.1
(:math:`\psi'(z) = \sum_{k\ge0} (k+z)^{-2}`) both parities collapse to
:math:`\psi'(m/2 + 1)/2`. The tests check it against quadrature and against the seed
article's table.

Reference: https://kexue.fm/archives/7076 (2019-11-13); DLMF 5.15.1, 5.4.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mpf

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError
from numtheory.numerics.certify import arb_of, certified_value
from numtheory.numerics.convert import check_dps, exact_real, target_prec

__all__ = ["random_angle_mean", "random_angle_pdf", "random_angle_variance"]


def _dimension(n: Any, func: str) -> int:
    k = as_int(n, "n")
    if k < 2:
        raise InputError(f"{func}() needs a dimension n >= 2, got {show(k)}")
    return k


def random_angle_pdf(theta: Any, n: Any, dps: int = 15) -> mpf:
    r"""Density of the angle between two random directions in R^n at ``theta``.

    :math:`p_n(\theta) = \Gamma(n/2)/(\Gamma((n-1)/2)\sqrt\pi)\,\sin^{n-2}\theta` on
    :math:`[0, \pi]`, and 0 outside.

    Parameters
    ----------
    theta : real number (converted exactly, as for :func:`numtheory.gamma`)
    n : int, ``n >= 2``
    dps : int, optional

    Returns
    -------
    mpmath.mpf
        Relative error below ``2**-prec`` (certified with Arb), or exactly 0 outside
        ``[0, pi]`` and at the endpoints for ``n > 2``.

    References
    ----------
    https://kexue.fm/archives/7076.

    Examples
    --------
    >>> from numtheory.numerics import random_angle_pdf
    >>> print(random_angle_pdf("1.5707963267948966", 3), random_angle_pdf(1, 2))
    0.5 0.318309886183791
    """
    d = check_dps(dps, "random_angle_pdf")
    k = _dimension(n, "random_angle_pdf")
    t = exact_real(theta, "theta", "random_angle_pdf")
    prec = target_prec(d)
    if t < 0 or (k > 2 and t == 0):
        return mpmath.mpf(0)
    arb = _backend.arb
    fmpq = _backend.fmpq
    if _beyond_pi(t, prec):
        return mpmath.mpf(0)

    def density() -> Any:
        const = arb.gamma_fmpq(fmpq(k, 2)) / (arb.gamma_fmpq(fmpq(k - 1, 2)) * arb.pi().sqrt())
        return const * arb_of(t).sin() ** (k - 2)

    return certified_value(density, prec, "random_angle_pdf")


def _beyond_pi(t: Fraction, prec: int) -> bool:
    """Whether the rational ``t`` exceeds pi, decided exactly.

    ``t != pi`` (pi is irrational), so comparing balls at doubling precision always ends; a
    single comparison at fixed precision would call a ``t`` within ``2**-prec`` above pi
    "not beyond", and ``sin(t) < 0`` there gave a negative density.
    """
    work = prec + 64
    while True:
        with _backend.arb_precision(work):
            diff = arb_of(t) - _backend.arb.pi()
        if diff > 0:
            return True
        if diff < 0:
            return False
        work *= 2


def random_angle_mean(n: Any, dps: int = 15) -> mpf:
    r"""Mean angle between two random directions in R^n: :math:`\pi/2` for every n >= 2.

    The density is symmetric about :math:`\pi/2` (:math:`\sin(\pi - \theta) = \sin\theta`).
    Returned as ``pi/2`` certified to ``dps`` digits (Arb), the same for every ``n``.

    References
    ----------
    https://kexue.fm/archives/7076.

    Examples
    --------
    >>> from numtheory.numerics import random_angle_mean
    >>> print(random_angle_mean(10))
    1.5707963267949
    """
    d = check_dps(dps, "random_angle_mean")
    _dimension(n, "random_angle_mean")
    prec = target_prec(d)
    return certified_value(lambda: _backend.arb.pi() / 2, prec, "random_angle_mean")


def random_angle_variance(n: Any, dps: int = 15) -> mpf:
    r"""Variance of the angle between two random directions in R^n: :math:`\psi'(n/2)/2`.

    n = 2: :math:`\pi^2/12`; n = 3: :math:`\pi^2/4 - 2`; large n: about :math:`1/(n-2)`
    (more precisely :math:`1/n + 1/n^2 + O(n^{-3})`). The closed form (derived in the module
    docstring) is evaluated with Arb's trigamma and certified to ``dps`` digits; the tests
    check it against ``mpmath.quad`` of the density.

    Parameters
    ----------
    n : int, ``n >= 2``
    dps : int, optional

    References
    ----------
    https://kexue.fm/archives/7076 (table: n = 10 -> 0.110661, n = 1000 -> 0.001001);
    DLMF 5.15.1.

    Examples
    --------
    >>> from numtheory.numerics import random_angle_variance
    >>> print(random_angle_variance(3), random_angle_variance(10), random_angle_variance(1000))
    0.46740110027234 0.110661477868558 0.00100100066666613
    """
    d = check_dps(dps, "random_angle_variance")
    k = _dimension(n, "random_angle_variance")
    prec = target_prec(d)

    def variance() -> Any:
        x = _backend.acb(_backend.arb(_backend.fmpq(k, 2)))
        return x.polygamma(1).real / 2

    return certified_value(variance, prec, "random_angle_variance")
