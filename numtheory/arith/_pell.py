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

import operator
from itertools import product
from typing import Any

from numtheory import _backend
from numtheory._validate import as_int, show
from numtheory.arith._contfrac import MAX_PERIOD_TERMS, _periodic, _product
from numtheory.errors import InputError

__all__ = ["Parameter", "diop_DN", "pell"]


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


def _factors(n: int) -> dict[int, int]:
    """``{prime: exponent}`` of ``|n|``, ``n != 0``: factors above 2**64 BPSW probable
    primes, not proven (as sympy's factorint; the answers are checked by the tests)."""
    from numtheory.arith._multiplicative import factor_dict

    return factor_dict(abs(n), prove=False)


def _square_divisors(n: int, factors: dict[int, int] | None = None) -> list[int]:
    """The divisors f of the largest f0 with f0**2 | n (sympy ``square_factor``), n != 0,
    in the order of sympy's ``divisors(f0, generator=True)``: the powers of the smallest
    prime vary fastest (1, 2, 4, 8, 3, 6, 12, 24 for f0 = 24). :func:`_lmm` lists its
    classes in this order, as sympy does; ``n`` is factored once (or ``factors`` used).
    """
    out = [1]
    for q, e in sorted((factors or _factors(n)).items(), reverse=True):
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


class Parameter:
    """``c*t`` for an arbitrary integer ``t``: a one-parameter family of solutions.

    sympy's ``diop_DN`` writes its infinite families with the symbol ``t``
    (``Symbol('t', integer=True)``): ``diop_DN(0, 0) == [(0, t)]``, ``diop_DN(4, 0) ==
    [(2*t, t)]``. Here ``t`` is ``Parameter(1)``, ``2*Parameter(1)`` is ``Parameter(2)``,
    and the repr is sympy's printing (``t``, ``2*t``, ``-t``); calling it substitutes a
    value. Immutable: equal (and equal hashes) exactly when the coefficients are equal, never
    equal to an int; it pickles. ``json.dumps`` does not know it: ``numtheory fn diop_DN
    --json`` writes it as ``{"parameter": "t", "coefficient": c}``.

    Parameters
    ----------
    coefficient : int, default 1
        The ``c`` of ``c*t``.

    Raises
    ------
    InputTypeError
        ``coefficient`` (or the ``t`` it is called with) is not an integer.

    Examples
    --------
    >>> diop_DN(4, 0)
    [(2*t, t)]
    >>> x, y = diop_DN(4, 0)[0]; x(5), y(5)
    (10, 5)
    >>> x == 2 * Parameter(), -x, x.coefficient
    (True, -2*t, 2)

    References
    ----------
    sympy.solvers.diophantine.diophantine.diop_DN (its families in the symbol ``t``).
    """

    __slots__ = ("_coefficient",)
    _coefficient: int

    def __init__(self, coefficient: Any = 1) -> None:
        object.__setattr__(self, "_coefficient", as_int(coefficient, "coefficient"))

    @property
    def coefficient(self) -> int:
        """The ``c`` of ``c*t``."""
        return self._coefficient

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Parameter is immutable: cannot set {name}")

    def __reduce__(self) -> tuple[type[Parameter], tuple[int]]:
        return Parameter, (self._coefficient,)

    def __call__(self, t: Any) -> int:
        return self._coefficient * as_int(t, "t")

    def __mul__(self, other: Any) -> Parameter:
        if isinstance(other, bool) or not hasattr(other, "__index__"):
            return NotImplemented  # so 2.0 * t and True * t raise TypeError
        return Parameter(self._coefficient * operator.index(other))

    __rmul__ = __mul__

    def __neg__(self) -> Parameter:
        return Parameter(-self._coefficient)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Parameter) and other._coefficient == self._coefficient

    def __hash__(self) -> int:
        return hash(("Parameter", self._coefficient))

    def __repr__(self) -> str:
        c = self._coefficient
        return "t" if c == 1 else "-t" if c == -1 else f"{c}*t"


#: The free integer parameter of :func:`diop_DN`'s families (sympy's ``t``).
T = Parameter(1)


def _diagonal(first: list[Any], second: list[Any]) -> list[tuple[Any, Any]]:
    # the order of sympy's iproduct: by i + j, then j ascending
    return [
        (first[n - j], second[j])
        for n in range(len(first) + len(second) - 1)
        for j in range(max(0, n - len(first) + 1), min(n, len(second) - 1) + 1)
    ]


def _diagonal_product(lists: list[list[int]]) -> list[tuple[Any, ...]]:
    if len(lists) == 1:
        return [(x,) for x in lists[0]]
    if len(lists) == 2:
        return _diagonal(lists[0], lists[1])
    return [(a, *rest) for a, rest in _diagonal(lists[0], _diagonal_product(lists[1:]))]


def _sorted_roots(a: int, pk: int) -> list[int]:
    from numtheory.arith._modroots import sqrt_mod

    roots = sqrt_mod(a % pk, pk, all_roots=True) if pk > 1 else [0]
    assert isinstance(roots, list)
    return sorted(roots)


def _roots_in_sympy_order(a: int, m: int, factors: dict[int, int]) -> list[int]:
    """Every x in [0, m) with x**2 == a (mod m), m >= 2, in the order of sympy 1.14's
    ``sqrt_mod_iter`` (cornacchia's set of solutions, and so diop_DN's list, follows it):
    per prime power the sorted roots (or, for p | a, sympy's ``_sqrt_mod1`` order), combined
    by CRT in ``itertools.product`` order, or in sympy's diagonal ``iproduct`` order as soon
    as one prime divides ``a``. ``factors`` is the factorisation of ``m``."""
    lists: list[list[int]] = []
    moduli: list[int] = []
    diagonal = False
    for p, e in factors.items():
        pk = p**e
        if a % p:
            roots = _sorted_roots(a, pk)
        else:
            diagonal = True
            rest = a % pk
            if rest == 0:
                roots = list(range(0, pk, p ** ((e + 1) // 2)))
            else:
                r = 0
                while rest % p == 0:
                    rest //= p
                    r += 1
                half = r // 2
                lifted = [] if r % 2 else _sorted_roots(rest, p ** (e - r))
                roots = [x for rx in lifted for x in range(rx * p**half, pk, p ** (e - half))]
        if not roots:
            return []
        lists.append(roots)
        moduli.append(pk)
    if len(lists) == 1:
        return lists[0]
    combos = _diagonal_product(lists) if diagonal else product(*lists)
    # CRT: x = sum r_i * c_i (mod m) with c_i = 1 (mod m_i), 0 modulo the other m_j
    coefficients = [(m // pk) * pow(m // pk, -1, pk) for pk in moduli]
    return [sum(map(operator.mul, c, coefficients)) % m for c in combos]


def _cornacchia(b: int, m: int, factors: dict[int, int]) -> set[tuple[int, int]]:
    """x, y >= 0 with x**2 + b*y**2 = m (b, m >= 1) as sympy 1.14's ``cornacchia(1, b, m)``
    finds them, in a set built in the same order (so that it iterates alike): for each
    root t >= m/2 of t**2 == -b (mod m), Euclid's algorithm on (m, t) stopped below sqrt(m)
    (Cornacchia 1908; Cohen, *A Course in Computational Algebraic Number Theory*, 1.5.2)."""
    sols: set[tuple[int, int]] = set()
    if 1 + b > m:  # then x*y == 0
        s, exact = _backend.iroot(m, 2)
        if exact:
            sols.add((s, 0))
        if b == 1:
            return sols
        if m % b == 0:
            s, exact = _backend.iroot(m // b, 2)
            if exact:
                sols.add((0, s))
        return sols
    for t in _roots_in_sympy_order(-b % m, m, factors):
        if t < m // 2:
            continue
        u, r = m, t
        while m - r * r <= 0:
            u, r = r, u % r
        m1, rem = divmod(m - r * r, b)
        if rem:
            continue
        s, exact = _backend.iroot(m1, 2)
        if exact:
            if b == 1 and r < s:
                r, s = s, r
            sols.add((r, s))
    return sols


def _valuation(f: int, p: int) -> int:
    v = 0
    while f % p == 0:
        f //= p
        v += 1
    return v


def _negative_d(D: int, N: int) -> list[tuple[int, int]]:
    """D < 0, N > 0: every x, y >= 0 (finitely many), each once, in the order of their first
    appearance in sympy's list: for each f with f**2 | N the solutions of x**2 + |D|*y**2 =
    N/f**2 times f (D = -1: both orders). sympy lists some twice (``(x, x)`` for D = -1, and
    ``(f*x, 0)`` or ``(0, f*y)`` from two f); here a dict keeps the first."""
    out: dict[tuple[int, int], None] = {}
    factors = _factors(N)
    for f in _square_divisors(N, factors):
        rest = {p: e - 2 * _valuation(f, p) for p, e in factors.items()}  # of N/f**2
        m_factors = {p: e for p, e in rest.items() if e}
        for x, y in _cornacchia(-D, N // (f * f), m_factors):
            out[f * x, f * y] = None
            if D == -1:
                out[f * y, f * x] = None
    return list(out)


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


def diop_DN(
    D: Any, N: Any, *, max_terms: Any = MAX_PERIOD_TERMS
) -> list[tuple[int | Parameter, int | Parameter]]:
    """The solutions of x**2 - D*y**2 = N: one per class, or all of them (sympy ``diop_DN``).

    sympy 1.14's whole domain, with its return convention (the same list in the same order),
    with one deliberate difference: each solution appears once. sympy lists some twice for
    ``D < 0`` (``diop_DN(-30, 4) == [(2, 0), (2, 0)]``, ``(5, 5)`` twice in ``diop_DN(-1,
    50)``: a bug, not a convention); this returns its list without the repeats, in the order
    of their first appearance.

    - ``D > 0`` not a square: the solutions fall into finitely many classes; each class is
      ``{(x + y*sqrt(D)) * (t + u*sqrt(D))**k}`` over the solutions ``(t, u)`` of the +1
      equation (:func:`pell`), and this returns the fundamental solution of each.
      ``N = 0``: ``[(0, 0)]``.
    - ``D < 0``: finitely many solutions; all those with ``x, y >= 0`` (Cornacchia's
      algorithm for each ``N/f**2``, ``f**2 | N``; ``D = -1`` lists ``(x, y)`` and then
      ``(y, x)``), each once. ``N < 0``: ``[]``; ``N = 0``: ``[(0, 0)]``.
    - ``D`` a positive square: finitely many with ``x, y >= 0``, all of them, sorted by ``y``;
      ``N = 0`` is the family ``[(sqrt(D)*t, t)]``.
    - ``D = 0``: ``x**2 = N`` with ``y`` free: ``[(sqrt(N), t)]`` if ``N`` is a square (``N =
      0``: ``[(0, t)]``), else ``[]``.

    The free integer ``t`` is ``Parameter(1)`` (:class:`numtheory.arith.Parameter`; sympy
    returns its symbol ``t``, and this library does not import sympy): it prints as ``t``
    and ``2*t``, and ``x(5)`` substitutes ``t = 5``.

    Parameters
    ----------
    D : int
        Any integer.
    N : int
        Any integer.
    max_terms : int, default 2,000,000
        Refuse (raise) rather than expand a continued fraction of more terms.

    Returns
    -------
    list of (int or Parameter, int or Parameter)
        Guarantee: exact; every pair satisfies the equation (checked by the tests against
        sympy and by substitution), no pair appears twice, and for ``D <= 0`` and square
        ``D`` the list is every solution with ``x, y >= 0`` (brute force in the tests).
        ``[]`` when there is no solution. Cost: factoring ``|N|`` first
        (:func:`numtheory.factorint`: instant up to about 40 digits, but an ``N`` of 80
        digits with two 40-digit prime factors ran over 100 s here, and nothing bounds it:
        interrupt it, or pass a smaller ``N``), then a square root of ``D`` modulo each ``m =
        N/f**2`` (up to ``2**omega(m)`` roots: 0.5 s for the 16,384 roots of a product of 14
        primes), and for ``D > 0`` one continued-fraction period of ``(z + sqrt(D))/|m|`` per
        root (its length is below about ``sqrt(D) * log(D)``; ``1 < N**2 < D`` needs only the
        period of sqrt(D)).

    Raises
    ------
    InputTypeError
        ``D`` or ``N`` is not an integer.
    InputError
        A continued-fraction period longer than ``max_terms``.

    Examples
    --------
    >>> diop_DN(13, -4), diop_DN(2445, -20)[0]
    ([(3, 1), (393, 109), (36, 10)], (445, 9))
    >>> diop_DN(13, 27)
    [(220, 61), (40, 11), (768, 213), (12, 3)]
    >>> diop_DN(986, 1), diop_DN(9, 16), diop_DN(5, 3)
    ([(49299, 1570)], [(4, 0), (5, 1)], [])
    >>> diop_DN(-1, 25), diop_DN(-3, 12), diop_DN(-5, -3)
    ([(4, 3), (3, 4), (5, 0), (0, 5)], [(3, 1), (0, 2)], [])
    >>> diop_DN(-1, 50), diop_DN(-30, 4)     # each once (sympy: (5, 5) and (2, 0) twice)
    ([(7, 1), (1, 7), (5, 5)], [(2, 0)])
    >>> diop_DN(0, 9), diop_DN(0, 0), diop_DN(4, 0), diop_DN(0, 7)
    ([(3, t)], [(0, t)], [(2*t, t)], [])

    References
    ----------
    J. P. Robertson, "Solving the generalized Pell equation x**2 - D*y**2 = N" (2004);
    T. Andreescu and D. Andrica, *Quadratic Diophantine Equations*, Springer 2015,
    section 4.4.4; sympy.solvers.diophantine.diophantine.diop_DN.
    """
    D, N = as_int(D, "D"), as_int(N, "N")
    limit = as_int(max_terms, "max_terms")
    if D == 0:  # x**2 = N, y free
        if N < 0:
            return []
        root, exact = _backend.iroot(N, 2)
        return [(root, T)] if exact else []
    if D > 0 and N == 0 and _backend.is_square(D):
        return [(_backend.isqrt(D) * T, T)]
    return [*_finitely_many(D, N, limit)]


def _finitely_many(D: int, N: int, limit: int) -> list[tuple[int, int]]:
    """:func:`diop_DN` for D != 0, not (D a square and N = 0)."""
    if D < 0:
        if N == 0:
            return [(0, 0)]
        return _negative_d(D, N) if N > 0 else []
    root = _backend.isqrt(D)
    if root * root == D:
        return _square_d(root, N)
    if N == 0:
        return [(0, 0)]
    if N in (1, -1):
        found = pell(D, N, max_terms=limit)
        return [found] if found else []
    if N * N < D:
        return _small_n(D, N)
    return _lmm(D, N, limit)
