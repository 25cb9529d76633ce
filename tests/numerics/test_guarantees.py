"""The stated guarantees: each result within its promised error of a radius-checked Arb ball.

For Gamma, 1/Gamma and log-Gamma the promise (docstring of :func:`numtheory.gamma`) is a
relative error below ``2**-prec`` in each part, ``prec = dps_to_prec(dps)``. The reference is
an Arb ball computed here by another route (``acb.gamma``/``rgamma``/``lgamma`` of the exact
argument, where ours uses ``arb.gamma_fmpq`` for real rationals) at rising precision until its
radius is below ``2**-(prec + 30)`` of each part (asserted, never assumed), then our value must
lie within ``radius + 2**-prec |midpoint|`` of the midpoint. Arguments by Hypothesis: rationals,
``-n +- 10**-k`` near the poles, ``+-10**k`` given as strings up to ``1e100``, and complex ones.
The second independent reference, mpmath at higher precision, is in ``test_gamma.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import flint
import mpmath
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import numtheory.numerics as nn
from numtheory.numerics import exp_taylor, gamma, loggamma, rgamma
from numtheory.numerics.convert import ExactNumber, exact_number, target_prec

OURS: dict[str, Callable[..., Any]] = {"gamma": gamma, "rgamma": rgamma, "loggamma": loggamma}
ACB: dict[str, Callable[[Any], Any]] = {
    "gamma": lambda w: w.gamma(),
    "rgamma": lambda w: w.rgamma(),
    "loggamma": lambda w: w.lgamma(),
}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _arb_exact(x: Any) -> Any:
    """An mpf as an exact Arb point (no rounding; also for exponents beyond 2**63, where
    mpmath's own subtraction fails under the gmpy backend)."""
    sign, man, exp, _ = x._mpf_
    return flint.arb((-int(man) if sign else int(man), int(exp)))


def _reference_ball(f: Callable[[Any], Any], z: ExactNumber, bits: int) -> Any:
    """f(z) as an acb ball, precision raised until each part is certified to ``bits`` bits."""
    work = bits + 64
    while work < 2_000_000:
        with flint.ctx.workprec(work):
            w = flint.acb(
                flint.arb(flint.fmpq(z.re.numerator, z.re.denominator)),
                flint.arb(flint.fmpq(z.im.numerator, z.im.denominator)),
            )
            ball = f(w)
        parts = (ball.real, ball.imag)
        if all(p.is_finite() for p in parts) and all(
            p.is_zero() or (not p.contains(0) and p.rel_accuracy_bits() >= bits) for p in parts
        ):
            return ball
        work *= 2
    raise AssertionError(f"no certified reference for {z}")


def _within_promise(ours: Any, ball: Any, prec: int) -> bool:
    """Each part of ``ours`` within ``rad + 2**-prec |mid|`` of the reference ball (in Arb)."""
    got = (mpmath.re(ours), mpmath.im(ours))
    with flint.ctx.workprec(prec + 256):
        for value, part in zip(got, (ball.real, ball.imag), strict=True):
            mid, rad = part.mid(), part.rad()
            # The radius is checked, not trusted: at most 2**-(prec+30) of the part.
            assert (mid == 0 and rad == 0) or bool(rad <= abs(mid) * flint.arb(2) ** -(prec + 30))
            gap = abs(_arb_exact(value) - mid)
            if not bool(gap <= rad + abs(mid) * flint.arb(2) ** -prec):
                return False
    return True


def _check(name: str, x: Any, dps: int) -> None:
    prec = target_prec(dps)
    ours = OURS[name](x, dps=dps)
    assert isinstance(ours, mpmath.mpf | mpmath.mpc)
    ref = _reference_ball(ACB[name], exact_number(x), prec + 30)
    assert _within_promise(ours, ref, prec), (name, x, dps, ours, ref)
    for part in (mpmath.re(ours), mpmath.im(ours)):
        assert part._mpf_[3] <= prec  # rounded to the asked precision, no more


DPS = st.sampled_from([1, 2, 15, 30, 60, 100])
FUNC = st.sampled_from(sorted(OURS))


def _not_pole(q: Fraction) -> bool:
    return not (q.denominator == 1 and q <= 0)


rationals = st.fractions(min_value=-60, max_value=60, max_denominator=10**6).filter(_not_pole)


@SETTINGS
@given(FUNC, rationals, DPS)
def test_rational_arguments(name: str, x: Fraction, dps: int) -> None:
    _check(name, x, dps)


@SETTINGS
@given(FUNC, st.integers(0, 60), st.sampled_from([-1, 1]), st.integers(5, 60), DPS)
def test_next_to_the_poles(name: str, n: int, sign: int, k: int, dps: int) -> None:
    """x = -n +- 10**-k: Gamma is about (-1)^n / (n! (x + n)); 10**-30 is in the range."""
    _check(name, Fraction(-n) + Fraction(sign, 10**k), dps)


@SETTINGS
@given(
    FUNC, st.integers(3, 100), st.sampled_from(["", "-"]), st.sampled_from(["", ".5", ".25"]), DPS
)
def test_huge_arguments_given_as_strings(name: str, k: int, sign: str, frac: str, dps: int) -> None:
    """``1e6`` ... ``1e100`` and their negatives (off the poles): Gamma far beyond float range."""
    if sign == "-" and not frac:
        frac = ".5"  # -10**k itself is a pole
    text = f"{sign}1e{k}" if not frac else f"{sign}{10**k}{frac}"
    _check(name, text, dps)


complex_parts = st.fractions(min_value=-40, max_value=40, max_denominator=1000)


@SETTINGS
@given(FUNC, complex_parts, complex_parts.filter(bool), DPS)
def test_complex_arguments(name: str, re_: Fraction, im: Fraction, dps: int) -> None:
    with mpmath.workprec(400):
        z = (
            mpmath.mpc(re_.numerator, 0) / re_.denominator
            + mpmath.mpc(0, im.numerator) / im.denominator
        )
    _check(name, z, dps)


@SETTINGS
@given(FUNC, st.integers(-20, 20), st.integers(10, 60), DPS)
def test_complex_next_to_the_real_axis(name: str, n: int, k: int, dps: int) -> None:
    """A tiny imaginary part, also beside the poles: each part certified on its own."""
    _check(name, f"{n}+1e-{k}j", dps)


@pytest.mark.parametrize("text", ["1e6", "1e100", "-1e100+0.5j", "1e100j", "-999999.5", "1e-30"])
@pytest.mark.parametrize("name", sorted(OURS))
def test_named_extreme_arguments(name: str, text: str) -> None:
    _check(name, text, 30)


@SETTINGS
@given(
    st.integers(0, 80),
    st.floats(min_value=-60, max_value=60, allow_nan=False)
    | st.complex_numbers(max_magnitude=40, allow_nan=False, allow_infinity=False),
    DPS,
)
def test_exp_taylor_inexact_inputs_against_an_arb_sum(n: int, x: Any, dps: int) -> None:
    """f_n(x) = sum x^k/k! for a float/complex x (certified): against an Arb ball of the sum."""
    prec = target_prec(dps)
    ours = exp_taylor(n, x, dps=dps)
    z = exact_number(x)

    def poly(w: Any) -> Any:
        total, term = flint.acb(0), flint.acb(1)
        for k in range(n + 1):
            total += term
            term = term * w / (k + 1)
        return total

    ref = _reference_ball(poly, z, prec + 30)
    if ref.real.is_zero() and ref.imag.is_zero():
        assert ours == 0
        return
    assert _within_promise(ours, ref, prec), (n, x, dps, ours)


# --- every public numerics function says what it guarantees -----------------------------------

#: The words by which a docstring states its guarantee: certified (a ball was checked), exact
#: (no rounding), or explicitly not a proof (gamma_fourier, the checking route).
_GUARANTEE = re.compile(r"certif|exact|not a proof|rigorous", re.IGNORECASE)
#: Functions returning mpmath numbers at ``dps``: they must say "certified" or "not a proof".
_DPS_RESULTS = re.compile(r"certif|not a proof", re.IGNORECASE)


@pytest.mark.parametrize("name", [n for n in nn.__all__ if callable(getattr(nn, n))])
def test_every_public_function_states_its_guarantee(name: str) -> None:
    import inspect

    obj = getattr(nn, name)
    doc = inspect.getdoc(obj) or ""
    assert _GUARANTEE.search(doc), f"{name}: no guarantee stated"
    try:
        params = inspect.signature(obj).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        params = {}
    if "dps" in params and name != "check_dps":  # (check_dps validates dps; it returns an int)
        assert _DPS_RESULTS.search(doc), f"{name}: takes dps but does not say what is certified"


# --- Taylor coefficients of the named functions (python-flint's arb_series, higher precision) --

SERIES = {"gamma": "gamma", "rgamma": "rgamma", "loggamma": "lgamma", "exp": "exp", "erf": "erf"}


@SETTINGS
@given(
    st.sampled_from(sorted(SERIES)),
    st.fractions(min_value=-12, max_value=12, max_denominator=97).filter(_not_pole),
    st.integers(0, 25),
    st.sampled_from([5, 15, 40]),
)
def test_named_taylor_coefficients_against_arb_series(
    name: str, x0: Fraction, order: int, dps: int
) -> None:
    """Certified coefficients within ``2**-prec`` of flint's series at prec + 60 bits (radius
    checked): python-flint's test_arb_series checks the same series by identities only."""
    if name == "loggamma" and x0 < 0:
        return  # refused (the real log-Gamma series needs x0 > 0): tested in test_taylor.py
    prec = target_prec(dps)
    ours = nn.taylor_coefficients(name, x0, order, dps=dps)
    assert ours.guarantee == "certified"
    work = prec + 60
    while True:
        cap, flint.ctx.cap = flint.ctx.cap, order + 1  # series length (default 10 terms)
        try:
            with flint.ctx.workprec(work):
                t = flint.arb_series([flint.arb(flint.fmpq(x0.numerator, x0.denominator)), 1])
                series = getattr(t, SERIES[name])()
                got = series.coeffs()
                coeffs = [got[k] if k < len(got) else flint.arb(0) for k in range(order + 1)]
        finally:
            flint.ctx.cap = cap
        if all(
            c.is_zero() or (not c.contains(0) and c.rel_accuracy_bits() >= prec + 30)
            for c in coeffs
        ):
            break
        work *= 2
        assert work < 100_000, (name, x0, order)
    for k, (value, ball) in enumerate(zip(ours, coeffs, strict=True)):
        assert _within_promise(value, flint.acb(ball), prec), (name, x0, k, value, ball)
