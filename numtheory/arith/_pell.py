"""The fundamental solution of Pell's equation x**2 - D*y**2 = 1 (or -1), exactly.

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

__all__ = ["pell"]


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
        raise InputError(f"pell() solves x**2 - D*y**2 = N for N = 1 or -1 only, got N = {show(N)}")
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
