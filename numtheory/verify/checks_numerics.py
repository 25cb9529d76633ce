"""Built-in checks on the numerics: Gamma, exp Taylor polynomials, Mitchell, random angles.

Each compares the library with a second computation made here (mpmath at higher precision,
exact rationals, FLINT's certified root isolation) and with the seed articles' printed values.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from numtheory.errors import InputError
from numtheory.verify._lib import lib
from numtheory.verify.registry import Outcome, check, range_check
from numtheory.verify.result import ChunkResult

__all__: list[str] = []

TAYLOR_7919 = "https://kexue.fm/archives/7919"

#: The article's table (https://kexue.fm/archives/7919): n -> (x*, f_n(x*)) as printed.
MINIMA_TABLE = {
    2: ("-1", "0.5"),
    4: ("-1.59607", "0.270395"),
    6: ("-2.18061", "0.149325"),
    8: ("-2.759", "0.0832715"),
    10: ("-3.33355", "0.0466991"),
}


def _printed_tolerance(text: str) -> float:
    """Half a unit in the last printed digit (plus a hair): "-2.759" -> 5.1e-4."""
    decimals = len(text.partition(".")[2])
    return 0.51 * 10.0**-decimals


def _exp_taylor_poly(n: int) -> Any:
    """n! * f_n(x) = sum_k n!/k! x^k as a FLINT integer polynomial."""
    import flint  # deliberate: an independent second method, not numtheory._backend

    coeffs, c = [], 1
    for k in range(n, -1, -1):  # n!/k! built from k = n downwards
        coeffs.append(c)
        c *= k
    return flint.fmpz_poly(coeffs[::-1])


def _real_root_count(n: int) -> int:
    """Real roots of f_n, counted on FLINT's certified complex root isolation (a real root
    is returned with an exactly zero imaginary part)."""
    roots = _exp_taylor_poly(n).complex_roots()
    return sum(mult for z, mult in roots if z.imag == 0)


def _taylor_degree_params(params: dict[str, Any]) -> None:
    """The degree cap of ``certify_exp_taylor_positive``, before any chunk runs (a degree of
    10**7 made every worker build and isolate the roots of a degree-10**7 polynomial: hung)."""
    from numtheory.numerics.exppoly import MAX_CERTIFY_DEGREE

    if params["upto"] > MAX_CERTIFY_DEGREE:
        raise InputError(
            f"exp-taylor-positive: upto must be <= {MAX_CERTIFY_DEGREE} (the Sturm chain's "
            f"maximum degree), got {params['upto']}"
        )


@range_check(
    "exp-taylor-positive",
    claim="f_n(x) = sum_{k<=n} x^k/k! has no real root for even n, exactly one for odd n",
    source=f"{TAYLOR_7919}; Banerjee et al., arXiv:2011.11538",
    start=1,
    upto=64,
    chunk_size=8,
    min_start=1,
    validate=_taylor_degree_params,
)
def exp_taylor_positive(lo: int, hi: int) -> ChunkResult:
    """For each n: certified real-root count of f_n (FLINT) vs the parity rule vs
    ``numtheory.certify_exp_taylor_positive(n)``."""
    certify = lib("certify_exp_taylor_positive")
    result = ChunkResult(lo, hi)
    for n in range(lo, hi):
        count = _real_root_count(n)
        got = bool(certify(n))
        result.checked += 1
        if count != n % 2 or got != (n % 2 == 0):
            result.fail(n, real_roots=count, certified_positive=got)
    return result


#: Largest ``n_max`` of exp-taylor-minima: its mpmath reference sums n terms at about n/2 extra
#: digits for each even n, so the check grows like n_max**3 (about 4 s at 200 here).
MINIMA_MAX_N = 200


def _n_max_param(params: dict[str, Any]) -> None:
    if params["n_max"] < 2:
        raise InputError(f"exp-taylor-minima: n_max must be >= 2, got {params['n_max']}")
    if params["n_max"] > MINIMA_MAX_N:
        raise InputError(
            f"exp-taylor-minima: n_max must be <= {MINIMA_MAX_N} (its reference costs about "
            f"n_max**3), got {params['n_max']}"
        )


@check(
    "exp-taylor-minima",
    claim="for even n the minimum of f_n sits at the real root x* of f_{n-1} and equals "
    "x*^n/n! > 0 (n = 4: -1.59607, 0.270395; n = 10: -3.33355, 0.0466991)",
    source=TAYLOR_7919,
    params={"n_max": 10, "dps": 30},
    validate=_n_max_param,
)
def exp_taylor_minima(n_max: int = 10, dps: int = 30) -> Outcome:
    """``numtheory.exp_taylor_min`` vs a bracketed mpmath root of f_{n-1} at dps + 10 digits,
    vs the identity f_n(x*) = x*^n/n!, vs the article's table (to its printed digits)."""
    import mpmath

    minimum = lib("exp_taylor_min")
    rows: dict[int, list[str]] = {}
    worst = 0.0
    bad = []
    with mpmath.workdps(dps + 10):
        eps = mpmath.mpf(10) ** (-dps + 2)
        for n in range(2, n_max + 1, 2):
            x_lib, m_lib = minimum(n, dps=dps)

            def f(x: Any, m: int) -> Any:
                return mpmath.fsum(x**k / mpmath.factorial(k) for k in range(m + 1))

            # The terms reach e^|x*| (|x*| < n) while the sum is about e^x*: n/2 more digits
            # keep the residual under findroot's tolerance, and Ridders' bracketing method
            # converges where Anderson-Bjorck stalled (from n = 48 it raised ValueError).
            with mpmath.workdps(mpmath.mp.dps + n // 2):
                x_ref = mpmath.findroot(lambda x, m=n - 1: f(x, m), (-n - 1, 0), solver="ridder")
                m_ref = f(x_ref, n)
            x_ref, m_ref = +x_ref, +m_ref
            identity = abs(m_ref - x_ref**n / mpmath.factorial(n)) / m_ref
            err = max(abs(x_lib - x_ref) / abs(x_ref), abs(m_lib - m_ref) / m_ref, identity)
            worst = max(worst, float(err))
            ok = err < eps and m_ref > 0
            if n in MINIMA_TABLE:
                x_txt, m_txt = MINIMA_TABLE[n]
                ok = ok and abs(float(x_lib) - float(x_txt)) <= _printed_tolerance(x_txt)
                ok = ok and abs(float(m_lib) - float(m_txt)) <= _printed_tolerance(m_txt)
            rows[n] = [mpmath.nstr(x_lib, 12), mpmath.nstr(m_lib, 12)]
            if not ok:
                bad.append(n)
    odd_refused = True
    try:
        minimum(3, dps=dps)
        odd_refused = False
    except ValueError:
        pass
    passed = not bad and odd_refused
    text = f"even n = 2..{n_max} match the table and x*^n/n!, largest relative error {worst:.2g}"
    if not passed:
        text = f"FAILED at n = {bad}" + ("" if odd_refused else "; odd n not refused")
    return Outcome(passed, text, minima=rows, max_error=worst, failing_n=bad)


#: Arguments for the Gamma identities (exact rationals; no poles in x, x+1/2, 1-x, 2x).
GAMMA_POINTS = ("1/3", "2/7", "1/2", "5/2", "7/3", "41/4", "1/10", "13/5", "99/7", "-7/3")


@check(
    "gamma-identities",
    claim="Gamma(x+1) = x Gamma(x), Gamma(x) Gamma(1-x) = pi/sin(pi x), Legendre duplication, "
    "Gamma(1/2) = sqrt(pi), Gamma(n) = (n-1)!, to the working precision",
    source="DLMF 5.4.6, 5.5.1, 5.5.3, 5.5.5; https://kexue.fm/archives/3108",
    params={"dps": 100},
)
def gamma_identities(dps: int = 100) -> Outcome:
    """numtheory.gamma / loggamma / rgamma at exact rationals, identities evaluated with
    mpmath at dps + 15 digits, plus mpmath's own gamma as an independent reference."""
    import mpmath

    gamma, loggamma, rgamma = lib("gamma"), lib("loggamma"), lib("rgamma")
    errors: dict[str, Any] = {}

    def note(name: str, got: Any, want: Any) -> None:
        err = abs(got - want) / abs(want) if want != 0 else abs(got)
        errors[name] = max(errors.get(name, mpmath.mpf(0)), err)

    with mpmath.workdps(dps + 15):
        pi = mpmath.pi
        for text in GAMMA_POINTS:
            x = Fraction(text)
            xm = mpmath.mpf(x.numerator) / x.denominator
            g = gamma(x, dps=dps)
            note("mpmath.gamma", g, mpmath.gamma(xm))
            note("recurrence", gamma(x + 1, dps=dps), xm * g)
            note("reflection", g * gamma(1 - x, dps=dps), pi / mpmath.sin(pi * xm))
            dup = 2 ** (1 - 2 * xm) * mpmath.sqrt(pi) * gamma(2 * x, dps=dps)
            note("duplication", g * gamma(x + Fraction(1, 2), dps=dps), dup)
            note("rgamma", rgamma(x, dps=dps) * g, mpmath.mpf(1))
            if x > 0:
                note("loggamma", loggamma(x, dps=dps), mpmath.log(mpmath.gamma(xm)))
        note("Gamma(1/2) = sqrt(pi)", gamma(Fraction(1, 2), dps=dps), mpmath.sqrt(pi))
        for n in range(1, 31):
            note("Gamma(n) = (n-1)!", gamma(n, dps=dps), mpmath.mpf(math.factorial(n - 1)))
    worst = max(errors.values())
    tolerance = mpmath.mpf(10) ** (-dps + 1)
    failed = sorted(k for k, v in errors.items() if v > tolerance)
    shown = mpmath.nstr(worst, 2)
    text = f"{len(GAMMA_POINTS)} rational points at {dps} digits, largest relative error {shown}"
    if failed:
        text = f"FAILED {failed} (tolerance 1e{1 - dps}); largest error {shown}"
    return Outcome(
        not failed,
        text,
        max_error=float(worst),  # 0.0 when below the float range; see max_error_text
        max_error_text=shown,
        errors={k: mpmath.nstr(v, 3) for k, v in errors.items()},
        tolerance=f"1e{1 - dps}",
    )


#: Gamma(z) by the article's integral, with the article's values (https://kexue.fm/archives/3108).
FOURIER_POINTS = (
    ("1", "0", "1"),
    ("0.5", "0", "1.77245385091"),
    ("5", "0", "24"),
    ("1", "2", "0.15190400267+0.0198048801619j"),
    ("0.3", "-1.7", "0.0710918325377+0.139377423262j"),
)
#: The inverse pair (c, omega) -> exp(c omega - e^omega), printed values.
FOURIER_PAIRS = (("1", "0", "0.367879441171"), ("1", "0.7", "0.268809398182"))


@check(
    "gamma-fourier",
    claim="Gamma(z) = integral over the real line of exp(z w - e^w) dw for Re z > 0 "
    "(Gamma is a Fourier transform along vertical lines)",
    source="https://kexue.fm/archives/3108; DLMF 5.2.1",
    params={"dps": 15},
)
def gamma_fourier(dps: int = 15) -> Outcome:
    """numtheory.gamma_fourier vs mpmath.gamma vs the article's 12-digit values, and the inverse
    transform (1/2pi) int Gamma(c+it) e^{-i w t} dt recomputed here with mpmath.quad."""
    import mpmath

    fourier = lib("gamma_fourier")
    worst_ref = worst_article = 0.0
    with mpmath.workdps(dps + 5):
        for re_text, im_text, printed in FOURIER_POINTS:
            z = mpmath.mpc(re_text, im_text)
            got = fourier(z, dps=dps)
            ref = mpmath.gamma(z)
            worst_ref = max(worst_ref, float(abs(got - ref) / abs(ref)))
            article = mpmath.mpmathify(complex(printed))
            worst_article = max(worst_article, float(abs(got - article) / abs(article)))
        with mpmath.workdps(15):
            pair_err = 0.0
            for c_text, w_text, printed in FOURIER_PAIRS:
                c, w = mpmath.mpf(c_text), mpmath.mpf(w_text)
                integral = mpmath.quad(
                    lambda t, c=c, w=w: mpmath.gamma(c + 1j * t) * mpmath.exp(-1j * w * t),
                    mpmath.linspace(-60, 60, 13),
                ) / (2 * mpmath.pi)
                exact = mpmath.exp(c * w - mpmath.exp(w))
                pair_err = max(
                    pair_err, float(abs(integral - exact)), abs(float(exact) - float(printed))
                )
    tol_ref, tol_article, tol_pair = 10.0 ** (-dps + 2), 1e-10, 1e-9
    ok = worst_ref <= tol_ref and worst_article <= tol_article and pair_err <= tol_pair
    text = (
        f"{len(FOURIER_POINTS)} points: error vs mpmath {worst_ref:.2g}, vs article "
        f"{worst_article:.2g}; inverse pairs {pair_err:.2g}"
    )
    return Outcome(
        ok,
        text if ok else "FAILED: " + text,
        max_error=worst_ref,
        article_error=worst_article,
        inverse_pair_error=pair_err,
    )


def _mitchell_reference(a: Fraction, b: Fraction) -> Fraction:
    """Mitchell's product computed from the article's case formula, exactly."""
    na, nb = math.floor(math.log2(a)), math.floor(math.log2(b))
    while Fraction(2) ** (na + 1) <= a:
        na += 1
    while Fraction(2) ** na > a:
        na -= 1
    while Fraction(2) ** (nb + 1) <= b:
        nb += 1
    while Fraction(2) ** nb > b:
        nb -= 1
    x1, x2 = a / Fraction(2) ** na - 1, b / Fraction(2) ** nb - 1
    scale = Fraction(2) ** (na + nb)
    return scale * (1 + x1 + x2) if x1 + x2 < 1 else 2 * scale * (x1 + x2)


def _grid_param(params: dict[str, Any]) -> None:
    if params["grid"] < 1:
        raise InputError(f"mitchell: grid must be >= 1, got {params['grid']}")


@check(
    "mitchell",
    claim="Mitchell's log-add multiplication never overestimates and errs by at most 1/9, "
    "reached at mantissas 1/2 and 1/2",
    source="J. N. Mitchell, IRE Trans. Electron. Comput. EC-11 (1962); "
    "https://kexue.fm/archives/7991",
    params={"grid": 48},
    validate=_grid_param,
)
def mitchell(grid: int = 48) -> Outcome:
    """numtheory.mitchell_multiply on a grid of mantissas (and exponents -3..3) vs the exact
    case formula; the ratio to the true product stays in [8/9, 1]; the article's examples."""
    multiply = lib("mitchell_multiply")
    worst = highest = Fraction(1)
    mismatches = []
    cases = 0
    for i in range(grid):
        for j in range(grid):
            for shift in (-3, 0, 5):
                a = (1 + Fraction(i, grid)) * Fraction(2) ** shift
                b = (1 + Fraction(j, grid)) * Fraction(2) ** (-shift // 2)
                got = Fraction(multiply(a, b))
                cases += 1
                if got != _mitchell_reference(a, b):
                    mismatches.append((str(a), str(b)))
                worst = min(worst, got / (a * b))
                highest = max(highest, got / (a * b))
    facts = {
        "matches the exact case formula on the grid": not mismatches,
        "ratio to the true product in [8/9, 1] on the grid": Fraction(8, 9) <= worst
        and highest <= 1,
        "8/9 reached at 1.5 * 1.5 (= 2, not 2.25)": Fraction(
            multiply(Fraction(3, 2), Fraction(3, 2))
        )
        == 2,
        "exact on powers of two (8 * 8 = 64)": Fraction(multiply(8, 8)) == 64,
        "12.3 * 4.56 -> 53.68 (article)": Fraction(multiply(Fraction("12.3"), Fraction("4.56")))
        == Fraction("53.68"),
    }
    if grid % 2 == 0:  # the grid holds mantissa 1.5, where the bound is reached
        facts["worst ratio on the grid is exactly 8/9"] = worst == Fraction(8, 9)
    ok = all(facts.values())
    text = f"{cases} products on a {grid}x{grid} mantissa grid, worst ratio {worst}"
    if not ok:
        text = f"FAILED {[k for k, v in facts.items() if not v]}; {len(mismatches)} mismatches"
    return Outcome(
        ok, text, checked=cases, worst_ratio=str(worst), facts=facts, mismatches=mismatches[:5]
    )


#: Var(theta) from the article's table (https://kexue.fm/archives/7076), as printed.
ANGLE_TABLE = {
    3: "0.467401",
    10: "0.110661",
    20: "0.0525832",
    50: "0.0204053",
    100: "0.0101007",
    200: "0.00502508",
    1000: "0.001001",
}


@check(
    "random-angle",
    claim="the angle between two random vectors in R^n has mean pi/2 and variance "
    "pi^2/4 - 2 for n = 3, about 1/(n-2) for large n (the article's table)",
    source="https://kexue.fm/archives/7076",
    params={"dps": 20},
)
def random_angle(dps: int = 20) -> Outcome:
    """numtheory.random_angle_variance / _mean / _pdf vs mpmath quadrature of the density
    Gamma(n/2)/(Gamma((n-1)/2) sqrt(pi)) sin^(n-2)(theta), written out here, and vs the table."""
    import mpmath

    variance, mean, pdf = (
        lib("random_angle_variance"),
        lib("random_angle_mean"),
        lib("random_angle_pdf"),
    )
    worst = 0.0
    bad = []
    with mpmath.workdps(dps + 10):
        half_pi = mpmath.pi / 2
        for n, printed in ANGLE_TABLE.items():
            const = mpmath.gamma(mpmath.mpf(n) / 2) / (
                mpmath.gamma(mpmath.mpf(n - 1) / 2) * mpmath.sqrt(mpmath.pi)
            )
            width = min(half_pi, 12 / mpmath.sqrt(n))
            nodes = [half_pi - width, half_pi, half_pi + width]
            ref = const * mpmath.quad(
                lambda t, n=n: (t - half_pi) ** 2 * mpmath.sin(t) ** (n - 2), nodes
            )
            got = variance(n, dps=dps)
            err = float(abs(got - ref) / ref)
            worst = max(worst, err)
            ok = err < 10.0 ** (-dps + 3)
            ok = ok and abs(float(got) - float(printed)) <= _printed_tolerance(printed)
            ok = ok and abs(mean(n, dps=dps) - half_pi) < 10.0 ** (-dps + 1)
            if not ok:
                bad.append(n)
        exact3 = abs(variance(3, dps=dps) - (mpmath.pi**2 / 4 - 2)) < 10.0 ** (-dps + 1)
        mass = {
            n: float(mpmath.quad(lambda t, n=n: pdf(t, n, dps=dps), [0, half_pi, mpmath.pi]))
            for n in (3, 10)
        }
    mass_ok = all(abs(m - 1) < 1e-12 for m in mass.values())
    ok = not bad and exact3 and mass_ok
    text = f"n = 3..1000: variance matches quadrature (error {worst:.2g}) and the table"
    if not ok:
        text = f"FAILED at n = {bad}; n=3 exact: {exact3}; pdf mass: {mass}"
    return Outcome(ok, text, max_error=worst, pdf_mass=mass, failing_n=bad)
