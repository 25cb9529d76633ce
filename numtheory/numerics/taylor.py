"""Taylor coefficients of analytic functions at a point.

* Named functions, and the callables Arb knows, with FLINT's ``arb_series`` /
  ``acb_series``: certified, about a millisecond for 100 coefficients.
* Any other Python callable through the Cauchy integral on a circle by FFT
  (:mod:`numtheory.numerics.cauchy`), with error estimates.

The Taylor polynomials of exp live in :mod:`numtheory.numerics.exppoly`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import ConvergenceError, InputError, InputTypeError, PoleError
from numtheory.numerics.cauchy import (
    MAX_CAUCHY_DPS,
    MAX_POINTS,
    TaylorCoefficients,
    cauchy_coefficients,
)
from numtheory.numerics.certify import acb_of, arb_of, make_mpc, mpf_of_arb_mid, next_step
from numtheory.numerics.convert import (
    ExactNumber,
    check_dps,
    check_memory,
    exact_number,
    exact_real,
    target_prec,
)

__all__ = [
    "MAX_CAUCHY_ORDER",
    "MAX_ORDER",
    "SERIES_FUNCTIONS",
    "taylor_coefficients",
]

#: Function names :func:`taylor_coefficients` computes rigorously with Arb power series.
SERIES_FUNCTIONS: dict[str, str] = {
    "exp": "exp",
    "log": "log",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "atan": "atan",
    "sqrt": "sqrt",
    "rsqrt": "rsqrt",
    "erf": "erf",
    "erfc": "erfc",
    "gamma": "gamma",
    "rgamma": "rgamma",
    "loggamma": "lgamma",
}

#: Largest order accepted by :func:`taylor_coefficients` for a named function (Arb series).
MAX_ORDER = 1_000_000
#: Largest order for a Python callable (the Cauchy route evaluates it 2-4 times per order).
MAX_CAUCHY_ORDER = 2_000


def _known_name(f: Any) -> str | None:
    """The :data:`SERIES_FUNCTIONS` name of a callable Arb knows (mpmath's or ours), or None."""
    import numtheory.numerics.gammafn as ours  # here: gammafn imports nothing from taylor

    known = {
        ours.gamma: "gamma",
        ours.rgamma: "rgamma",
        ours.loggamma: "loggamma",
        mpmath.gamma: "gamma",
        mpmath.rgamma: "rgamma",
        mpmath.loggamma: "loggamma",
        mpmath.exp: "exp",
        mpmath.log: "log",
        mpmath.ln: "log",
        mpmath.sin: "sin",
        mpmath.cos: "cos",
        mpmath.tan: "tan",
        mpmath.atan: "atan",
        mpmath.sqrt: "sqrt",
        mpmath.erf: "erf",
        mpmath.erfc: "erfc",
    }
    try:
        return known.get(f)
    except TypeError:  # an unhashable callable
        return None


#: Largest total size, ``(order + 1) * working bits``, of an Arb power series: measured here
#: exp to order 10**6 at 15 digits (1.2e8 bit-coefficients) took 54 s and 0.7 GB; the Gamma
#: family costs ~10x more per bit-coefficient (order 2000 at 3000 digits: 85 s, 0.24 GB).
SERIES_MAX_BITS = 2**27
GAMMA_SERIES_MAX_BITS = 2**24


def _series_bytes(n: int, work: int, complex_: bool) -> int:
    """Peak memory estimate of an Arb series of n + 1 terms at ``work`` bits, with our copy.

    Several series of that size live at once inside Arb (about 4, each coefficient a
    midpoint of ``work`` bits plus a radius and headers), and each result becomes an mpf
    (about 200 bytes of Python objects plus the mantissa).
    """
    per = (work // 8 + 48) * (2 if complex_ else 1)
    return (n + 1) * (4 * per + per + 200)


def _check_order(order: Any, name: str, func: str, low: int = 0, high: int = MAX_ORDER) -> int:
    k = as_int(order, name)
    if not low <= k <= high:
        raise InputError(f"{func}() needs {low} <= {name} <= {high}, got {show(k)}")
    return k


def taylor_coefficients(
    f: Any, x0: Any, order: Any, dps: int = 15, *, radius: Any = None
) -> TaylorCoefficients:
    r"""Taylor coefficients :math:`c_0, \dots, c_{order}` of ``f`` at ``x0``.

    ``f(x0 + h) = sum_k c_k h^k``, i.e. :math:`c_k = f^{(k)}(x_0)/k!` (DLMF 1.10.1).

    Parameters
    ----------
    f : str or callable
        A name in :data:`SERIES_FUNCTIONS` (``"exp"``, ``"log"``, ``"sin"``, ``"cos"``,
        ``"tan"``, ``"atan"``, ``"sqrt"``, ``"rsqrt"``, ``"erf"``, ``"erfc"``, ``"gamma"``,
        ``"rgamma"``, ``"loggamma"``), or one of the functions Arb knows passed as a callable
        (``numtheory.gamma``/``rgamma``/``loggamma``, ``mpmath.exp``, ``mpmath.gamma``, ...):
        Arb power-series arithmetic, **certified** and fast (about 1 ms for 100 coefficients
        of Gamma). Any other callable taking and returning mpmath numbers (it is called at
        complex points): the Cauchy integral on a circle, by FFT
        (:mod:`numtheory.numerics.cauchy`), with per-coefficient error **estimates**
        (0.2 s for Gamma to order 60 at 40 digits, where ``mpmath.taylor`` took 11.7 s).
    x0 : number
        The expansion point, converted exactly (as for :func:`numtheory.gamma`). A complex
        ``x0`` gives ``mpc`` coefficients.
    order : int
        Highest power, ``0 <= order <= 1_000_000`` for named functions, ``<= 2000`` for
        other callables.
    dps : int, optional
        Decimal digits of each coefficient (at most 2000 for a callable that is not known to
        Arb; the numerics ceiling, 100,000, otherwise).
    radius : real number, optional
        Callables only: ``f`` is analytic on the closed disc ``|z - x0| <= radius`` (it is
        sampled on that circle for Cauchy's estimate, and on the circle of half that radius
        for the coefficients). Default: 1, halved while ``f`` raises or returns NaN/inf on
        the circles or the coefficients break Cauchy's estimate (a pole inside). A larger
        radius suits entire functions at high order (exp to order 100: ``radius=32``).

    Returns
    -------
    TaylorCoefficients
        A list of ``order + 1`` mpmath numbers (``mpc`` for a complex ``x0``, or for a
        callable that is not real on the real axis), with ``.guarantee`` (``"certified"`` or
        ``"estimate"``), ``.method``, and ``.errors`` (per coefficient, a bound or an
        estimate of the absolute error). Certified: each part's relative error is below
        ``2**-prec`` (``prec = dps_to_prec(dps)``; real and imaginary parts separately),
        except parts whose ball still contains 0 after the working precision reached 16x
        the start, returned as 0 and below ``2**-(16*prec)`` in absolute value. Estimate:
        each error estimate is below ``10**-dps |c_k|``, except for coefficients smaller
        than ``10**-(dps + 60)`` times ``max|f|`` on the sampling circle times ``r**-k``,
        whose absolute error is estimated below that floor (zero coefficients; or tiny ones
        on a small radius).

    Raises
    ------
    PoleError
        ``gamma``/``loggamma`` at ``0, -1, -2, ...``.
    InputError
        Unknown name, ``x0`` outside the function's domain (``log`` at ``x0 <= 0``, real
        ``loggamma`` at ``x0 < 0``), bad ``order``/``dps``.
    ConvergenceError
        A named function's coefficient that could not be certified (neither relatively
        accurate nor provably below ``2**-(16*prec)``), or a callable whose coefficients
        would need more than 8192 points or ``dps + 600`` working digits; never a silently
        wrong digit.
    InputTypeError
        A callable that fails on complex mpmath arguments or returns something else.

    References
    ----------
    DLMF 1.10.1; F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval
    arithmetic", IEEE Trans. Comput. 66 (2017) (power series); mpmath ``taylor``/``diff``.

    Examples
    --------
    >>> from numtheory.numerics import taylor_coefficients
    >>> [float(c) for c in taylor_coefficients("exp", 0, 4)]
    [1.0, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664]
    >>> import mpmath
    >>> print(mpmath.nstr(taylor_coefficients("gamma", 1, 1, dps=30)[1], 30))   # -EulerGamma
    -0.577215664901532860606512090082
    >>> c = taylor_coefficients(lambda z: 1 / (1 - z), 0, 3)
    >>> [float(v) for v in c], c.guarantee, c.radius
    ([1.0, 1.0, 1.0, 1.0], 'estimate', Fraction(1, 2))
    """
    d = check_dps(dps, "taylor_coefficients")
    n = _check_order(order, "order", "taylor_coefficients", high=MAX_ORDER)
    z = exact_number(x0, "x0", "taylor_coefficients")
    prec = target_prec(d)
    name = f if isinstance(f, str) else _known_name(f)
    if name is not None:
        return _series_coefficients(name, z, n, prec)
    if not callable(f):
        raise InputTypeError(
            f"taylor_coefficients() needs f to be a function name or a callable, got "
            f"{show(f)} ({type(f).__name__})"
        )
    if n > MAX_CAUCHY_ORDER:
        raise InputError(
            f"taylor_coefficients() needs order <= {MAX_CAUCHY_ORDER} for a callable f (the "
            f"Cauchy route evaluates f about 2*order times), got {show(n)}; named functions "
            f"go up to {MAX_ORDER}"
        )
    if d > MAX_CAUCHY_DPS:
        raise InputError(
            f"taylor_coefficients() needs dps <= {MAX_CAUCHY_DPS} for a callable f (the "
            f"Cauchy route's {MAX_POINTS} points alias at about 10**-2466), got dps = {d}; "
            "named functions go up to the numerics ceiling"
        )
    r = None
    if radius is not None:
        r = exact_real(radius, "radius", "taylor_coefficients")
        if r <= 0:
            raise InputError(f"taylor_coefficients() needs radius > 0, got {show(radius)}")
    return cauchy_coefficients(f, z, n, d, prec, r)


def _series_coefficients(name: str, z: ExactNumber, n: int, prec: int) -> TaylorCoefficients:
    method = SERIES_FUNCTIONS.get(name)
    if method is None:
        raise InputError(
            f"taylor_coefficients() knows the functions {sorted(SERIES_FUNCTIONS)}, got {name!r}"
        )
    if name in ("gamma", "loggamma"):
        k = z.nonpositive_integer()
        if k is not None:
            raise PoleError(f"taylor_coefficients(): {name} has a pole at x0 = {show(k)}")
    real = z.is_real
    if name == "loggamma" and real and z.re < 0:
        raise InputError(
            f"taylor_coefficients(): real loggamma needs x0 > 0, got x0 = {z} "
            "(pass a complex x0 for the principal branch)"
        )
    need = prec + 4
    # Guard bits: the series recurrences, plus the size of x0 (argument reduction for
    # exp/sin/cos of a large x0 needs about log2|x0| more bits).
    size_bits = max(_magnitude_bits(z.re), _magnitude_bits(z.im))
    work = prec + 24 + 2 * n.bit_length() + size_bits
    limit = GAMMA_SERIES_MAX_BITS if name in ("gamma", "rgamma", "loggamma") else SERIES_MAX_BITS
    if (n + 1) * work > limit:
        raise InputError(
            f"taylor_coefficients() would build a power series of {n + 1} coefficients of "
            f"{work} bits each ({(n + 1) * work:.2e} bits; {name} allows {limit:.2e}, about a "
            "minute of uninterruptible C); ask for a lower order or fewer digits"
        )
    tiny = _backend.arb(2) ** (-16 * prec)
    max_work = 16 * work
    last: int | None = None
    for _attempt in range(12):
        what = f"{n + 1} series coefficients at {work} bits"
        check_memory(_series_bytes(n, work, not real), what, "taylor_coefficients")
        with _backend.arb_precision(work, cap=n + 1):  # cap: the series keep n + 1 terms
            s: Any = (
                _backend.arb_series([arb_of(z.re), 1])
                if real
                else _backend.acb_series([acb_of(z), 1])
            )
            coeffs = list(getattr(s, method)().coeffs())
        coeffs += [_backend.arb(0) if real else _backend.acb(0)] * (n + 1 - len(coeffs))
        if not all(c.is_finite() for c in coeffs):
            # NaN/inf balls: x0 outside the domain (log(-1)), or an argument so large
            # that Arb cannot reduce it at this precision (exp(1e308), sin(10**5000)).
            raise InputError(
                f"taylor_coefficients(): x0 = {z} is outside the domain of {name}, or too "
                "large to evaluate"
            )
        deficits = [_deficit(c, need, tiny) for c in coeffs]
        if all(dd == 0 for dd in deficits) or work >= max_work:
            break
        step, last = next_step(work, deficits, last)
        work = min(work + step, max_work)
    out, errors = [], []
    for k, c in enumerate(coeffs):
        if _deficit(c, need, tiny) != 0:
            raise ConvergenceError(
                f"taylor_coefficients(): could not certify coefficient {k} of {name} at "
                f"x0 = {z} to {prec} bits in each part (last working precision {work}, the "
                "limit of 16 times the first); ask for fewer digits (dps) or a lower order"
            )
        parts = [_certified_part(p, prec, need) for p in ([c] if real else [c.real, c.imag])]
        out.append(parts[0][0] if real else make_mpc(parts[0][0], parts[1][0]))
        errors.append(sum((e for _, e in parts), mpmath.mpf(0)))
    return TaylorCoefficients(out, guarantee="certified", method="arb power series", errors=errors)


def _deficit(c: Any, need: int, tiny: Any) -> int | None:
    """Bits still missing for coefficient ``c``, part by part (0: certified; None: unknown).

    A part is done when exactly zero, relatively accurate to ``need`` bits, or provably below
    ``tiny`` (then returned as 0); a part whose ball contains 0 above ``tiny`` is unknown.
    """
    worst = 0
    for part in [c] if isinstance(c, _backend.arb) else [c.real, c.imag]:
        if part.is_zero():
            continue
        if part.contains(0):
            if part.abs_upper() <= tiny:
                continue
            return None
        worst = max(worst, need - int(part.rel_accuracy_bits()))
    return worst


def _certified_part(part: Any, prec: int, need: int) -> tuple[Any, Any]:
    """(mpf value, error bound) of a part that :func:`_deficit` accepted."""
    if part.is_zero() or part.contains(0):  # exactly zero, or provably below 2**-(16 prec)
        return mpmath.mpf(0), _mpf_upper(part.abs_upper())
    value = mpf_of_arb_mid(part, prec)
    # The ball's radius plus the final rounding to prec bits.
    return value, _mpf_upper(part.rad()) + abs(value) * mpmath.mpf(2) ** -prec


def _mpf_upper(a: Any) -> Any:
    """An arb's upper bound (a radius or ``abs_upper``) as an mpf, rounded up."""
    man, exp = a.upper().man_exp() if hasattr(a, "upper") else a.man_exp()
    return mpmath.mpf((int(man) + 1, int(exp))) if man else mpmath.mpf(0)


def _magnitude_bits(q: Fraction) -> int:
    """About ``max(0, log2 |q|)``, exactly from the bit lengths."""
    return max(0, abs(q.numerator).bit_length() - q.denominator.bit_length())
