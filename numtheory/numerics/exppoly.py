"""The Taylor polynomials of exp, ``f_n(x) = sum_{k<=n} x^k/k!``: values, minima, positivity.

* :func:`exp_taylor`: ``f_n(x)``, exact for rational ``x``.
* :func:`exp_taylor_min`: the minimum of ``f_n`` for even ``n``: the minimiser is the unique
  real root of ``f_{n-1}`` (as ``f_n' = f_{n-1}``) and the minimum is ``x*^n/n! > 0``
  (seed article https://kexue.fm/archives/7919; Banerjee et al., arXiv:2011.11538).
* :func:`certify_exp_taylor_positive`, :func:`count_real_roots`: exact Sturm sequences on
  ``flint.fmpq_poly`` (no floating-point root finding: mpmath ``polyroots`` reported two real
  roots for ``f_200``, which has none).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath
from mpmath import mpc, mpf

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import ConvergenceError, InputError, InputTypeError
from numtheory.numerics.certify import acb_of, arb_of, ball_to_mpmath, certified_value, fmpq_of
from numtheory.numerics.convert import (
    check_dps,
    check_memory,
    exact_number,
    exact_real,
    show_fraction,
    target_prec,
)

__all__ = [
    "EXP_MIN_MAX_BITS",
    "MAX_CERTIFY_DEGREE",
    "MAX_EXP_DEGREE",
    "MAX_STURM_DEGREE",
    "certify_exp_taylor_positive",
    "count_real_roots",
    "exp_taylor",
    "exp_taylor_min",
]

#: Largest ``n * working bits`` for the Newton step of :func:`exp_taylor_min`.
EXP_MIN_MAX_BITS = 2**30

#: Largest degree of a Sturm chain of :func:`count_real_roots` (any rational coefficients:
#: their size, not only the degree, sets the cost, so this stays at the degree measured for
#: f_n-sized coefficients in well under a minute). Storing the whole chain, as before, took
#: 0.85 GB at n = 1500 and aborted Python (GMP) at n = 4000 under 6 GB.
MAX_STURM_DEGREE = 2_000

#: Largest ``n`` of :func:`certify_exp_taylor_positive`. Measured for f_n keeping two chain
#: members at a time (CPU time, peak resident memory, python-flint 0.9): n = 2000 10 s and
#: 47 MB, 3000 43 s and 65 MB, 5000 210 s and 124 MB (time grows like n**3.2, memory like
#: n**2). Memory is far from a 24 GiB machine's; time is what bounds it (n = 10000 would be
#: about half an hour of uninterruptible C).
MAX_CERTIFY_DEGREE = 5_000

#: Largest degree accepted by :func:`exp_taylor`, :func:`exp_taylor_min` and
#: :func:`certify_exp_taylor_positive`. Their exact polynomial ``sum_k (n!/k!) x^k / n!`` holds
#: about ``n**2 log2(n) / 2`` bits (100 MB at n = 10**4), and the Sturm chain's cost grows
#: about like ``n**4`` (1 s at n = 1000, 17 s at 2000): beyond this a call would exhaust memory
#: or never finish, so it is refused up front.
MAX_EXP_DEGREE = 10_000


#: Largest size, in bits, of the exact rational :func:`exp_taylor` returns (or evaluates, for a
#: binary input). ``f_n(p/q)`` has a numerator of about ``n * max(bits(p), bits(q)) + log2(n!)``
#: bits: for ``x = 10**(10**6)`` at ``n = 10**4`` that is 33 billion bits, and FLINT aborted the
#: interpreter allocating it. 2**25 bits (4 MiB, 10 million digits) takes about a second here.
MAX_EXACT_BITS = 2**25


def _exact_bits(m: int, q: Fraction) -> int:
    """Estimated bits of the numerator of ``f_m(q)`` (an upper bound up to a few percent)."""
    height = max(q.numerator.bit_length(), q.denominator.bit_length(), 1)
    return m * height + m * max(1, m.bit_length())


def _check_order(order: Any, name: str, func: str, high: int) -> int:
    k = as_int(order, name)
    if not 0 <= k <= high:
        raise InputError(f"{func}() needs 0 <= {name} <= {high}, got {show(k)}")
    return k


def _exp_poly(n: int) -> Any:
    """``f_n`` as an exact ``fmpq_poly`` with coefficients 1/k!.

    Built as ``(sum_k (n!/k!) x^k) / n!`` (FLINT's own representation of an ``fmpq_poly``: an
    integer polynomial over one common denominator) with the integers formed in ``fmpz``
    arithmetic: 50x faster at n = 3000 than converting n + 1 Python fractions. (Scaling the
    polynomial itself to integer coefficients, as ``fmpz_poly``, makes the Sturm chain below
    about 10x slower.)
    """
    return _backend.exp_taylor_fmpq_poly(n)


def exp_taylor(n: Any, x: Any, dps: int = 15) -> Fraction | mpf | mpc:
    r"""The degree-``n`` Taylor polynomial of exp, :math:`f_n(x) = \sum_{k=0}^{n} x^k/k!`.

    Parameters
    ----------
    n : int
        Degree, ``n >= 0``.
    x : number
        Converted exactly (as for :func:`numtheory.gamma`).
    dps : int, optional
        Digits of an inexact result (ignored when the result is exact).

    Returns
    -------
    Fraction or mpmath.mpf or mpmath.mpc
        **Exact** ``Fraction`` when ``x`` is given as an exact rational (``int``,
        ``Fraction``, another ``numbers.Rational``, ``Decimal`` or a string): f_n(x) is then
        rational and nothing is lost. For ``float``/``mpf`` (binary inputs, treated as their
        exact values) an ``mpf``, and for ``complex``/``mpc`` an ``mpc``, with relative error
        below ``2**-prec`` (certified with Arb; the cancellation for ``x << 0``, where the
        terms reach ``e^|x|`` and the sum is about ``e^x``, is handled by raising the working
        precision). An exact result larger than ``MAX_EXACT_BITS`` (2**25 bits) is refused
        with ``InputError`` (a huge or finely divided ``x`` at a high degree); a binary input
        that large is evaluated in ball arithmetic instead of exactly.

    References
    ----------
    https://kexue.fm/archives/7919; DLMF 4.2.19 (the exponential series).

    Examples
    --------
    >>> from numtheory.numerics import exp_taylor
    >>> exp_taylor(3, -2)
    Fraction(-1, 3)
    >>> exp_taylor(4, "1/2")
    Fraction(211, 128)
    >>> import mpmath
    >>> print(mpmath.nstr(exp_taylor(20, 1.0, dps=20), 20))
    2.7182818284590452353
    """
    m = _check_order(n, "n", "exp_taylor", high=MAX_EXP_DEGREE)
    d = check_dps(dps, "exp_taylor")
    z = exact_number(x, "x", "exp_taylor")
    inexact = isinstance(x, (float, complex, mpmath.mpf, mpmath.mpc))
    small = z.im == 0 and _exact_bits(m, z.re) <= MAX_EXACT_BITS
    if not inexact and z.im == 0:
        if not small:
            raise InputError(
                f"exp_taylor() would return an exact rational of about "
                f"{_exact_bits(m, z.re):.3g} bits at n = {m} and x = {show_fraction(z.re)}, "
                f"more than {MAX_EXACT_BITS} (MAX_EXACT_BITS); pass x as an mpmath.mpf for a "
                "certified rounded value"
            )
        v = _exp_poly(m)(fmpq_of(z.re))
        return Fraction(int(v.p), int(v.q))
    prec = target_prec(d)
    p = _exp_poly(m)
    real = z.im == 0 and not z.is_complex_type
    if real and small:
        v = p(fmpq_of(z.re))  # exact: the binary input is a dyadic rational
        with _backend.arb_precision(prec + 16):
            return ball_to_mpmath(_backend.arb(v), prec)
    coeffs = [_backend.fmpq(c.p, c.q) for c in p.coeffs()]

    def horner() -> Any:
        w = arb_of(z.re) if real else acb_of(z)
        acc = _backend.arb(0) if real else _backend.acb(0)
        for c in reversed(coeffs):
            acc = acc * w + _backend.arb(c)
        return acc

    # Ball arithmetic (Ziv's loop raises the precision through any cancellation).
    return certified_value(horner, prec, "exp_taylor", not real)


def count_real_roots(coefficients: Sequence[Any]) -> int:
    """Number of distinct real roots of a polynomial with rational coefficients (exact).

    A Sturm sequence on ``flint.fmpq_poly`` (exact rational arithmetic): the number of sign
    variations of ``p, p', -rem(p, p'), ...`` at -inf minus that at +inf (Sturm 1829; see
    e.g. Basu, Pollack, Roy, *Algorithms in Real Algebraic Geometry*, Thm 2.50).

    Parameters
    ----------
    coefficients : sequence of int, Fraction or fraction strings
        Ascending: ``coefficients[k]`` multiplies ``x**k``. Not all zero.

    Returns
    -------
    int
        Exact (no rounding anywhere); multiple roots count once.

    Raises
    ------
    InputError
        Degree above ``MAX_STURM_DEGREE``, or a Sturm chain past its budgets, checked before
        each remainder: one step's ``degree * bits**2`` above ``STURM_STEP_LIMIT`` (about a
        second) or more than ``STURM_CPU_LIMIT`` (30) CPU seconds in all (a generic
        polynomial's rational remainders grow much faster than those of f_n).

    References
    ----------
    C. Sturm (1829); Basu, Pollack, Roy, *Algorithms in Real Algebraic Geometry*, Thm 2.50.

    Examples
    --------
    >>> from numtheory.numerics import count_real_roots
    >>> count_real_roots([-2, 0, 1])          # x^2 - 2
    2
    >>> count_real_roots([1, 0, 1])           # x^2 + 1
    0
    >>> count_real_roots([0, 0, 1])           # x^2: one distinct root
    1
    """
    if isinstance(coefficients, (str, bytes)) or not isinstance(coefficients, Sequence):
        raise InputTypeError(
            f"count_real_roots() needs a sequence of rational coefficients, got "
            f"{show(coefficients)}"
        )
    qs = []
    for i, c in enumerate(coefficients):
        if isinstance(c, (float, complex, mpmath.mpf, mpmath.mpc)):
            raise InputTypeError(
                f"count_real_roots() needs exact rational coefficients, got {c!r} at index {i}"
            )
        qs.append(fmpq_of(exact_real(c, f"coefficients[{i}]", "count_real_roots")))
    p = _backend.fmpq_poly(qs)
    if p.is_zero():
        raise InputError("count_real_roots() needs a nonzero polynomial (0 has every root)")
    if p.degree() > MAX_STURM_DEGREE:
        raise InputError(
            f"count_real_roots() needs degree <= {MAX_STURM_DEGREE} (the exact Sturm chain's "
            f"cost grows like degree**3.4: about 24 s at {MAX_STURM_DEGREE}), got {p.degree()}"
        )
    check_memory(
        _sturm_bytes(p), f"the Sturm chain of a degree-{p.degree()} polynomial", "count_real_roots"
    )
    return _sturm_count(p, limited=True)


#: Budgets of :func:`count_real_roots`, checked before each remainder of the Sturm chain (one
#: remainder is one C call that cannot be interrupted). ``STURM_STEP_LIMIT`` bounds one step's
#: cost ``degree * height_bits**2`` (about a second here at 1e13); ``STURM_CPU_LIMIT`` bounds
#: the CPU seconds of the whole chain. A cost model on the input alone cannot tell f_n (its
#: remainders stay as small as the input: f_2000 9 s) from a generic polynomial (random 64-bit
#: coefficients: the remainders grow to 600,000 bits at degree 70, 3.4 s; degree 100 17 s;
#: degree 200 with 16-bit ones minutes), so the chain is measured as it is built.
STURM_STEP_LIMIT = 1e13
STURM_CPU_LIMIT = 30.0


def _height_bits(p: Any) -> int:
    """Bits of the largest numerator coefficient plus those of the common denominator."""
    return int(p.numer().height_bits()) + int(p.denom()).bit_length()


def _check_sturm_step(cur: Any, start: float) -> None:
    """Refuse the next remainder of :func:`count_real_roots` past either budget."""
    bits = _height_bits(cur)
    step = float(max(1, cur.degree())) * float(bits) ** 2
    spent = time.process_time() - start
    if step > STURM_STEP_LIMIT or spent > STURM_CPU_LIMIT:
        raise InputError(
            f"count_real_roots(): the Sturm chain reached a member of degree {cur.degree()} "
            f"with coefficients of {bits} bits after {spent:.1f} s of CPU; one more remainder "
            f"would cost about {step:.2g} units (STURM_STEP_LIMIT = {STURM_STEP_LIMIT:.2g}, "
            f"STURM_CPU_LIMIT = {STURM_CPU_LIMIT} s; the C calls cannot be interrupted): "
            "a lower degree or smaller coefficients (a generic polynomial's rational "
            "remainders grow far more than those of f_n)"
        )


def _sturm_bytes(p: Any) -> int:
    """Peak memory estimate of :func:`_sturm_count`: two members at a time, each at most
    about ``degree`` coefficients of ``(input bits + 2 * degree * log2(degree))`` bits (the
    remainders' rational coefficients grow), plus the input (measured: f_2000, 47 MB)."""
    deg = max(1, p.degree())
    num, den = p.numer(), p.denom()
    bits = max(int(c).bit_length() for c in num.coeffs()) + int(den).bit_length()
    member = deg * (bits + 2 * deg * max(1, deg.bit_length())) // 8
    return int(4 * member)


def _sturm_count(p: Any, limited: bool = False) -> int:
    """Distinct real roots of ``p`` from its Sturm sequence, keeping two members at a time.

    Only each member's degree and leading sign matter, so the chain is not stored: its
    members' rational coefficients grow large (degree 2000: a few hundred MB for the chain).
    ``limited``: check the budgets of :func:`count_real_roots` before each remainder.
    """
    if p.degree() <= 0:
        return 0
    start = time.process_time()
    prev, cur = p, p.derivative()
    plus = [_lead_sign(prev), _lead_sign(cur)]
    degrees = [prev.degree(), cur.degree()]
    while cur.degree() > 0:
        if limited:
            _check_sturm_step(cur, start)
        r = prev % cur
        if r.is_zero():
            break
        prev, cur = cur, -r
        plus.append(_lead_sign(cur))
        degrees.append(cur.degree())
    minus = [s if d % 2 == 0 else -s for s, d in zip(plus, degrees, strict=True)]

    def variations(signs: list[int]) -> int:
        return sum(1 for a, b in itertools.pairwise(signs) if a != b)

    return variations(minus) - variations(plus)


def _lead_sign(q: Any) -> int:
    return 1 if q[q.degree()] > 0 else -1


def certify_exp_taylor_positive(n: Any) -> bool:
    r"""Decide rigorously whether :math:`f_n(x) = \sum_{k\le n} x^k/k!` has no real root.

    Returns True exactly when ``f_n`` has no real root, i.e. (since ``f_n(0) = 1``) when
    ``f_n > 0`` on the whole real line. Decided by an exact Sturm chain on ``flint.fmpq_poly``
    (:func:`count_real_roots`), never by floating-point root finding. The theorem (seed
    article) says True for every even ``n``; odd ``n`` gives False (odd degree), and the
    Sturm count confirms it independently. Measured (CPU time, peak memory): ``n = 2000``
    10 s and 47 MB, ``n = 3000`` 43 s and 65 MB, ``n = 5000`` 210 s and 124 MB; ``n`` is
    limited to ``MAX_CERTIFY_DEGREE = 5_000`` (time grows like ``n**3.2``).

    References
    ----------
    https://kexue.fm/archives/7919; Banerjee et al., arXiv:2011.11538.

    Examples
    --------
    >>> from numtheory.numerics import certify_exp_taylor_positive
    >>> certify_exp_taylor_positive(200), certify_exp_taylor_positive(51)
    (True, False)
    """
    m = _check_order(n, "n", "certify_exp_taylor_positive", high=MAX_CERTIFY_DEGREE)
    check_memory(
        _exp_poly_bytes(m),
        f"the exact polynomial f_{m} and its Sturm chain",
        "certify_exp_taylor_positive",
    )
    return _sturm_count(_exp_poly(m)) == 0


def _exp_poly_bytes(n: int) -> int:
    """Memory estimate for f_n (integers n!/k!: about n**2 log2(n) / 2 bits) and two Sturm
    members of similar size (times 4 for the remainders' growth and temporaries)."""
    return 4 * (n * n * max(1, n.bit_length()) // 16 + 64 * (n + 1))


def _check_newton_size(m: int, work: int) -> None:
    if m * work > EXP_MIN_MAX_BITS:
        raise InputError(
            f"exp_taylor_min() would run Newton's method on a degree-{m} polynomial at "
            f"{work} bits ({m * work:.2e} bit-coefficients, limit {EXP_MIN_MAX_BITS:.2e}: "
            "minutes of uninterruptible C); ask for a lower n or fewer digits"
        )


def _sign_at(p: Any, q: Any) -> int:
    v = p(q)
    return int(v > 0) - int(v < 0)


def exp_taylor_min(n: Any, dps: int = 15) -> tuple[Any, Any]:
    r"""The minimiser and minimum of :math:`f_n(x) = \sum_{k\le n} x^k/k!` for even ``n >= 2``.

    Since :math:`f_n' = f_{n-1}`, the minimiser :math:`x^*` is the unique real root of the
    odd-degree :math:`f_{n-1}`, and there :math:`f_n(x^*) = f_{n-1}(x^*) + x^{*n}/n! =
    x^{*n}/n! > 0`.

    The root is isolated with exact rational sign evaluations (bisection), polished by
    Newton's method in Arb, and then **certified**: exact evaluation shows
    ``f_{n-1}(a) < 0 < f_{n-1}(b)`` at rationals ``a < b`` a relative ``2**-(prec+16)`` apart.
    The minimum is computed from that enclosure as ``x^n/n!`` in ball arithmetic.

    Parameters
    ----------
    n : int
        Even, ``n >= 2``. (``n = 0``: ``f_0 = 1`` is constant, no unique minimiser, InputError;
        odd ``n``: ``f_n`` is unbounded below, InputError.)
    dps : int, optional

    Returns
    -------
    (mpmath.mpf, mpmath.mpf)
        ``(x*, f_n(x*))``, each with relative error below ``2**-prec``.

    References
    ----------
    https://kexue.fm/archives/7919 (table for n = 2..10).

    Examples
    --------
    >>> from numtheory.numerics import exp_taylor_min
    >>> x, m = exp_taylor_min(4)
    >>> print(x, m)
    -1.59607163798332 0.270394765205185
    >>> print(*exp_taylor_min(2))
    -1.0 0.5
    """
    m = _check_order(n, "n", "exp_taylor_min", high=MAX_EXP_DEGREE)
    d = check_dps(dps, "exp_taylor_min")
    if m % 2:
        raise InputError(
            f"exp_taylor_min() needs an even n: f_n has odd degree and is unbounded below, "
            f"got n = {m}"
        )
    if m == 0:
        raise InputError(
            "exp_taylor_min() needs n >= 2: f_0 = 1 is constant and has no unique minimiser, "
            "got n = 0"
        )
    prec = target_prec(d)
    _check_newton_size(m, prec + 16 + m + 32 + m.bit_length())  # before any work
    g = _exp_poly(m - 1)
    fmpq = _backend.fmpq
    # 1. Exact bracket: g(0) = 1 > 0, g(lo) < 0 for lo = -2^k.
    hi = fmpq(0)
    lo = fmpq(-1)
    while _sign_at(g, lo) >= 0:
        hi, lo = lo, lo * 2
    # 2. Exact bisection to about 40 bits.
    for _ in range(40 + int(abs(lo)).bit_length()):
        mid = (lo + hi) / 2
        if _sign_at(g, mid) < 0:
            lo = mid
        else:
            hi = mid
    # 3. Newton in Arb (midpoints) at ample precision, then 4. exact certification.
    # Near x* ~ -0.28 n the terms of g reach e^{0.28 n} while g'(x*) = x*^(n-1)/(n-1)! is
    # about e^{-0.28 n}: about 0.8 n bits cancel.
    extra = m + 32
    bits = prec + 16
    x = (lo + hi) / 2
    for _attempt in range(6):
        work = bits + extra + m.bit_length()
        _check_newton_size(m, work)
        # Two arb polynomials of degree m at `work` bits, and the Newton temporaries.
        check_memory(
            4 * m * (work // 8 + 48), f"degree-{m} polynomials at {work} bits", "exp_taylor_min"
        )
        with _backend.arb_precision(work):
            gp = _backend.arb_poly([_backend.arb(c) for c in g.coeffs()])
            dgp = gp.derivative()
            xa = _backend.arb(x)
            for _ in range(work.bit_length() + 4):
                xa = (xa - gp(xa) / dgp(xa)).mid()
            man, exp = xa.man_exp()
        centre = (
            fmpq(int(man)) * fmpq(2) ** int(exp) if exp >= 0 else fmpq(int(man), 2 ** -int(exp))
        )
        mag = max(abs(centre), fmpq(1))
        eps = mag / fmpq(2) ** (bits + m.bit_length() + 8)
        a, b = centre - eps, centre + eps
        if _sign_at(g, a) < 0 < _sign_at(g, b):
            break
        bits *= 2
        extra *= 2
    else:
        raise ConvergenceError(
            f"exp_taylor_min(): Newton's iteration did not certify the minimiser for n = {m} "
            f"within 6 doublings of the working precision (last {work} bits); ask for fewer "
            "digits (dps)"
        )
    # 5. The minimum from the certified enclosure [a, b]: x^n / n!.
    fac_n = math.factorial(m)

    def minimum() -> Any:
        ball = _backend.arb(centre, eps)
        return ball**m / _backend.arb(fac_n)

    value = certified_value(minimum, prec, "exp_taylor_min")
    with _backend.arb_precision(prec + 64):
        xball = _backend.arb(centre)
    return ball_to_mpmath(xball, prec), value
