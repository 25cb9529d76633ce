r"""Taylor coefficients of an arbitrary analytic callable: the Cauchy integral on a circle + FFT.

For ``f`` analytic on the closed disc ``|z - x0| <= R``, the trapezoidal rule on the circle of
radius ``r = R/2`` with ``N`` points,

.. math:: \hat c_k = \frac{1}{N r^k} \sum_{j<N} f(x_0 + r\omega^j)\,\omega^{-jk},
          \qquad \omega = e^{2\pi i/N},

is one discrete Fourier transform (FLINT's ``acb.dft``). It aliases only the coefficients
``N`` apart, :math:`\hat c_k = \sum_{m\ge0} c_{k+mN} r^{mN}`, and Cauchy's estimate
``|c_j| <= M R**-j`` (``M = max |f|`` on the circle of radius ``R``) bounds what it adds:

.. math:: |\hat c_k - c_k| \le M R^{-k} \frac{\rho^N}{1-\rho^N}, \qquad \rho = r/R = 1/2.

The samples themselves carry the rounding error of ``f`` at the working precision ``wp``
digits, at most about ``10**-wp * max|f(circle r)| * r**-k`` in ``c_k`` (the DFT is stable:
it averages). Both terms are reported per coefficient in :attr:`TaylorCoefficients.errors`.
``M`` is *sampled* (its true maximum may be larger) and the rounding of ``f`` is taken on
trust, so these are **estimates**, not proofs: the result says ``guarantee == "estimate"``.
Working precision and ``N`` are raised until every estimate is below ``10**-dps |c_k|``.

Sanity checks that catch a disc that is not analytic (a pole inside it): every computed
``|c_k|``, including the ``N - order - 1`` beyond the asked order (where a pole inside the
circle shows up as aliased negative powers), must obey Cauchy's estimate; ``f`` must not
raise or return NaN/inf on either circle. With the default radius the disc is halved until
these pass.

References: L. N. Trefethen and J. A. C. Weideman, "The exponentially convergent trapezoidal
rule", SIAM Review 56 (2014); F. Bornemann, "Accuracy and stability of computing high-order
derivatives of analytic functions by Cauchy integrals", Found. Comput. Math. 11 (2011);
DLMF 1.10.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import mpmath

from numtheory import _backend
from numtheory._validate import show
from numtheory.errors import ConvergenceError, InputError, InputTypeError
from numtheory.numerics.certify import make_mpc, mpf_of_arb_mid
from numtheory.numerics.convert import ExactNumber, check_memory

__all__ = ["MAX_CAUCHY_DPS", "TaylorCoefficients", "cauchy_coefficients"]

#: Most extra working digits (beyond ``dps``) and most circle points the Cauchy route uses.
MAX_EXTRA_DIGITS = 600
MAX_POINTS = 8192
#: Most digits the route is asked for: with ``MAX_POINTS`` points the aliasing factor
#: ``2**-N`` is about 10**-2466, which must cover ``dps`` plus the coefficients' decay.
MAX_CAUCHY_DPS = 2000
#: Halvings of the default radius (1) before giving up.
_HALVINGS = 12
#: Safety factor on the sampled maximum ``M`` (the true maximum lies between samples).
_M_SAFETY = 2


class TaylorCoefficients(list[Any]):
    """The coefficients ``c_0`` to ``c_order`` (a list), and what is known about their accuracy.

    Attributes
    ----------
    guarantee : str
        ``"certified"``: every coefficient's relative error is proven below ``2**-prec``
        (Arb ball arithmetic). ``"estimate"``: the Cauchy/FFT route on a user callable;
        :attr:`errors` are numerical estimates of the absolute errors, not proofs.
    method : str
        ``"arb power series"`` or ``"cauchy integral + fft"``.
    errors : list of mpmath.mpf
        Per coefficient, a bound (certified) or an estimate of ``|computed - exact|``.
    radius : Fraction or None
        For the Cauchy route, the disc radius ``R`` on which ``f`` was taken to be analytic.
    points : int
        For the Cauchy route, the number of evaluations of ``f`` on the circle of radius R/2.
    """

    guarantee: str
    method: str
    errors: list[Any]
    radius: Fraction | None
    points: int

    def __init__(
        self,
        coefficients: list[Any],
        *,
        guarantee: str,
        method: str,
        errors: list[Any],
        radius: Fraction | None = None,
        points: int = 0,
    ) -> None:
        super().__init__(coefficients)
        self.guarantee = guarantee
        self.method = method
        self.errors = errors
        self.radius = radius
        self.points = points

    def __repr__(self) -> str:
        return f"TaylorCoefficients({list.__repr__(self)}, guarantee={self.guarantee!r})"


class _NotAnalytic(Exception):
    """``f`` failed on a circle or broke Cauchy's estimate: the disc is too large."""


def _sample(f: Callable[[Any], Any], centre: Any, radius: Any, count: int) -> list[Any]:
    """``f(centre + radius * exp(2 pi i j / count))`` for ``j < count`` at the current precision."""
    out = []
    for j in range(count):
        point = centre + radius * mpmath.expjpi(mpmath.mpf(2 * j) / count)
        try:
            value = f(point)
        except (ArithmeticError, ValueError) as exc:
            raise _NotAnalytic(f"f({mpmath.nstr(point, 8)}) raised {exc!r}") from exc
        except TypeError as exc:
            raise InputTypeError(
                "taylor_coefficients() evaluates a callable f at complex mpmath numbers on a "
                f"circle around x0; f({mpmath.nstr(point, 8)}) raised {exc!r}"
            ) from exc
        try:
            value = mpmath.mpmathify(value)
        except (TypeError, ValueError) as exc:
            raise InputTypeError(
                f"taylor_coefficients() needs f to return numbers, got {show(value)}"
            ) from exc
        if not mpmath.isfinite(value):
            raise _NotAnalytic(f"f({mpmath.nstr(point, 8)}) = {value}")
        out.append(value)
    return out


def _acb_of_mpc(v: Any) -> Any:
    def part(x: Any) -> Any:
        sign, man, exp, _ = x._mpf_
        return _backend.arb((-int(man) if sign else int(man), int(exp)))

    c = mpmath.mpc(v) if not isinstance(v, mpmath.mpc) else v
    return _backend.acb(part(c.real), part(c.imag))


def _pow2_at_least(x: float) -> int:
    return 1 << max(6, math.ceil(math.log2(max(x, 2.0))))


def _log10(x: Any) -> float:
    """log10 of a positive mpf (or -inf for 0) without float overflow."""
    return -math.inf if x == 0 else float(mpmath.log10(x))


def cauchy_coefficients(
    f: Callable[[Any], Any], z: ExactNumber, n: int, dps: int, prec: int, radius: Fraction | None
) -> TaylorCoefficients:
    """The Cauchy/FFT route of :func:`numtheory.numerics.taylor_coefficients` (module docstring).

    ``radius`` None means: start at R = 1 and halve the disc while ``f`` fails on it or
    breaks Cauchy's estimate. An explicit radius is used as given (InputError if it fails).
    """
    big_r = Fraction(1) if radius is None else radius
    last = ""
    for _ in range(_HALVINGS if radius is None else 1):
        try:
            return _on_disc(f, z, n, dps, prec, big_r)
        except _NotAnalytic as exc:
            last = str(exc)
            big_r /= 2
    shown = radius if radius is not None else big_r * 2
    raise InputError(
        f"taylor_coefficients(): f does not look analytic on the disc |z - x0| <= {shown} "
        f"around x0 = {z} ({last}); pass radius= smaller than the distance from x0 to the "
        "nearest singularity of f"
    )


def _on_disc(
    f: Callable[[Any], Any], z: ExactNumber, n: int, dps: int, prec: int, big_r: Fraction
) -> TaylorCoefficients:
    r = big_r / 2
    # First guess: coefficients shrinking like (1/R)^k lose about k*log10(2) digits on the
    # circle of radius R/2, and the aliasing rho^N must reach 10**-dps * 2**-k.
    extra = 20 + math.ceil(n * math.log10(2))
    count = min(MAX_POINTS, _pow2_at_least(n + 1 + dps * math.log2(10) + 16))
    with mpmath.workdps(20):
        centre = _mp_point(z)
        outer = _sample(f, centre, _mp_fraction(big_r), _pow2_at_least(2 * (n + 1)))
        m_big = _M_SAFETY * max(abs(v) for v in outer)
        real_on_axis = z.is_real and _is_real_valued(f, centre)
    for _attempt in range(6):
        wp = dps + extra
        # The samples as mpc, their acb copies and the DFT's output, at wp digits.
        per_point = 2 * (int(wp * 3.33) // 8 + 100)
        what = f"{count} samples at {wp} digits"
        check_memory(6 * count * per_point, what, "taylor_coefficients")
        with mpmath.workdps(wp):
            samples = _sample(f, _mp_point(z), _mp_fraction(r), count)
            m_small = max(abs(v) for v in samples)
        coeffs = _dft_coefficients(samples, r, count, wp)
        with mpmath.workdps(30):
            ok, need_digits, need_points, errors = _assess(
                coeffs, n, dps, wp, count, r, big_r, m_small, m_big
            )
        if ok:
            break
        if extra >= MAX_EXTRA_DIGITS and count >= MAX_POINTS:
            raise ConvergenceError(
                f"taylor_coefficients(): could not reach {dps} digits for f at x0 = {z} with "
                f"{MAX_POINTS} points and {dps + MAX_EXTRA_DIGITS} working digits (the "
                "coefficients are too small beside max|f| on the circle); try a smaller radius= "
                "or fewer digits (dps)"
            )
        extra = min(MAX_EXTRA_DIGITS, max(extra, need_digits - dps))
        count = min(MAX_POINTS, max(count, need_points))
    else:
        raise ConvergenceError(
            f"taylor_coefficients(): the Cauchy estimates for f at x0 = {z} did not converge "
            f"to {dps} digits in 6 rounds of more points and working digits (last: {count} "
            f"points, {dps + extra} digits); try a smaller radius=, a lower order or fewer "
            "digits (dps)"
        )
    # Real coefficients when f is real at the real x0 and the imaginary parts are noise.
    real_on_axis = real_on_axis and all(
        mpmath.mpf(abs(mpf_of_arb_mid(c.imag, 64))) <= 4 * e
        for c, e in zip(coeffs, errors, strict=False)
    )
    out = []
    half_ulp = mpmath.mpf(2) ** -prec
    for k, c in enumerate(coeffs[: n + 1]):
        if real_on_axis:
            value = mpf_of_arb_mid(c.real, prec)
        else:
            value = make_mpc(mpf_of_arb_mid(c.real, prec), mpf_of_arb_mid(c.imag, prec))
        out.append(value)
        with mpmath.workdps(30):  # the final rounding to prec bits belongs to the error too
            errors[k] = errors[k] + abs(value) * half_ulp
    return TaylorCoefficients(
        out,
        guarantee="estimate",
        method="cauchy integral + fft",
        errors=errors,
        radius=big_r,
        points=count,
    )


def _is_real_valued(f: Callable[[Any], Any], x: Any) -> bool:
    """Whether ``f`` returns a real number at the real point x (then the c_k are real)."""
    try:
        return not isinstance(mpmath.mpmathify(f(x)), mpmath.mpc)
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise InputError(f"taylor_coefficients(): f(x0) = f({x}) raised {exc!r}") from exc


def _mp_fraction(q: Fraction) -> Any:
    return mpmath.mpf(q.numerator) / q.denominator


def _mp_point(z: ExactNumber) -> Any:
    x = _mp_fraction(z.re)
    return x if z.im == 0 else mpmath.mpc(x, _mp_fraction(z.im))


def _dft_coefficients(samples: list[Any], r: Fraction, count: int, wp: int) -> list[Any]:
    """``c_k`` for ``k < count`` as acb balls (their radii hold the DFT's own rounding)."""
    bits = int(wp * 3.33) + 32
    with _backend.arb_precision(bits):
        values = _backend.acb.dft([_acb_of_mpc(v) for v in samples])
        inv_r = 1 / _backend.arb(_backend.fmpq(r.numerator, r.denominator))
        coeffs = []
        factor = _backend.arb(1) / count
        for v in values:
            coeffs.append(v * factor)
            factor *= inv_r
    return coeffs


def _log10_abs(c: Any) -> tuple[float, Any]:
    """(log10 |mid c|, an upper bound of c's radius as an mpf) for an acb ball."""
    re, im = mpf_of_arb_mid(c.real, 64), mpf_of_arb_mid(c.imag, 64)
    rad = mpf_of_arb_mid(c.real.rad() + c.imag.rad(), 64)
    return _log10(mpmath.hypot(re, im)), rad


#: A coefficient below 10**-(dps + FLOOR_DIGITS) * max|f(circle r)| * r**-k is taken as
#: (near) zero and gets an absolute error below that floor instead of a relative one.
FLOOR_DIGITS = 60


def _assess(
    coeffs: list[Any],
    n: int,
    dps: int,
    wp: int,
    count: int,
    r: Fraction,
    big_r: Fraction,
    m_small: Any,
    m_big: Any,
) -> tuple[bool, int, int, list[Any]]:
    """Error estimates per coefficient, whether all meet the target, and what would.

    Returns ``(ok, working digits needed, points needed, errors)``; raises
    :class:`_NotAnalytic` when a coefficient breaks Cauchy's estimate.
    """
    log_r, log_big = math.log10(r), math.log10(big_r)
    log_m_small, log_m_big = _log10(m_small), _log10(m_big)
    # log10 of the aliasing factor rho^N / (1 - rho^N), rho = 1/2.
    log_alias = -count * math.log10(2) - math.log10(1 - 2.0**-count)
    ok = True
    need_digits, need_points = 0, count
    errors = []
    for k, c in enumerate(coeffs):
        log_size, rad = _log10_abs(c)
        scale = log_m_small - k * log_r  # log10 of max|f(circle r)| r^-k
        log_round = scale - (wp - 2)
        # Cauchy: |c_k| <= M R^-k, also beyond the asked order (a pole inside the circle
        # shows up there as aliased negative powers).
        cauchy = log_m_big - k * log_big
        if log_size > cauchy + math.log10(4) and log_size > log_round + 1:
            raise _NotAnalytic(
                f"|c_{k}| ~ 1e{log_size:.0f} breaks Cauchy's estimate M R^-k ~ 1e{cauchy:.0f}"
            )
        if k > n:
            continue
        log_aliasing = cauchy + log_alias
        log_err = max(log_round, log_aliasing) + math.log10(2)
        errors.append(mpmath.mpf(10) ** log_err + rad)
        floor = scale - dps - FLOOR_DIGITS
        target = log_size - dps if log_size >= floor else floor
        if log_err > target:
            ok = False
            need_digits = max(need_digits, math.ceil(scale - target + 3))
            need_points = max(need_points, _pow2_at_least((cauchy - target + 1) / math.log10(2)))
    return ok, need_digits, need_points, errors
