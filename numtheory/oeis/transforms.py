"""Transforms of integer sequences, as pure functions on lists of ints (for :func:`identify`).

Each function takes the terms as a list (``a[0]`` is the first term given) and returns a new
list, or None when the transform does not give integers for these terms (an inverse Euler
transform, a division by a factorial). The definitions are those of N. J. A. Sloane's
"Transformations of integer sequences" (https://oeis.org/transforms.txt; Maple names in
brackets), which Superseeker applies (https://oeis.org/superhelp.txt). Transforms defined
through a generating function ``sum a(n) x^n`` for ``n >= 1`` (EULER, MOBIUS, STIRLING,
EXP, LOG, INVERT) read ``a[0]`` as a(1); the others read it as a(0).

Guarantee: every function is exact integer arithmetic; the result's term ``k`` depends only
on the first ``k + 1`` terms (so a transform of a prefix is a prefix of the transform), and
the inverse functions undo their transforms exactly (tested as Hypothesis properties).

>>> binomial_transform([1, 1, 2, 3, 5, 8])
[1, 2, 5, 13, 34, 89]
>>> euler_transform([1, 1, 1, 1, 1, 1])  # partitions of 1..6 (A000041)
[1, 2, 3, 5, 7, 11]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import reduce
from math import comb, factorial, gcd

__all__ = [
    "alternate_signs",
    "binomial_transform",
    "boustrophedon_transform",
    "complement",
    "differences",
    "divide_by_factorials",
    "divide_by_gcd",
    "euler_transform",
    "exp_transform",
    "exponential_square",
    "gf_diagonal",
    "gf_divide",
    "gf_multiply",
    "gf_times_binomial_power",
    "inverse_binomial_transform",
    "inverse_boustrophedon_transform",
    "inverse_euler_transform",
    "inverse_invert_transform",
    "inverse_moebius_transform",
    "invert_transform",
    "log_transform",
    "moebius_transform",
    "multiply_by_factorials",
    "partial_sums",
    "plus_index",
    "section",
    "series_reciprocal",
    "series_square",
    "sorted_distinct",
    "stirling1_transform",
    "stirling2_transform",
    "window_sums",
    "zigzag_numbers",
]

Terms = Sequence[int]


def differences(a: Terms) -> list[int]:
    """First differences ``a[n+1] - a[n]`` (one term fewer).

    >>> differences([1, 4, 9, 16])
    [3, 5, 7]
    """
    return [y - x for x, y in itertools.pairwise(a)]


def partial_sums(a: Terms) -> list[int]:
    """Partial sums ``a[0] + ... + a[n]`` (the o.g.f. times 1/(1-x)).

    >>> partial_sums([1, 3, 5, 7])
    [1, 4, 9, 16]
    """
    out: list[int] = []
    total = 0
    for x in a:
        total += x
        out.append(total)
    return out


def gf_times_binomial_power(a: Terms, k: int, sign: int = -1) -> list[int]:
    """The o.g.f. multiplied by ``(1 + sign*x)**k`` (``k`` may be negative: a division).

    ``k = -1, sign = -1`` is :func:`partial_sums`; ``k = 1, sign = -1`` the differences
    keeping the first term; ``sign = 1`` the factors ``(1+x)**k``.

    >>> gf_times_binomial_power([1, 1, 1, 1], -1, 1)  # 1/((1-x)(1+x)) = 1/(1-x^2)
    [1, 0, 1, 0]
    """
    n = len(a)
    if k >= 0:
        factor = [comb(k, j) * sign**j for j in range(min(n, k + 1))]
    else:  # (1 + s x)^(-m) = sum C(m+j-1, j) (-s)^j x^j
        m = -k
        factor = [comb(m + j - 1, j) * (-sign) ** j for j in range(n)]
    return [sum(factor[j] * a[i - j] for j in range(min(i + 1, len(factor)))) for i in range(n)]


def binomial_transform(a: Terms) -> list[int]:
    """BINOMIAL: ``b(n) = sum_k C(n,k) a(k)``."""
    return [sum(comb(n, k) * a[k] for k in range(n + 1)) for n in range(len(a))]


def inverse_binomial_transform(a: Terms) -> list[int]:
    """BINOMIALi: ``b(n) = sum_k (-1)^(n-k) C(n,k) a(k)``."""
    return [sum((-1) ** (n - k) * comb(n, k) * a[k] for k in range(n + 1)) for n in range(len(a))]


def _divisors(n: int) -> list[int]:
    small = [d for d in range(1, int(n**0.5) + 1) if n % d == 0]
    return sorted(set(small + [n // d for d in small]))


def _mobius_mu(n: int) -> int:
    mu, m, p = 1, n, 2
    while p * p <= m:
        if m % p == 0:
            m //= p
            if m % p == 0:
                return 0
            mu = -mu
        p += 1
    return -mu if m > 1 else mu


def euler_transform(a: Terms) -> list[int]:
    """EULER: ``1 + sum b(n) x^n = prod_n (1 - x^n)^(-a(n))``, ``a[0]`` read as a(1)."""
    n = len(a)
    c = [0] + [sum(d * a[d - 1] for d in _divisors(m)) for m in range(1, n + 1)]
    b = [1]
    for m in range(1, n + 1):
        b.append((c[m] + sum(c[k] * b[m - k] for k in range(1, m))) // m)
    return b[1:]


def inverse_euler_transform(a: Terms) -> list[int] | None:
    """EULERi, the inverse of :func:`euler_transform` (integral for integer terms: a series
    ``1 + ...`` with integer coefficients is a product of ``(1 - x^n)^(-a(n))``, a(n) integers;
    None would mean a failed division, kept as a guard)."""
    n = len(a)
    b = [1, *a]
    c = [0] * (n + 1)
    for m in range(1, n + 1):
        c[m] = m * b[m] - sum(c[k] * b[m - k] for k in range(1, m))
    out = []
    for m in range(1, n + 1):
        total = sum(_mobius_mu(m // d) * c[d] for d in _divisors(m))
        if total % m:
            return None
        out.append(total // m)
    return out


def moebius_transform(a: Terms) -> list[int]:
    """MOBIUS: ``b(n) = sum_{d|n} mu(n/d) a(d)``, ``a[0]`` read as a(1)."""
    return [sum(_mobius_mu(n // d) * a[d - 1] for d in _divisors(n)) for n in range(1, len(a) + 1)]


def inverse_moebius_transform(a: Terms) -> list[int]:
    """MOBIUSi: ``b(n) = sum_{d|n} a(d)``, ``a[0]`` read as a(1)."""
    return [sum(a[d - 1] for d in _divisors(n)) for n in range(1, len(a) + 1)]


def _stirling_rows(n: int, first_kind: bool) -> list[list[int]]:
    """Rows 1..n of the Stirling numbers (second kind, or signed first kind), 1-indexed."""
    rows = [[1]]  # row 0: S(0,0) = 1
    for m in range(1, n + 1):
        prev = rows[-1]
        row = [0] * (m + 1)
        for k in range(1, m + 1):
            left = prev[k - 1]
            same = prev[k] if k < m else 0
            row[k] = left - (m - 1) * same if first_kind else left + k * same
        rows.append(row)
    return rows


def stirling2_transform(a: Terms) -> list[int]:
    """STIRLING: ``b(n) = sum_k S2(n,k) a(k)``, ``a[0]`` read as a(1)."""
    rows = _stirling_rows(len(a), first_kind=False)
    return [sum(rows[n][k] * a[k - 1] for k in range(1, n + 1)) for n in range(1, len(a) + 1)]


def stirling1_transform(a: Terms) -> list[int]:
    """STIRLINGi: ``b(n) = sum_k s1(n,k) a(k)`` (signed first kind), the inverse of STIRLING."""
    rows = _stirling_rows(len(a), first_kind=True)
    return [sum(rows[n][k] * a[k - 1] for k in range(1, n + 1)) for n in range(1, len(a) + 1)]


def zigzag_numbers(count: int) -> list[int]:
    """The Euler zigzag numbers E(0..count-1) (A000111), by the Seidel-Entringer triangle.

    >>> zigzag_numbers(8)
    [1, 1, 1, 2, 5, 16, 61, 272]
    """
    # Entringer numbers: E(0,0) = 1, E(n,0) = 0, E(n,k) = E(n,k-1) + E(n-1,n-k); E_n = E(n,n)
    out: list[int] = []
    row = [1]
    for n in range(count):
        if n:
            nxt = [0]
            for k in range(1, n + 1):
                nxt.append(nxt[k - 1] + row[n - k])
            row = nxt
        out.append(row[n])
    return out


def boustrophedon_transform(a: Terms) -> list[int]:
    """BOUS: ``b(n) = sum_k C(n,k) a(k) E(n-k)``, E the zigzag numbers.

    The closed form of Millar, Sloane and Young, "A new operation on sequences: the
    boustrophedon transform", J. Combin. Theory A 76 (1996) 44-54.
    """
    e = zigzag_numbers(len(a))
    return [sum(comb(n, k) * a[k] * e[n - k] for k in range(n + 1)) for n in range(len(a))]


def inverse_boustrophedon_transform(a: Terms) -> list[int]:
    """BOUSi, the inverse of :func:`boustrophedon_transform` (E(0) = 1: triangular solve)."""
    e = zigzag_numbers(len(a))
    out: list[int] = []
    for n in range(len(a)):
        out.append(a[n] - sum(comb(n, k) * out[k] * e[n - k] for k in range(n)))
    return out


def exp_transform(a: Terms) -> list[int]:
    """EXP: ``1 + sum b(n) x^n/n! = exp(sum a(n) x^n/n!)``, ``a[0]`` read as a(1)."""
    b = [1]
    for n in range(1, len(a) + 1):
        b.append(sum(comb(n - 1, k - 1) * a[k - 1] * b[n - k] for k in range(1, n + 1)))
    return b[1:]


def log_transform(a: Terms) -> list[int]:
    """LOG, the inverse of :func:`exp_transform`."""
    b = [1, *a]
    out: list[int] = []
    for n in range(1, len(a) + 1):
        rest = sum(comb(n - 1, k - 1) * out[k - 1] * b[n - k] for k in range(1, n))
        out.append(b[n] - rest)
    return out


def invert_transform(a: Terms) -> list[int]:
    """INVERT: ``1 + sum b(n) x^n = 1/(1 - sum a(n) x^n)``, ``a[0]`` read as a(1)."""
    b = [1]
    for n in range(1, len(a) + 1):
        b.append(sum(a[k - 1] * b[n - k] for k in range(1, n + 1)))
    return b[1:]


def inverse_invert_transform(a: Terms) -> list[int]:
    """INVERTi, the inverse of :func:`invert_transform`."""
    b = [1, *a]
    out: list[int] = []
    for n in range(1, len(a) + 1):
        out.append(b[n] - sum(out[k - 1] * b[n - k] for k in range(1, n)))
    return out


def section(a: Terms, modulus: int, residue: int) -> list[int]:
    """The terms ``a[residue], a[residue + modulus], ...`` (bisections, trisections).

    >>> section([0, 1, 2, 3, 4, 5, 6], 2, 1)
    [1, 3, 5]
    """
    return list(a[residue::modulus])


def divide_by_gcd(a: Terms) -> list[int] | None:
    """The terms divided by their gcd; None when it is 0 or 1 (nothing to divide)."""
    g = reduce(gcd, a, 0)
    return None if g < 2 else [x // g for x in a]


def plus_index(a: Terms, coefficient: int, start: int) -> list[int]:
    """``a[i] + coefficient * (i + start)``: a(n) + n (start 0 or 1), a(n) - n, ...

    >>> plus_index([5, 5, 5], -1, 1)
    [4, 3, 2]
    """
    return [x + coefficient * (i + start) for i, x in enumerate(a)]


def alternate_signs(a: Terms) -> list[int]:
    """``(-1)^n a(n)``."""
    return [-x if i % 2 else x for i, x in enumerate(a)]


def multiply_by_factorials(a: Terms) -> list[int]:
    """``n! a(n)`` (an o.g.f. read as an e.g.f.)."""
    return [factorial(i) * x for i, x in enumerate(a)]


def divide_by_factorials(a: Terms) -> list[int] | None:
    """``a(n) / n!`` when every quotient is an integer, else None."""
    out = []
    for i, x in enumerate(a):
        q, r = divmod(x, factorial(i))
        if r:
            return None
        out.append(q)
    return out


def window_sums(a: Terms, coefficients: Sequence[int]) -> list[int]:
    """``b(j) = sum_k c[k] a(j+k)``: u[j]+u[j+1], u[j+2]-u[j], ... (shorter by len(c)-1).

    >>> window_sums([1, 2, 4, 8], [1, 1])
    [3, 6, 12]
    """
    k = len(coefficients)
    return [sum(c * a[j + i] for i, c in enumerate(coefficients)) for j in range(len(a) - k + 1)]


def gf_multiply(a: Terms, poly: Sequence[int]) -> list[int]:
    """The o.g.f. times the polynomial ``poly[0] + poly[1] z + ...`` (as many terms as ``a``)."""
    return [sum(poly[k] * a[n - k] for k in range(min(n + 1, len(poly)))) for n in range(len(a))]


def gf_divide(a: Terms, poly: Sequence[int]) -> list[int]:
    """The o.g.f. divided by a polynomial with constant term 1 (exact, integer).

    >>> gf_divide([1, 0, 0, 0, 0, 0], [1, -1, -1])  # 1/(1-z-z^2): Fibonacci
    [1, 1, 2, 3, 5, 8]
    """
    if not poly or poly[0] != 1:
        raise ValueError("the divisor must have constant term 1")
    out: list[int] = []
    for n in range(len(a)):
        out.append(a[n] - sum(poly[k] * out[n - k] for k in range(1, min(n + 1, len(poly)))))
    return out


def series_square(a: Terms) -> list[int]:
    """Coefficients of ``Sn(z)^2`` (self-convolution)."""
    return [sum(a[k] * a[n - k] for k in range(n + 1)) for n in range(len(a))]


def series_reciprocal(a: Terms) -> list[int] | None:
    """Coefficients of ``1/Sn(z)``; None unless the first term is 1 or -1 (else not integral).

    >>> series_reciprocal([1, -1])  # 1/(1-z)
    [1, 1]
    """
    if not a or a[0] not in (1, -1):
        return None
    out = [a[0]]
    for n in range(1, len(a)):
        out.append(-a[0] * sum(a[k] * out[n - k] for k in range(1, n + 1)))
    return out


def exponential_square(a: Terms) -> list[int]:
    """Coefficients of ``EGF(z)^2`` times n!: ``b(n) = sum_k C(n,k) a(k) a(n-k)``."""
    return [sum(comb(n, k) * a[k] * a[n - k] for k in range(n + 1)) for n in range(len(a))]


def gf_diagonal(a: Terms, sign: int, divide: bool) -> list[int]:
    """``b(j) = [z^j] Sn(z) (1 + sign z)^(+-j)``: ``divide`` takes the power ``-j``.

    With ``divide=False`` this is the binomial transform (``sign=1``) or its inverse
    (``sign=-1``); dividing gives ``sum_k C(j+k-1,k) (-sign)^k a(j-k)``.
    """
    out = []
    for j in range(len(a)):
        if divide:
            total = sum(
                (comb(j + k - 1, k) if j else int(k == 0)) * (-sign) ** k * a[j - k]
                for k in range(j + 1)
            )
        else:
            total = sum(comb(j, k) * sign**k * a[j - k] for k in range(j + 1))
        out.append(total)
    return out


def complement(a: Terms, limit: int = 10**5) -> list[int] | None:
    """The nonnegative integers below ``max(a)`` not in ``a``, for an increasing ``a`` of
    nonnegative terms (at most ``limit``); else None."""
    if not a or a[0] < 0 or a[-1] > limit or any(x >= y for x, y in itertools.pairwise(a)):
        return None
    present = set(a)
    return [n for n in range(a[-1]) if n not in present]


def sorted_distinct(a: Terms) -> list[int]:
    """The terms sorted, duplicates removed."""
    return sorted(set(a))
