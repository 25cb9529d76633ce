"""Regular continued fractions of rationals and quadratic irrationals, and their convergents.

Exact integer arithmetic throughout. A rational p/q has the finite expansion of Euclid's
algorithm; a quadratic irrational (p + s*sqrt(d))/q, d not a square, has an eventually
periodic one (Euler, Lagrange), written as sympy writes it: ``[a0, ..., ak, [b0, ..., bm]]``
with the period as a list in last place, e.g. ``[1, [2]]`` for sqrt(2).

The periodic expansion is found with the integer recurrence on complete quotients
x_k = (P_k + sqrt(D))/Q_k (P and Q integers, Q dividing D - P**2); the period begins at the
first *reduced* x_k (x_k > 1 and -1 < conjugate < 0; Galois 1829), so only that state is
remembered, not all of them. Convergents of a long expansion are multiplied as 2x2 matrices
by binary splitting, in time about M(n) log n for n-digit results.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.errors import InputError, InputTypeError

__all__ = [
    "MAX_PERIOD_TERMS",
    "MAX_RATIONAL_BITS",
    "QuadraticIrrational",
    "continued_fraction",
    "continued_fraction_convergents",
    "continued_fraction_periodic",
    "continued_fraction_reduce",
    "convergents",
]

#: Largest numerator or denominator (bits) :func:`continued_fraction` expands: Euclid's
#: algorithm is quadratic, about 1 s at this size.
MAX_RATIONAL_BITS = 200_000
#: Default bound on the terms of a periodic expansion (preperiod and period together):
#: about 2-4 s of Python. The period of sqrt(D) has about sqrt(D) * log(D) / 2 terms at
#: most, so this covers every D below about 10**10; pass ``max_terms`` for more.
MAX_PERIOD_TERMS = 2_000_000


class QuadraticIrrational(NamedTuple):
    """The number (p + s*sqrt(d))/q, with q > 0, s = 1 or -1 and d > 0 not a square."""

    p: int
    q: int
    d: int
    s: int


def _as_fraction(x: Any) -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, bool) or not hasattr(x, "__index__"):
        raise InputTypeError(
            f"x must be an integer or a fractions.Fraction, got {show(x)} ({type(x).__name__})"
        )
    return Fraction(as_int(x, "x"))


def continued_fraction(x: Any) -> list[int]:
    """Return the regular continued fraction ``[a0, a1, ..., an]`` of a rational ``x``.

    x = a0 + 1/(a1 + 1/(... + 1/an)) with a0 = floor(x), every later term >= 1 and the
    last >= 2 unless the list has one term: the unique such expansion (sympy's
    ``continued_fraction`` for a Rational). A quadratic irrational goes through
    :func:`continued_fraction_periodic`.

    Parameters
    ----------
    x : int or fractions.Fraction
        Numerator and denominator of at most :data:`MAX_RATIONAL_BITS` bits each.

    Returns
    -------
    list[int]
        Guarantee: exact (Euclid's algorithm on integers);
        ``continued_fraction_reduce(continued_fraction(x)) == x``.

    Raises
    ------
    InputTypeError
        If ``x`` is a float, bool, str, None, or anything but an integer or a Fraction
        (a float's binary value is rarely the number meant: pass ``Fraction("0.1")``).
    InputError
        If the numerator or denominator has more than :data:`MAX_RATIONAL_BITS` bits.

    Examples
    --------
    >>> continued_fraction(Fraction(415, 93)), continued_fraction(Fraction(-7, 3))
    ([4, 2, 6, 7], [-3, 1, 2])

    References
    ----------
    G. H. Hardy, E. M. Wright, An Introduction to the Theory of Numbers, ch. X;
    sympy.ntheory.continued_fraction.continued_fraction.
    """
    frac = _as_fraction(x)
    num, den = frac.numerator, frac.denominator
    if max(num.bit_length(), den.bit_length()) > MAX_RATIONAL_BITS:
        raise InputError(
            f"continued_fraction() expands rationals of at most {MAX_RATIONAL_BITS:,} bits "
            f"(Euclid's algorithm is quadratic), got {show(frac)}"
        )
    terms: list[int] = []
    while den:
        a, r = divmod(num, den)
        terms.append(a)
        num, den = den, r
    return terms


def continued_fraction_periodic(
    p: Any, q: Any, d: Any = 0, s: Any = 1, *, max_terms: Any = MAX_PERIOD_TERMS
) -> list[Any]:
    """Return the continued fraction of (p + s*sqrt(d))/q, periodic part as a final list.

    sympy's ``continued_fraction_periodic(p, q, d=0, s=1)``, same arguments and result:
    ``[a0, ..., ak, [b0, ..., bm]]`` where ``[b0, ..., bm]`` repeats for ever, or a plain
    finite list when d is a perfect square (then the number is rational).

    Parameters
    ----------
    p, q : int
        Numerator part and denominator, ``q != 0``.
    d : int, default 0
        The radicand, ``d >= 0``.
    s : int, default 1
        The sign of the root: 1 or -1 (0, as in sympy: no root, the rational p/q).
    max_terms : int, default MAX_PERIOD_TERMS (2,000,000)
        Refuse (raise) rather than compute more terms than this.

    Returns
    -------
    list
        Guarantee: exact. The preperiod is as short as possible and the period is primitive
        (the first repetition of a reduced complete quotient), so the form is unique.

    Raises
    ------
    InputTypeError
        If an argument is not an integer.
    InputError
        If ``q == 0``, ``d < 0``, ``s`` is not 1, 0 or -1, or the expansion has more than
        ``max_terms`` terms before it repeats.

    Examples
    --------
    >>> continued_fraction_periodic(3, 2, 7)        # (3 + sqrt(7))/2
    [2, [1, 4, 1, 1]]
    >>> continued_fraction_periodic(0, 1, 61)       # sqrt(61): the period has 11 terms
    [7, [1, 4, 3, 1, 2, 2, 1, 3, 4, 1, 14]]
    >>> continued_fraction_periodic(5, 3, 7, -1), continued_fraction_periodic(3, 2, 9)
    ([0, 1, 3, [1, 1, 1, 4]], [3])

    References
    ----------
    O. Perron, Die Lehre von den Kettenbruechen (1913), ch. III; E. Galois, "Demonstration
    d'un theoreme sur les fractions continues periodiques" (1829);
    sympy.ntheory.continued_fraction.continued_fraction_periodic.
    """
    p, q, d, s = as_int(p, "p"), as_int(q, "q"), as_int(d, "d"), as_int(s, "s")
    limit = as_int(max_terms, "max_terms")
    if q == 0:
        raise InputError("continued_fraction_periodic() needs q != 0 (the denominator)")
    if d < 0:
        raise InputError(f"continued_fraction_periodic() needs d >= 0, got {show(d)}")
    if s not in (1, 0, -1):
        raise InputError(f"continued_fraction_periodic() needs s = 1, 0 or -1, got {show(s)}")
    root, rem = _backend.isqrt_rem(d)
    if rem == 0 or s == 0:  # rational
        return continued_fraction(Fraction(p + s * root, q))
    # (p + s*sqrt(d))/q = (s*p + sqrt(d))/(s*q); scale so that Q divides D - P**2.
    big_p, big_q, big_d = s * p, s * q, d
    if (big_d - big_p * big_p) % big_q:
        big_p, big_d, big_q = big_p * abs(big_q), big_d * big_q * big_q, big_q * abs(big_q)
    return _periodic(big_p, big_q, big_d, limit)


def _periodic(big_p: int, big_q: int, big_d: int, limit: int) -> list[Any]:
    """Terms of (P + sqrt(D))/Q with Q | D - P**2, D not a square (see the module doc)."""
    r = _backend.isqrt(big_d)
    terms: list[int] = []
    start: tuple[int, int] | None = None  # the first reduced state (P, Q)
    first = 0
    while True:
        if (
            start is None
            and big_q > 0
            and 0 < big_p <= r
            and r < big_p + big_q
            and (big_q - big_p <= r)
        ):
            start, first = (big_p, big_q), len(terms)
        elif start is not None and (big_p, big_q) == start:
            return [*terms[:first], terms[first:]]
        if len(terms) >= limit:
            raise InputError(
                f"continued_fraction_periodic(): more than {limit:,} terms before the period "
                "closes; pass a larger max_terms to compute further"
            )
        # for Q < 0, floor((P + sqrt(D))/Q) = -ceil(.../|Q|), and .../|Q| is never an integer
        a = (big_p + r) // big_q if big_q > 0 else -((big_p + r) // -big_q) - 1
        terms.append(a)
        big_p = a * big_q - big_p
        big_q = (big_d - big_p * big_p) // big_q


def _check_terms(cf: Iterable[Any], name: str = "cf") -> Iterator[int]:
    """The terms as ints, refusing non-integers and terms after the first that are < 1."""
    for i, term in enumerate(cf):
        value = as_int(term, f"{name}[{i}]")
        if i and value < 1:
            raise InputError(
                f"a regular continued fraction has terms >= 1 after the first, "
                f"got {name}[{i}] = {show(value)}"
            )
        yield value


def _split(cf: Any) -> tuple[list[int], list[int] | None]:
    """(preperiod, period or None) of a finite or sympy-style periodic list."""
    if isinstance(cf, (str, bytes)) or not isinstance(cf, Sequence):
        raise InputTypeError(f"cf must be a list of integers, got {show(cf)}")
    items = list(cf)
    period: list[int] | None = None
    if items and isinstance(items[-1], (list, tuple)):
        raw_period = items.pop()
        if not raw_period:
            raise InputError("the periodic part of a continued fraction must not be empty")
        pre = list(_check_terms(items))
        period = []
        for i, term in enumerate(raw_period):
            value = as_int(term, f"cf[-1][{i}]")
            # every period term stands after a0 (the first one from its second turn on)
            if value < 1:
                raise InputError(
                    "a regular continued fraction has terms >= 1 after the first, "
                    f"got cf[-1][{i}] = {show(value)}"
                )
            period.append(value)
        return pre, period
    return list(_check_terms(items)), None


def _product(terms: Sequence[int], lo: int, hi: int) -> tuple[int, int, int, int]:
    """The matrix prod [[a, 1], [1, 0]] over terms[lo:hi], as (p_k, p_{k-1}, q_k, q_{k-1})."""
    if hi - lo <= 8:
        h, h1, k, k1 = 1, 0, 0, 1
        for a in terms[lo:hi]:
            h, h1, k, k1 = a * h + h1, h, a * k + k1, k
        return h, h1, k, k1
    mid = (lo + hi) // 2
    a, b, c, d = _product(terms, lo, mid)
    e, f, g, h = _product(terms, mid, hi)
    return a * e + b * g, a * f + b * h, c * e + d * g, c * f + d * h


def continued_fraction_reduce(cf: Any) -> Fraction | QuadraticIrrational:
    """Return the number a continued fraction stands for (sympy ``continued_fraction_reduce``).

    Parameters
    ----------
    cf : list
        A finite list of integers (a rational), or sympy's periodic form
        ``[a0, ..., ak, [b0, ..., bm]]`` (a quadratic irrational). Terms after the first
        must be >= 1, and so must every period term (the period repeats after a0).

    Returns
    -------
    Fraction or QuadraticIrrational
        A finite list gives a ``Fraction``. A periodic one gives
        ``QuadraticIrrational(p, q, d, s)``, the number (p + s*sqrt(d))/q with q > 0 (sympy
        returns a symbolic expression instead), with small terms (from the primitive minimal
        polynomial, then common factors found by gcds), such that
        ``continued_fraction_periodic(p, q, d, s)`` gives ``cf`` back in its shortest form.
        Guarantee: exact (integer matrix products, by binary splitting).

    Raises
    ------
    InputTypeError
        If ``cf`` is not a list, or a term is not an integer.
    InputError
        If ``cf`` is empty, a term after the first is < 1, or the period is empty.

    Examples
    --------
    >>> continued_fraction_reduce([4, 2, 6, 7])
    Fraction(415, 93)
    >>> continued_fraction_reduce([1, [2]])          # sqrt(2)
    QuadraticIrrational(p=0, q=1, d=2, s=1)
    >>> continued_fraction_reduce([2, [1, 4, 1, 1]])  # (3 + sqrt(7))/2
    QuadraticIrrational(p=3, q=2, d=7, s=1)

    References
    ----------
    Hardy and Wright, ch. X (Theorems 149, 176); sympy.ntheory.continued_fraction.
    """
    pre, period = _split(cf)
    if not pre and period is None:
        raise InputError("continued_fraction_reduce() needs at least one term, got []")
    if period is None:
        h, _, k, _ = _product(pre, 0, len(pre))
        return Fraction(h, k)
    # The purely periodic tail y = [period; y] solves y = (P*y + P1)/(Q*y + Q1), i.e.
    # Q*y**2 + (Q1 - P)*y - P1 = 0, whose positive root is y = (u + sqrt(D))/v.
    big_p, big_p1, big_q, big_q1 = _product(period, 0, len(period))
    u, disc, v = big_p - big_q1, (big_q1 - big_p) ** 2 + 4 * big_q * big_p1, 2 * big_q
    # x = (A*y + A1)/(B*y + B1) = (alpha + A*sqrt(D))/(beta + B*sqrt(D)) over the preperiod
    a, a1, b, b1 = _product(pre, 0, len(pre))
    alpha, beta = a * u + a1 * v, b * u + b1 * v
    # multiply by the conjugate beta - B*sqrt(D)
    num, coeff, den = alpha * beta - a * b * disc, a * beta - alpha * b, beta * beta - b * b * disc
    sign = 1 if coeff > 0 else -1
    if den < 0:
        num, den, sign = -num, -den, -sign
    return _lowest_terms(num, den, coeff * coeff * disc, sign)


def _lowest_terms(num: int, den: int, rad: int, sign: int) -> QuadraticIrrational:
    """(num + sign*sqrt(rad))/den from its primitive minimal polynomial a*x**2 + b*x + c.

    (den*x - num)**2 = rad, divided by the gcd of its coefficients; then x is
    (-b + sign*sqrt(b*b - 4*a*c))/(2*a), halved throughout when b is even.
    """
    a, b, c = den * den, -2 * num * den, num * num - rad
    g = math.gcd(a, b, c)
    a, b, c = a // g, b // g, c // g
    if b % 2 == 0:
        p, q, d = -b // 2, a, (b // 2) ** 2 - a * c
    else:
        p, q, d = -b, 2 * a, b * b - 4 * a * c
    # a common factor t of p and q with t*t dividing d: found by gcds (no factoring), so
    # the form is small but not always the smallest
    t = math.gcd(p, q, d)
    while t > 1 and d % (t * t):
        t = math.gcd(t, d // t)
    return QuadraticIrrational(p // t, q // t, d // (t * t), sign)


def convergents(cf: Any) -> Iterator[Fraction]:
    """Yield the convergents p_k/q_k (k = 0, 1, 2 and on) of a continued fraction, as Fractions.

    sympy's ``continued_fraction_convergents``: ``cf`` may be a finite list, sympy's
    periodic form (then the generator never ends: take what you need), or any iterable of
    integers, consumed lazily (e.g. a generator of terms).

    Parameters
    ----------
    cf : iterable
        The terms a0, a1, ...; terms after the first must be >= 1.

    Yields
    ------
    Fraction
        p_k/q_k with p_k = a_k p_{k-1} + p_{k-2}, q_k = a_k q_{k-1} + q_{k-2}; each in
        lowest terms. Guarantee: exact; ``|x - p_k/q_k| < 1/(q_k q_{k+1})`` for the number x
        the whole expansion stands for (Hardy and Wright, Theorem 171).

    Raises
    ------
    InputTypeError
        If ``cf`` is not iterable, or a term is not an integer (when that term is reached).
    InputError
        If a term after the first is < 1, or the period is empty.

    Examples
    --------
    >>> list(convergents([0, 2, 1, 2]))
    [Fraction(0, 1), Fraction(1, 2), Fraction(1, 3), Fraction(3, 8)]
    >>> from itertools import islice
    >>> [str(c) for c in islice(convergents([1, [2]]), 5)]     # sqrt(2)
    ['1', '3/2', '7/5', '17/12', '41/29']

    References
    ----------
    Hardy and Wright, ch. X; sympy.ntheory.continued_fraction.continued_fraction_convergents.
    """
    if isinstance(cf, Sequence) and not isinstance(cf, (str, bytes)):
        pre, period = _split(cf)
        terms: Iterator[int] = _cycle(pre, period)
    elif isinstance(cf, Iterable) and not isinstance(cf, (str, bytes)):
        terms = _check_terms(cf)
    else:
        raise InputTypeError(f"cf must be an iterable of integers, got {show(cf)}")
    return _convergents(terms)


def _cycle(pre: list[int], period: list[int] | None) -> Iterator[int]:
    yield from pre
    while period is not None:
        yield from period


def _convergents(terms: Iterator[int]) -> Iterator[Fraction]:
    h, h1, k, k1 = 1, 0, 0, 1
    for a in terms:
        h, h1, k, k1 = a * h + h1, h, a * k + k1, k
        yield Fraction(h, k)


#: sympy's name for :func:`convergents`.
continued_fraction_convergents = convergents
