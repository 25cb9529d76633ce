"""Pell's equation x**2 - D*y**2 = 1 (or -1), and the general x**2 - D*y**2 = N.

:func:`pell` gives the fundamental solution for N = 1 or -1; :func:`diop_DN` the
fundamental solutions of every class for any N (sympy's ``diop_DN``).

From the continued fraction of sqrt(D) = [a0; a1, ..., a_{L-1}, 2*a0, ...] with period L
(Lagrange): the convergent p/q just before the end of the first period satisfies
p**2 - D*q**2 = (-1)**L. So for L even (p, q) is the fundamental solution of the +1
equation and the -1 equation has none; for L odd (p, q) solves -1 and its square in
Z[sqrt(D)], (p**2 + D*q**2, 2*p*q), solves +1. The period costs O(L) operations on numbers
the size of D; the convergent is a product of L 2x2 matrices, multiplied by binary
splitting: D = 10**10 + 7, whose solution has 4120 digits, takes 0.02 s, and a period of
a million terms about a second.
"""

from __future__ import annotations

from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith._contfrac import MAX_PERIOD_TERMS, _periodic, _product
from numtheory.errors import InputError

__all__ = ["diop_DN", "pell"]


def pell(D: Any, N: Any = 1, *, max_terms: Any = MAX_PERIOD_TERMS) -> tuple[int, int] | None:
    """Return the fundamental solution (x, y) of x**2 - D*y**2 = N for N = 1 or -1.

    The solution with the least x > 0 and y > 0; every other positive solution is
    ``x_k + y_k*sqrt(D) = (x + y*sqrt(D))**k`` (odd k only for N = -1). sympy finds the same
    pair as ``diop_DN(D, N)[0]``.

    Parameters
    ----------
    D : int
        A positive integer that is not a perfect square (for a square D the equation has
        only the trivial solutions).
    N : int, default 1
        1 or -1.
    max_terms : int, default 2,000,000
        Refuse (raise) rather than expand more than this many terms of sqrt(D)'s period
        (its length is below about 0.72 * sqrt(D) * log(D)).

    Returns
    -------
    tuple[int, int] or None
        Guarantee: exact, and x**2 - D*y**2 == N holds for the pair returned; minimal by
        Lagrange's theorem on the convergents of sqrt(D). None when N = -1 has no solution
        (exactly when the period of sqrt(D) is even), which is "no solution", not an error.

    Raises
    ------
    InputTypeError
        If ``D`` or ``N`` is not an integer.
    InputError
        If ``D <= 0``, ``D`` is a perfect square, ``N`` is not 1 or -1, or the period is
        longer than ``max_terms``.

    Examples
    --------
    >>> pell(2), pell(2, -1), pell(3, -1)
    ((3, 2), (1, 1), None)
    >>> pell(61)                                   # Fermat's challenge of 1657
    (1766319049, 226153980)
    >>> x, y = pell(10**6 + 3); len(str(x)), x * x - (10**6 + 3) * y * y
    (251, 1)

    References
    ----------
    H. W. Lenstra Jr., "Solving the Pell equation", Notices AMS 49 (2002) 182-192;
    Hardy and Wright, ch. X, Theorem 176; sympy.solvers.diophantine.diophantine.diop_DN.
    """
    D, N = as_int(D, "D"), as_int(N, "N")
    limit = as_int(max_terms, "max_terms")
    if N not in (1, -1):
        raise InputError(
            f"pell() solves x**2 - D*y**2 = N for N = 1 or -1 only, got N = {show(N)} "
            "(diop_DN(D, N) gives the fundamental solutions for any N)"
        )
    if D <= 0:
        raise InputError(
            f"pell() needs D > 0 (for D <= 0 the equation has finitely many solutions), "
            f"got {show(D)}"
        )
    if _backend.is_square(D):
        raise InputError(
            f"pell() needs D not a perfect square (then only y = 0 solves it), got {show(D)}"
        )
    cf = _periodic(0, 1, D, limit)
    period: list[int] = cf[-1]
    terms = [cf[0], *period[:-1]]  # a0 .. a_{L-1}: the convergent p_{L-1}/q_{L-1}
    p, _, q, _ = _product(terms, 0, len(terms))
    if len(period) % 2 == 0:
        return (p, q) if N == 1 else None
    if N == -1:
        return p, q
    return p * p + D * q * q, 2 * p * q


def _square_divisors(n: int) -> list[int]:
    """The divisors f of the largest f0 with f0**2 | n (sympy ``square_factor``), n != 0,
    in the order of sympy's ``divisors(f0, generator=True)``: the powers of the smallest
    prime vary fastest (1, 2, 4, 8, 3, 6, 12, 24 for f0 = 24). :func:`_lmm` lists its
    classes in this order, as sympy does; ``n`` is factored once.
    """
    from numtheory.arith._multiplicative import factor_dict

    out = [1]
    for q, e in sorted(factor_dict(abs(n)).items(), reverse=True):
        powers = [q**i for i in range(e // 2 + 1)]
        out = [p * d for d in out for p in powers]
    return out


def _square_d(root: int, N: int) -> list[tuple[int, int]]:
    """x, y >= 0 with x**2 - (root*y)**2 = N, N != 0, sorted by y: one per factor pair
    u*v = N of u = x - root*y, v = x + root*y (sympy tries every y up to |N|/(2*root))."""
    from numtheory.arith._multiplicative import divisors

    found: dict[int, int] = {}
    for d in divisors(abs(N)):
        u, v = (d, N // d) if N > 0 else (-d, -N // d)
        if u <= v and u + v >= 0 and (v - u) % (2 * root) == 0:
            found[(v - u) // (2 * root)] = (u + v) // 2
    return [(found[y], y) for y in sorted(found)]


def _small_n(D: int, N: int) -> list[tuple[int, int]]:
    """``1 < N**2 < D``: the convergents of sqrt(D) over one period (or two, for an odd
    period) give every fundamental solution, a square factor f**2 of N times a convergent
    with norm N/f**2 (Andreescu and Andrica, section 4.4.4; sympy ``_special_diop_DN``).

    Only the small numbers P, Q of the expansion are iterated: the k-th convergent
    ``p/q`` has norm ``p**2 - D*q**2 = (-1)**(k+1) * Q_{k+1}``, so the (huge) convergents
    are built, by binary splitting, only where the norm is wanted. sympy updates them at
    every term, quadratic in the period length.
    """
    root = _backend.isqrt(D)
    norms = {N // (f * f): f for f in _square_divisors(N)}
    big_p, big_q = 0, 1
    terms: list[int] = []
    hits: list[tuple[int, int]] = []  # (k, f)
    while True:
        for _ in range(2):
            a = (big_p + root) // big_q
            big_p = a * big_q - big_p
            big_q = (D - big_p * big_p) // big_q
            terms.append(a)
            norm = big_q if len(terms) % 2 == 0 else -big_q  # k = len(terms) - 1
            f = norms.get(norm, 0)
            if f:
                hits.append((len(terms), f))
        if big_q == 1:
            break
    out = []
    for k, f in hits:
        p, _, q, _ = _product(terms, 0, k)
        out.append((f * p, f * q))
    return out


def _lmm(D: int, N: int, limit: int) -> list[tuple[int, int]]:
    """The Lagrange-Matthews-Mollin algorithm (Robertson, "Solving the generalized Pell
    equation x**2 - D*y**2 = N", 2004, section 3; sympy ``diop_DN`` for ``N**2 >= D``):
    for each f with f**2 | N, m = N/f**2 and each z with z**2 == D (mod |m|),
    |z| <= |m|/2, the expansion of (z + sqrt(D))/|m| reaches Q = +-1 within its
    preperiod and first period exactly when that class of primitive solutions is
    non-empty, and the convergent just before gives its fundamental solution (times the
    fundamental solution of the -1 equation when it has the wrong sign).

    As in :func:`_small_n` only P and Q are iterated (with sympy's partial quotients, so
    that the output is sympy's); the convergent ``G = |m|*p - z*q``, ``B = q`` is built
    once, where it is wanted.
    """
    from numtheory.arith._modroots import sqrt_mod

    root = _backend.isqrt(D)
    negative: tuple[int, int] | None = None  # pell(D, -1), computed when first needed
    asked = False
    out: list[tuple[int, int]] = []
    for f in _square_divisors(N):
        m = N // (f * f)
        am = abs(m)
        roots = sqrt_mod(D % am, am, all_roots=True) if am > 1 else [0]
        assert isinstance(roots, list)
        for r in roots:
            z = r if r <= am // 2 else r - am
            cf = _periodic(z, am, D, limit)
            steps = len(cf) - 1 + len(cf[-1])  # preperiod plus one period
            big_p, big_q = z, am
            terms: list[int] = []
            for _ in range(steps):
                if terms and abs(big_q) == 1:
                    p, _, q, _ = _product(terms, 0, len(terms))
                    prev_g, prev_b = am * p - z * q, q
                    if prev_g * prev_g - D * prev_b * prev_b == m:
                        out.append((f * prev_g, f * prev_b))
                    else:
                        if not asked:
                            negative, asked = pell(D, -1, max_terms=limit), True
                        if negative is not None:
                            t, u = negative
                            out.append(
                                (f * (prev_g * t + prev_b * D * u), f * (prev_g * u + prev_b * t))
                            )
                    break
                a = (big_p + root) // big_q
                terms.append(a)
                big_p = a * big_q - big_p
                big_q = (D - big_p * big_p) // big_q
    return out


def diop_DN(D: Any, N: Any, *, max_terms: Any = MAX_PERIOD_TERMS) -> list[tuple[int, int]]:
    """The fundamental solutions of x**2 - D*y**2 = N, one per class (sympy ``diop_DN``).

    For ``D > 0`` not a square, the solutions of x**2 - D*y**2 = N fall into finitely many
    classes; each class is ``{(x + y*sqrt(D)) * (t + u*sqrt(D))**k}`` over the solutions
    ``(t, u)`` of the +1 equation (:func:`pell`), and this returns one representative of
    each, the same list in the same order as sympy 1.14's ``diop_DN(D, N)``. For a square
    ``D`` the solutions with ``x, y >= 0`` are finitely many: all of them, sorted by ``y``.

    Parameters
    ----------
    D : int
        ``D > 0``.
    N : int
        Any integer (``N = 0`` only for non-square ``D``: then ``[(0, 0)]``).
    max_terms : int, default 2,000,000
        Refuse (raise) rather than expand a continued fraction of more terms.

    Returns
    -------
    list of (int, int)
        Guarantee: exact; every pair satisfies the equation (checked by the tests against
        sympy and by substitution). ``[]`` when there is no solution. Cost: factoring
        ``|N|`` first (:func:`numtheory.factorint`: instant up to about 40 digits, but an
        ``N`` of 80 digits with two 40-digit prime factors ran over 100 s here, and nothing bounds
        it: interrupt it, or pass a smaller ``N``), then a square root of ``D`` modulo each
        ``m = N/f**2`` (up to ``2**omega(m)`` roots: 0.5 s for the 16,384 roots of a
        product of 14 primes), and one continued-fraction period of ``(z + sqrt(D))/|m|``
        per root (its length is below about ``sqrt(D) * log(D)``; ``1 < N**2 < D`` needs
        only the period of sqrt(D)).

    Raises
    ------
    InputTypeError
        ``D`` or ``N`` is not an integer.
    InputError
        ``D <= 0`` (finitely many solutions, or a parametric family: not handled here;
        sympy's ``diop_DN`` does solve ``D < 0``, by Cornacchia),
        ``D`` a square with ``N = 0`` (the family ``(sqrt(D)*t, t)``), or a period longer
        than ``max_terms``.

    Examples
    --------
    >>> diop_DN(13, -4), diop_DN(2445, -20)[0]
    ([(3, 1), (393, 109), (36, 10)], (445, 9))
    >>> diop_DN(13, 27)
    [(220, 61), (40, 11), (768, 213), (12, 3)]
    >>> diop_DN(986, 1), diop_DN(9, 16), diop_DN(5, 3)
    ([(49299, 1570)], [(4, 0), (5, 1)], [])

    References
    ----------
    J. P. Robertson, "Solving the generalized Pell equation x**2 - D*y**2 = N" (2004);
    T. Andreescu and D. Andrica, *Quadratic Diophantine Equations*, Springer 2015,
    section 4.4.4; sympy.solvers.diophantine.diophantine.diop_DN.
    """
    D, N = as_int(D, "D"), as_int(N, "N")
    limit = as_int(max_terms, "max_terms")
    if D <= 0:
        raise InputError(
            f"diop_DN() needs D > 0 (for D <= 0 the solutions are finitely many or a "
            f"parametric family), got D = {show(D)}"
        )
    root = _backend.isqrt(D)
    if root * root == D:
        if N == 0:
            raise InputError(
                f"diop_DN(): for the square D = {show(D)} and N = 0 every (sqrt(D)*t, t) "
                "is a solution"
            )
        return _square_d(root, N)
    if N == 0:
        return [(0, 0)]
    if N in (1, -1):
        found = pell(D, N, max_terms=limit)
        return [found] if found else []
    if N * N < D:
        return _small_n(D, N)
    return _lmm(D, N, limit)
