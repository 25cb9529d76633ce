"""Arb certification: Ziv's loop, the result builder, and the one wrapper of the Gamma family.

Every certified numerics result is computed the same way. The argument is converted exactly
(:mod:`numtheory.numerics.convert`); FLINT's Arb (ball arithmetic: a midpoint and a radius
that provably contains the true value) evaluates it at the target precision plus guard bits,
inside :class:`numtheory._backend.arb_precision` (the process-global ``flint.ctx.prec`` is
set for the block and restored on exit, also when an exception escapes); the evaluation is
repeated at a higher precision until every part of the ball is certified to the requested
relative accuracy (:func:`arb_certified`: Ziv's strategy); and the result is the ball's
midpoint rounded to nearest, built from its mantissa and exponent (:func:`ball_to_mpmath`),
so it depends neither on the caller's ``mpmath.mp.prec`` nor on FLINT's. mpmath computations
elsewhere in the package run inside ``mpmath.workdps``/``workprec``; the global ``mpmath.mp``
precision is never assigned.

:func:`arb_function` is that pipeline written once for a function of one number, with a
real kernel (for an exact rational argument, given as ``fmpq``) and a complex kernel (for an
``acb`` ball): Gamma, its reciprocal and its logarithm (:mod:`numtheory.numerics.gammafn`)
are three instances. The design follows mpmath's ``_wrap_libmp_function``
(``mpmath/ctx_mp.py``): one factory returns a closure that converts the argument, picks the
route, scopes the precision, certifies and builds the result; each public function only
names its kernels.

Thread safety: both libraries keep their precision in process-global state, so these
functions are **not** thread-safe. Measured (3 threads calling :func:`~numtheory.gamma` at
different ``dps``): every Arb-certified *result* stays correct, because the certification
checks the ball itself, not the context; but the save/restore of ``flint.ctx.prec``
interleaves between threads and left it at 77 instead of 53 afterwards, and the mpmath routes
(:func:`~numtheory.gamma_fourier`, callables in :func:`~numtheory.taylor_coefficients`) use
``mpmath.workdps``, whose global state is not per-thread at all. Use processes (as
``numtheory verify`` does) for parallel work.

References: A. Ziv, "Fast evaluation of elementary mathematical functions with correctly
rounded last bit", ACM Trans. Math. Softw. 17 (1991) 410-423; F. Johansson, "Arb: efficient
arbitrary-precision midpoint-radius interval arithmetic", IEEE Trans. Comput. 66 (2017)
1281-1292.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from typing import Any, Literal

import mpmath
from mpmath import mpc, mpf
from mpmath.libmp import from_man_exp

from numtheory import _backend
from numtheory._validate import show
from numtheory.errors import ConvergenceError, PoleError
from numtheory.numerics.convert import (
    DPS_CEILING,
    ExactNumber,
    check_dps,
    exact_number,
    target_prec,
)

__all__ = [
    "EXTRA_WORK_BITS",
    "GUARD_BITS",
    "acb_of",
    "arb_certified",
    "arb_function",
    "arb_of",
    "ball_to_mpmath",
    "certified_value",
    "fmpq_of",
    "make_mpc",
    "mpf_of_arb_mid",
    "next_step",
]


#: How far above the target precision the Ziv loop of :func:`arb_certified` may go. A part
#: ``2**-k`` times the size of the other part needs about ``k`` extra bits, so parts down to
#: about ``2**-65000`` (10**-19600) of the whole are certified; beyond that the loop stops with
#: an error after about a second (at 15 digits) instead of running for minutes.
EXTRA_WORK_BITS = 65_536

#: Guard bits of the first attempt: a Gamma-family ball at ``prec + 24`` bits is nearly always
#: certified to ``prec + 4`` at once, so the loop usually runs one evaluation.
GUARD_BITS = 24
#: Bits of relative accuracy demanded beyond ``prec`` before the midpoint is rounded to it.
_MARGIN_BITS = 4


def fmpq_of(q: Fraction) -> Any:
    """``Fraction`` -> ``flint.fmpq`` (exact)."""
    return _backend.fmpq(q.numerator, q.denominator)


def arb_of(q: Fraction) -> Any:
    """The Arb ball for ``q`` at the current flint precision (exact when ``q`` is dyadic)."""
    return _backend.arb(fmpq_of(q))


def acb_of(z: ExactNumber) -> Any:
    """The complex Arb ball for ``z`` at the current flint precision."""
    return _backend.acb(arb_of(z.re), arb_of(z.im))


def mpf_of_arb_mid(a: Any, prec: int) -> mpf:
    """The midpoint of the real ball ``a`` rounded to nearest at ``prec`` bits, as an ``mpf``."""
    man, exp = a.mid().man_exp()
    return mpmath.mp.make_mpf(from_man_exp(int(man), int(exp), prec, "n"))


def ball_to_mpmath(ball: Any, prec: int, complex_result: bool = False) -> mpf | mpc:
    """Round the midpoint of an ``arb``/``acb`` ball to an ``mpf``/``mpc`` of ``prec`` bits.

    The global mpmath precision is not touched (the number is built from its mantissa and
    exponent, rounded to nearest at ``prec`` bits).
    """
    if isinstance(ball, _backend.acb):
        return make_mpc(mpf_of_arb_mid(ball.real, prec), mpf_of_arb_mid(ball.imag, prec))
    value = mpf_of_arb_mid(ball, prec)
    return make_mpc(value, mpmath.mpf(0)) if complex_result else value


def make_mpc(re: mpf, im: mpf) -> mpc:
    """An ``mpc`` from two ``mpf`` without rounding them to the global mpmath precision.

    (``mpmath.mpc(re, im)`` rounds both parts to ``mpmath.mp.prec``.)
    """
    return mpmath.mp.make_mpc((re._mpf_, im._mpf_))


def _part_deficit(part: Any, bits: int) -> int | None:
    """Bits still missing for one real ball: 0 when certified, None when unknown (contains 0).

    "Certified" means finite and either exactly zero or relatively accurate to ``bits`` bits.
    A ball that is not finite also gives None.
    """
    if not part.is_finite():
        return None
    if part.is_zero():  # midpoint and radius both zero: exactly zero
        return 0
    if part.contains(0):
        return None
    return max(0, bits - int(part.rel_accuracy_bits()))


def next_step(work: int, deficits: list[int | None], last: int | None) -> tuple[int, int | None]:
    """Bits to add to the working precision ``work`` of a Ziv loop, and the worst deficit.

    ``deficits`` holds each part's missing bits (None: its ball still contains 0 or is not
    finite) and ``last`` the worst deficit of the previous attempt. Adding just the missing
    bits (plus 32) is right when a part's accuracy grows with the working precision, but
    some of Arb's algorithms keep a part's accuracy flat until the precision passes a
    threshold (``acb_lgamma`` at ``3 + 10**-1000 i`` gives its imaginary part 62 bits from
    127 up to 3000 bits of working precision): when the worst deficit did not shrink, or a
    ball contains 0, the precision doubles instead.
    """
    known = [dd for dd in deficits if dd is not None]
    if len(known) < len(deficits):
        return work, last
    worst = max(known)
    if last is not None and worst >= last:
        return work, worst
    return worst + 32, worst


def _parts(ball: Any) -> list[tuple[str, Any]]:
    if isinstance(ball, _backend.acb):
        return [("real part", ball.real), ("imaginary part", ball.imag)]
    return [("value", ball)]


def arb_certified(compute: Callable[[], Any], prec: int, what: str) -> Any:
    """Run ``compute()`` at rising working precision until EACH part is certified to ``prec`` bits.

    Ziv's strategy, part by part: an ``arb`` result, or both the real and the imaginary part
    of an ``acb`` result, must each be exactly zero or have a relative accuracy of at least
    ``prec + 4`` bits (relative to that part, not to the modulus: ``Gamma(3 + 10**-1000 i)``
    has an imaginary part 10**-1000 times smaller than its real part, and both are returned
    to the asked digits). Starts at ``prec + 24`` bits; when a part's ball excludes zero the
    next precision adds the missing bits (plus a margin), otherwise it doubles. Gives up with
    :class:`~numtheory.errors.ConvergenceError` naming the part after 24 attempts or once the
    working precision would exceed ``prec +`` :data:`EXTRA_WORK_BITS`, never returning an
    uncertified digit.

    >>> with_ball = arb_certified(lambda: _backend.arb(1) / 3, 100, "third")
    >>> print(ball_to_mpmath(with_ball, 100))
    0.333333333333333
    """
    need = prec + _MARGIN_BITS
    work = prec + GUARD_BITS
    limit = prec + EXTRA_WORK_BITS
    last: int | None = None
    for _ in range(24):
        with _backend.arb_precision(work):
            ball = compute()
        deficits = [_part_deficit(part, need) for _, part in _parts(ball)]
        if all(dd == 0 for dd in deficits):
            return ball
        if work >= limit:
            break
        step, last = next_step(work, deficits, last)
        work = min(work + step, limit)
    bad = [name for (name, part) in _parts(ball) if _part_deficit(part, need) != 0]
    raise ConvergenceError(
        f"{what}(): could not certify the {' and the '.join(bad)} to {prec} bits "
        f"({prec * math.log10(2):.0f} digits) within {work} bits of working precision "
        "(the limit); a part 2**-k times the size of the whole needs about k extra bits, and "
        "so does an argument about 2**k in size (Gamma(x) needs the bits of x log x: "
        "loggamma() of a huge x is cheaper). To get further, ask for fewer digits (dps), or "
        "raise the limit "
        f"numtheory.numerics.certify.EXTRA_WORK_BITS (now {EXTRA_WORK_BITS}) at the cost of "
        "a slower call"
    )


def certified_value(
    compute: Callable[[], Any], prec: int, what: str, complex_result: bool = False
) -> mpf | mpc:
    """``compute()`` certified by :func:`arb_certified` and rounded to an ``mpf``/``mpc``.

    >>> print(certified_value(lambda: _backend.arb.pi() / 2, 53, "half_pi"))
    1.5707963267949
    """
    return ball_to_mpmath(arb_certified(compute, prec, what), prec, complex_result)


def arb_function(
    name: str,
    real: Callable[[Any], Any],
    complex_: Callable[[Any], Any],
    at_nonpositive_integers: Literal["pole", "zero"],
    real_route: Literal["real", "positive"] = "real",
) -> Callable[[Any, Any], mpf | mpc]:
    """An Arb-certified function ``f(x, dps=15)`` of one number: the shared pipeline, once.

    Parameters
    ----------
    name : str
        The public name, used in every message (``"gamma"``).
    real : callable
        ``real(q)``: the ``arb`` ball of ``f`` at the exact rational ``q`` (an ``fmpq``), at the
        current FLINT precision.
    complex_ : callable
        ``complex_(w)``: the ``acb`` ball of ``f`` at the ``acb`` ball ``w``.
    at_nonpositive_integers : {"pole", "zero"}
        What ``f`` is at ``0, -1, -2, ...``: a pole (:class:`~numtheory.errors.PoleError`
        naming it) or exactly zero (``rgamma``).
    real_route : {"real", "positive"}, optional
        When the real kernel applies: ``"real"`` (default) for a real argument not given as
        a complex type; ``"positive"`` for any argument on the positive real axis, also
        given as a complex type (then returned as an ``mpc``), as ``loggamma`` is real there
        only.

    Returns
    -------
    callable
        ``f(x, dps)`` runs, in this order: the fast path for an ``int``/``Fraction`` and a
        valid ``dps`` (no generic conversion, one Arb evaluation at ``prec + GUARD_BITS``
        bits: about half the Python overhead of a warm call); else
        :func:`~numtheory.numerics.convert.check_dps` and
        :func:`~numtheory.numerics.convert.exact_number`; the nonpositive integers; then
        :func:`arb_certified` on the chosen kernel and :func:`ball_to_mpmath`. The result is
        an ``mpf`` for the real route and a real argument type, else an ``mpc``; each part's
        relative error is below ``2**-prec`` (``prec = dps_to_prec(dps)``).

    Examples
    --------
    >>> half = arb_function("half", lambda q: _backend.arb(q) / 2, lambda w: w / 2, "zero")
    >>> print(mpmath.nstr(half("1/3", 20), 20), half(1 + 2j), half(-2))
    0.16666666666666666667 (0.5 + 1.0j) 0.0
    """
    pole = at_nonpositive_integers == "pole"
    positive_only = real_route == "positive"
    at_precision, fmpq = _backend.arb_precision.call, _backend.fmpq
    margin, guard = _MARGIN_BITS, GUARD_BITS

    def at_nonpositive_integer(k: int, complex_type: bool) -> mpf | mpc:
        if pole:
            raise PoleError(
                f"{name}() has a pole at x = {show(k)} (Gamma has poles at 0, -1, -2, ...)"
            )
        return mpmath.mpc(0) if complex_type else mpmath.mpf(0)

    def evaluate(x: Any, dps: Any = 15) -> mpf | mpc:
        tx = type(x)
        if (tx is int or tx is Fraction) and type(dps) is int and 1 <= dps <= DPS_CEILING:
            # The fast path: the computation below (the real kernel at prec + 24 bits,
            # certified to prec + 4, rounded to prec) minus the generic conversion.
            num, den = (x, 1) if tx is int else (x.numerator, x.denominator)
            if den == 1 and num <= 0:
                return at_nonpositive_integer(num, False)
            if num > 0 or not positive_only:
                prec = target_prec(dps)
                q = fmpq(num, den)
                ball = at_precision(prec + guard, real, q)
                if not ball.rel_accuracy_bits() >= prec + margin:
                    ball = arb_certified(partial(real, q), prec, name)
                return mpf_of_arb_mid(ball, prec)
        d = check_dps(dps, name)
        z = exact_number(x, "x", name)
        k = z.nonpositive_integer()
        if k is not None:
            return at_nonpositive_integer(k, z.is_complex_type)
        prec = target_prec(d)
        if (z.im == 0 and z.re > 0) if positive_only else z.is_real:
            ball = arb_certified(partial(real, fmpq_of(z.re)), prec, name)
            return ball_to_mpmath(ball, prec, z.is_complex_type)
        ball = arb_certified(lambda: complex_(acb_of(z)), prec, name)
        return ball_to_mpmath(ball, prec, True)

    evaluate.__name__ = evaluate.__qualname__ = name
    return evaluate
