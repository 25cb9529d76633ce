"""Polynomial sequences and C-finite sequences (constant-coefficient linear recurrences).

* Polynomial: ``a(n)`` is a polynomial of degree ``d`` exactly when its ``(d+1)``-th finite
  difference vanishes. The differences are taken modulo a prime first (cheap on huge terms),
  then the degree found is checked exactly and the coefficients come from Newton's forward
  difference formula.
* C-finite: Berlekamp-Massey (Massey 1969, "Shift-register synthesis and BCH decoding")
  modulo word-size primes gives the linear complexity ``L`` and the connection polynomial;
  its coefficients are lifted to the rationals by CRT and rational reconstruction
  (:mod:`numtheory.guessing._modular`) and the recurrence is checked exactly on every term.
  The generating function is ``N(x)/D(x)`` with ``D`` the reversed characteristic
  polynomial and ``N = D*f mod x^L``.

Guarantee: a returned guess satisfies every given term exactly; ``fitted`` counts the terms
that determine it (``d+1`` for a polynomial, ``2L`` for a recurrence of order ``L``).

>>> from numtheory.guessing._linear import berlekamp_massey
>>> berlekamp_massey([1, 1, 2, 3, 5, 8, 13], 101)
(2, [1, 100, 100])
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

from numtheory.guessing._model import Guess, poly_text, recurrence_text
from numtheory.guessing._modular import Image, Residues, lift, prime

__all__ = [
    "MAX_C_FINITE_ORDER",
    "MAX_POLY_DEGREE",
    "berlekamp_massey",
    "guess_c_finite",
    "guess_polynomial",
]

#: Highest C-finite order tried unless ``max_order`` says otherwise: Berlekamp-Massey costs
#: ``O(N * L)`` and stops once the complexity passes the limit.
MAX_C_FINITE_ORDER = 1000
#: Highest polynomial degree tried unless ``max_degree`` says otherwise: the differences cost
#: ``O(N * degree)`` operations on ``N`` terms.
MAX_POLY_DEGREE = 200


def berlekamp_massey(seq: list[int], p: int, max_order: int | None = None) -> tuple[int, list[int]]:
    """Linear complexity ``L`` and connection polynomial ``C`` (``C[0] = 1``) of ``seq`` mod ``p``.

    ``sum_{j=0}^{L} C[j] * seq[n-j] = 0 (mod p)`` for ``L <= n < len(seq)``. Stops early,
    returning ``(L, [])``, as soon as ``L`` exceeds ``max_order`` (``L`` never decreases).
    """
    c, b = [1], [1]
    order, shift, last = 0, 1, 1
    for n, term in enumerate(seq):
        d = term
        for j in range(1, order + 1):
            d += c[j] * seq[n - j]
        d %= p
        if d == 0:
            shift += 1
            continue
        coef = d * pow(last, -1, p) % p
        old = c[:]
        if len(c) < len(b) + shift:
            c += [0] * (len(b) + shift - len(c))
        for j, bj in enumerate(b):
            c[j + shift] = (c[j + shift] - coef * bj) % p
        if 2 * order <= n:
            order, b, last, shift = n + 1 - order, old, d, 1
            if max_order is not None and order > max_order:
                return order, []
        else:
            shift += 1
    c += [0] * (order + 1 - len(c))
    return order, c[: order + 1]


def guess_polynomial(data: Residues, spare: int, max_degree: int | None) -> Guess | None:
    """The polynomial of least degree through the terms, with ``spare`` terms to confirm it."""
    count = len(data)
    top = min(count - 1 - spare, MAX_POLY_DEGREE if max_degree is None else max_degree)
    if top < 0:
        return None
    vals = data.mod(prime(0))
    p = prime(0)
    degree = None
    for level in range(top + 2):
        if not any(vals):
            degree = max(level - 1, 0)
            break
        vals = [(vals[j + 1] - vals[j]) % p for j in range(len(vals) - 1)]
    if degree is None:
        return None
    # exact: the (degree+1)-th differences vanish, and Newton's formula gives the coefficients
    diffs = list(data.terms)
    heads = []
    for _ in range(degree + 1):
        heads.append(diffs[0])
        diffs = [diffs[j + 1] - diffs[j] for j in range(len(diffs) - 1)]
    if any(diffs):
        return None
    coeffs = [Fraction(0)] * (degree + 1)
    for k, head in enumerate(heads):
        # binom(n - offset, k) = prod_{t<k} (n - offset - t) / k!, expanded in powers of n
        basis = [Fraction(1)]
        for t in range(k):
            root = data.offset + t
            basis = [
                (basis[j - 1] if j else Fraction(0))
                - root * (basis[j] if j < len(basis) else Fraction(0))
                for j in range(len(basis) + 1)
            ]
        scale = Fraction(head, factorial(k))
        for j, b in enumerate(basis):
            coeffs[j] += scale * b
    final = tuple(int(c) if c.denominator == 1 else c for c in coeffs)
    return Guess(
        kind="polynomial",
        order=0,
        degree=degree,
        coefficients=final,
        initial=(),
        offset=data.offset,
        fitted=degree + 1,
        confirmed=count - degree - 1,
        equation=f"a(n) = {poly_text(final)}",
        terms=data.terms,
    )


def guess_c_finite(data: Residues, spare: int, max_order: int | None) -> Guess | None:
    """The linear recurrence with constant coefficients of least order, lifted and checked."""
    count = len(data)
    limit = min((count - spare) // 2, MAX_C_FINITE_ORDER if max_order is None else max_order)
    if limit < 1:
        return None
    terms = data.terms

    def image(p: int) -> Image | None:
        order, conn = berlekamp_massey(data.mod(p), p, limit)
        if not conn or order == 0:
            return None
        # a larger complexity is the true one: a prime can only make the sequence simpler
        return (-order,), conn

    def check(vec: tuple[int, ...]) -> bool:
        order = len(vec) - 1
        return all(
            sum(vec[j] * terms[n - j] for j in range(order + 1)) == 0 for n in range(order, count)
        )

    found = lift(image, check)
    if found is None:
        return None
    order = len(found) - 1
    conn = list(found)
    if conn[0] < 0:
        conn = [-c for c in conn]
    coefficients = tuple((conn[order - i],) for i in range(order + 1))
    # generating function N/D: D(x) = sum_j C_j x^j, N = D * f truncated below x^L
    numer = [sum(conn[j] * terms[k - j] for j in range(k + 1)) for k in range(order)]
    while numer and numer[-1] == 0:
        numer.pop()
    num_text = poly_text(tuple(numer) or (0,), "x", low_first=True)
    den_text = poly_text(tuple(conn), "x", low_first=True)
    num_text = num_text if sum(1 for c in numer if c) <= 1 else f"({num_text})"
    gf = f"{num_text}/({den_text})"
    if data.offset:
        gf = f"x^{data.offset}*{gf}" if data.offset > 0 else f"x^({data.offset})*{gf}"
    return Guess(
        kind="c-finite",
        order=order,
        degree=0,
        coefficients=coefficients,
        initial=terms[:order],
        offset=data.offset,
        fitted=2 * order,
        confirmed=count - 2 * order,
        equation=recurrence_text(coefficients) + f" for n >= {data.offset}",
        gf=gf,
        terms=terms,
    )
