"""The Gamma function family at exact arguments, certified with Arb; Gamma by Fourier's route.

``gamma``, ``loggamma`` and ``rgamma`` convert their argument exactly (see
:mod:`numtheory.numerics.precision`), evaluate it with FLINT's Arb ball arithmetic
(``arb.gamma_fmpq`` for real rationals, which has fast formulas for small denominators;
``arb``/``acb`` ``gamma``/``lgamma``/``rgamma`` otherwise), repeat at doubled precision until the
ball is certified to the requested relative accuracy, and return the midpoint rounded to an
mpmath number. Measured here this is 3x-250x faster than ``mpmath.gamma`` (whose first call
at a new precision builds Bernoulli-number caches: 48 s at 10,000 digits) and it is rigorous.

``gamma_fourier`` recomputes Gamma(z), Re z > 0, from the seed article's integral with
``mpmath.quad``: an independent, slower route used to *check* the fast one.

References: DLMF 5.2.1 (Euler's integral), 5.4 (special values), 5.5 (functional relations),
5.10 (Stirling); https://kexue.fm/archives/3108 (the Fourier route);
F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic",
IEEE Trans. Comput. 66 (2017).

(The module is called ``gammafn`` so that ``numtheory.numerics.gamma`` stays the function.)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath

from numtheory import _backend
from numtheory.errors import InputError, PoleError
from numtheory.numerics.precision import (
    ExactNumber,
    acb_of,
    arb_certified,
    arb_of,
    ball_to_mpmath,
    check_dps,
    exact_number,
    fmpq_of,
    make_mpc,
    target_prec,
)

__all__ = ["gamma", "gamma_fourier", "loggamma", "rgamma"]


def _pole(func: str, z: ExactNumber) -> None:
    k = z.nonpositive_integer()
    if k is not None:
        raise PoleError(f"{func}() has a pole at x = {k} (Gamma has poles at 0, -1, -2, ...)")


def gamma(x: Any, dps: int = 15) -> Any:
    r"""Gamma function :math:`\Gamma(x)` to ``dps`` significant digits, certified by Arb.

    Parameters
    ----------
    x : int, Fraction, Decimal, str, float, complex, mpmath.mpf or mpmath.mpc
        Converted exactly (``"1/3"`` is the rational 1/3; a float is its binary value).
    dps : int, optional
        Decimal digits of the result (default 15).

    Returns
    -------
    mpmath.mpf or mpmath.mpc
        ``mpf`` for a real argument, ``mpc`` for a complex type. Its relative error is below
        ``2**-prec`` with ``prec = mpmath.libmp.dps_to_prec(dps)`` (the midpoint of an Arb
        ball certified to ``prec + 4`` bits, rounded to nearest).

    Raises
    ------
    PoleError
        At the poles ``x = 0, -1, -2, ...`` (the message names the pole).
    InputTypeError, InputError
        ``bool``/``None``/unknown types; NaN, infinities, malformed strings, bad ``dps``.

    References
    ----------
    DLMF 5.2.1, 5.4.6 (Gamma(1/2) = sqrt(pi)); Arb's ``arb_gamma_fmpq``.

    Examples
    --------
    >>> from numtheory.numerics import gamma
    >>> import mpmath
    >>> print(mpmath.nstr(gamma("1/3", dps=30), 30))
    2.67893853470774763365569294097
    >>> print(gamma(5), mpmath.nstr(gamma("0.5", dps=20), 20))
    24.0 1.7724538509055160273
    >>> print(gamma(1 + 2j))
    (0.151904002670036 + 0.019804880161855j)
    >>> gamma(-2)
    Traceback (most recent call last):
    ...
    numtheory.errors.PoleError: gamma() has a pole at x = -2 (Gamma has poles at 0, -1, -2, ...)
    """
    d = check_dps(dps, "gamma")
    z = exact_number(x, "x", "gamma")
    _pole("gamma", z)
    prec = target_prec(d)
    if z.is_real:
        q = fmpq_of(z.re)
        ball = arb_certified(lambda: _backend.arb.gamma_fmpq(q), prec, "gamma")
    else:
        ball = arb_certified(lambda: acb_of(z).gamma(), prec, "gamma")
    return ball_to_mpmath(ball, prec, z.is_complex_type)


def loggamma(x: Any, dps: int = 15) -> Any:
    r"""Log-Gamma :math:`\log\Gamma(x)` (principal branch, as ``mpmath.loggamma``).

    For real ``x > 0`` the result is the real ``mpf`` :math:`\log\Gamma(x)`. For real
    ``x < 0`` (not an integer) and complex ``x`` it is the ``mpc`` value of the analytic
    continuation with branch cut on the negative real axis (the "log-gamma
    function" of Hare 1997), e.g. ``loggamma(-0.5) = log(2 sqrt(pi)) - i pi``. Same accuracy
    guarantee and same argument types as :func:`gamma`.

    Raises
    ------
    PoleError
        At ``x = 0, -1, -2, ...``.

    References
    ----------
    DLMF 5.10 (Stirling series), 5.4; D. E. G. Hare, "Computing the principal branch of
    log-Gamma", J. Algorithms 25 (1997).

    Examples
    --------
    >>> from numtheory.numerics import loggamma
    >>> import mpmath
    >>> print(mpmath.nstr(loggamma(10**6, dps=25), 25))
    12815504.56914761165997697
    >>> print(mpmath.nstr(loggamma("-0.5", dps=20), 20))
    (1.2655121234846453965 - 3.1415926535897932385j)
    """
    d = check_dps(dps, "loggamma")
    z = exact_number(x, "x", "loggamma")
    _pole("loggamma", z)
    prec = target_prec(d)
    if z.im == 0 and z.re > 0:
        ball = arb_certified(lambda: arb_of(z.re).lgamma(), prec, "loggamma")
        return ball_to_mpmath(ball, prec, z.is_complex_type)
    ball = arb_certified(lambda: acb_of(z).lgamma(), prec, "loggamma")
    return ball_to_mpmath(ball, prec, True)


def rgamma(x: Any, dps: int = 15) -> Any:
    r"""Reciprocal Gamma :math:`1/\Gamma(x)`, an entire function (0 at ``x = 0, -1, ...``).

    Same argument types and accuracy guarantee as :func:`gamma`; no pole, so no
    ``PoleError``: ``rgamma(-3) == 0`` exactly.

    References
    ----------
    DLMF 5.2.1, 5.8.1 (Weierstrass product).

    Examples
    --------
    >>> from numtheory.numerics import rgamma
    >>> print(rgamma("1/2"), rgamma(-3))
    0.564189583547756 0.0
    """
    d = check_dps(dps, "rgamma")
    z = exact_number(x, "x", "rgamma")
    prec = target_prec(d)
    if z.nonpositive_integer() is not None:
        return mpmath.mpc(0) if z.is_complex_type else mpmath.mpf(0)
    if z.is_real:
        q = fmpq_of(z.re)
        ball = arb_certified(lambda: 1 / _backend.arb.gamma_fmpq(q), prec, "rgamma")
    else:
        ball = arb_certified(lambda: acb_of(z).rgamma(), prec, "rgamma")
    return ball_to_mpmath(ball, prec, z.is_complex_type)


def _fourier_limits(c: float, imag: float, dps: int) -> tuple[float, float]:
    """Where the integrand exp(c w - e^w) drops below 10**-(dps+5) of its scale."""
    budget = (dps + 5) * math.log(10) + 0.7 * abs(imag) + 2
    # Left tail: exp(c w) < exp(-budget) relative to the peak height (which is <= 1 near 0
    # for small c; for large c the peak sits at w = log c and the tail starts later).
    peak = math.log(c) if c > 1 else 0.0
    lo = peak - budget / c - 1
    # Right tail: e^w - c w > budget + c*peak.
    hi = max(peak, 0.0) + 1.0
    while math.exp(hi) - c * hi < budget + c * max(peak, 0.0) + c:
        hi += 0.25
    return lo, hi


def gamma_fourier(z: Any, dps: int = 15) -> Any:
    r"""Gamma(z) for Re z > 0 from :math:`\int_{-\infty}^{\infty}\exp(zw - e^w)\,dw`.

    The seed article's route: along a vertical line Gamma has an ordinary Fourier transform,
    :math:`\Gamma(c+it) = \int e^{cw - e^w} e^{iwt}\,dw`; substituting :math:`t = e^w` gives
    Euler's integral (DLMF 5.2.1). The integral is taken with ``mpmath.quad`` (tanh-sinh) over
    a finite window outside which the integrand is below ``10**-(dps+5)`` (the tails decay like
    ``exp(c w)`` on the left and doubly exponentially on the right), split at the peak
    ``w = log(Re z)`` and into pieces a few oscillations long when ``Im z != 0``.

    This is a *check*, not the fast path (use :func:`gamma`): accuracy is mpmath's quadrature
    error estimate, not a proof, and it costs milliseconds at 15 digits and grows with ``dps``
    and ``|Im z|`` (cancellation: ``|Gamma(c+it)|`` decays like ``exp(-pi|t|/2)``, so about
    ``0.68 |t|`` extra digits are used).

    Parameters
    ----------
    z : number (as for :func:`gamma`) with ``Re z > 0``
    dps : int, optional

    Raises
    ------
    InputError
        When ``Re z <= 0`` (the integral diverges).

    References
    ----------
    https://kexue.fm/archives/3108 (2014-12-08); DLMF 5.2.1.

    Examples
    --------
    >>> from numtheory.numerics import gamma_fourier
    >>> print(gamma_fourier(5), gamma_fourier("0.5"))
    24.0 1.77245385090552
    >>> print(gamma_fourier(1 + 2j))
    (0.151904002670036 + 0.019804880161855j)
    """
    d = check_dps(dps, "gamma_fourier")
    w = exact_number(z, "z", "gamma_fourier")
    if w.re <= 0:
        raise InputError(f"gamma_fourier() needs Re z > 0, got z = {w}")
    c, t = float(w.re), float(w.im)
    lo, hi = _fourier_limits(c, t, d)
    extra = int(0.7 * abs(t)) + 10 + int(math.log10(1 + abs(lo) + hi))
    prec = target_prec(d)
    with mpmath.workdps(d + extra):
        zz = mpmath.mpc(_to_mpf(w.re), _to_mpf(w.im)) if w.im else _to_mpf(w.re)
        peak = math.log(c) if c > 1 else 0.0
        span = hi - lo
        pieces = max(4, int(span * abs(t) / (2 * math.pi) / 2) + 1)
        pts = sorted({lo, hi, *(lo + span * k / pieces for k in range(1, pieces)), peak})
        pts = [p for p in pts if lo <= p <= hi]
        mpts = [mpmath.mpf(p) for p in pts]

        def integrand(u: Any) -> Any:
            return mpmath.exp(zz * u - mpmath.exp(u))

        value = mpmath.quad(integrand, mpts)
    if w.is_complex_type or w.im:
        return make_mpc(_round(value.real, prec), _round(value.imag, prec))
    return _round(value.real if isinstance(value, mpmath.mpc) else value, prec)


def _to_mpf(q: Fraction) -> Any:
    """An exact Fraction as an mpf at the current mpmath precision."""
    return mpmath.mpf(q.numerator) / q.denominator


def _round(v: Any, prec: int) -> Any:
    with mpmath.workprec(prec):
        return +v
