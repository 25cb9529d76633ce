"""Algebraic generating functions: ``P(x, f(x)) = 0`` for ``f = sum a(offset+j) x^j``.

The ansatz of degree ``k`` in ``f`` and ``dx`` in ``x`` has ``U = (k+1)(dx+1)`` unknowns
``c_{i,j}`` with ``sum c_{i,j} x^j f^i = O(x^N)``: the coefficient of ``x^t`` is one linear
equation in them, using the terms up to ``a(offset+t)``. Modulo a prime the powers ``f^i``
are truncated products of ``nmod_poly``; for ``k = 2, 3, ...`` the largest ``x``-degree the
terms can test is tried, the simplest kernel vector gives the least ``x``-degree (as in
:mod:`numtheory.guessing._holonomic`), and the relation is lifted and checked exactly with
``fmpz_poly`` arithmetic on the whole truncated series. Degree 1 in ``f`` (a rational
function) is the C-finite case, found elsewhere.

Further terms come from the equation itself: if ``g = dP/df (x, f)`` has valuation ``v``,
then for ``m > v`` the coefficient of ``x^(m+v)`` in ``P(x, f_{<m} + t x^m)`` is linear in
``t`` with slope ``g_v != 0`` (Newton-Hensel lifting, one coefficient at a time).

Guarantee: a returned guess's equation holds modulo ``x^N`` for the ``N`` given terms, and
``dP/df (0, f(0)) != 0``, so each coefficient of ``x^t`` pins ``a(offset+t)`` given the
earlier terms: every spare term is a real test.

>>> from numtheory.guessing._algebraic import guess_algebraic
>>> from numtheory.guessing._modular import Residues
>>> motzkin = [1, 1, 2, 4, 9, 21, 51, 127, 323, 835, 2188, 5798, 15511, 41835, 113634]
>>> guess_algebraic(Residues(motzkin, 0), spare=6, max_order=4, max_degree=None).coefficients
((1,), (-1, 1), (0, 0, 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from numtheory import _backend
from numtheory.guessing._model import Guess, poly_text
from numtheory.guessing._modular import Residues, kernel_mod, lift_kernel, prime

__all__ = ["extend_algebraic", "guess_algebraic", "residual_valuation"]

#: Highest degree in f tried by default (Catalan, Motzkin, Schroeder have 2).
MAX_F_DEGREE = 4
#: Most unknowns of one algebraic ansatz: equations of x-degree past ~50 are rare, and each
#: try costs a kernel of that size.
MAX_UNKNOWNS = 200
_EXTRA_ROWS = 8


class _Ansatz:
    def __init__(self, data: Residues, fdeg: int, xdeg: int, rows: int) -> None:
        self.data, self.fdeg, self.xdeg, self.rows = data, fdeg, xdeg, rows

    def build(self, p: int) -> tuple[list[int], int, int]:
        k, dx, rows = self.fdeg, self.xdeg, self.rows
        f = _backend.nmod_poly(self.data.mod(p)[:rows], p)
        powers = [_backend.nmod_poly([1], p)]
        for _ in range(k):
            powers.append(powers[-1].mul_low(f, rows))
        coeff = [[int(c) for c in q.coeffs()] + [0] * (rows - q.length()) for q in powers]
        flat: list[int] = []
        for t in range(rows):
            for j in range(dx, -1, -1):  # highest x-degree first
                for i in range(k, -1, -1):
                    flat.append(coeff[i][t - j] if t >= j else 0)
        return flat, rows, (k + 1) * (dx + 1)

    def polys(self, vec: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
        k, dx = self.fdeg, self.xdeg
        out = []
        for i in range(k + 1):
            coeffs = [vec[(dx - j) * (k + 1) + (k - i)] for j in range(dx + 1)]
            while len(coeffs) > 1 and coeffs[-1] == 0:
                coeffs.pop()
            out.append(tuple(coeffs))
        return tuple(out)


def _residual(polys: tuple[tuple[int, ...], ...], terms: list[int], length: int) -> Any:
    """``P(x, f)`` modulo ``x^length`` as an ``fmpz_poly``."""
    f = _backend.fmpz_poly(terms[:length])
    total = _backend.fmpz_poly([])
    power = _backend.fmpz_poly([1])
    for i, poly in enumerate(polys):
        if i:
            power = power.mul_low(f, length)
        if any(poly):
            total += _backend.fmpz_poly(list(poly)).mul_low(power, length)
    return total


def residual_valuation(polys: tuple[tuple[int, ...], ...], terms: list[int]) -> int:
    """The valuation of ``P(x, f)`` truncated to ``len(terms)`` (``len(terms)`` when zero)."""
    length = len(terms)
    res = _residual(polys, terms, length)
    coeffs = [int(c) for c in res.coeffs()]
    for j, c in enumerate(coeffs[:length]):
        if c:
            return j
    return length


def guess_algebraic(
    data: Residues,
    spare: int,
    max_order: int,
    max_degree: int | None,
    max_fitted: int | None = None,
) -> Guess | None:
    """The algebraic equation of least degree in f (>= 2), then in x, for the terms' series.

    ``max_fitted`` bounds the terms an equation may need (``(k+1)(dx+1) - 1``).
    """
    count = len(data)
    unknowns_cap = MAX_UNKNOWNS if max_fitted is None else min(MAX_UNKNOWNS, max_fitted + 1)
    for fdeg in range(2, min(max_order, MAX_F_DEGREE) + 1):
        top = (count - spare + 1) // (fdeg + 1) - 1
        top = min(top, unknowns_cap // (fdeg + 1) - 1)
        if max_degree is not None:
            top = min(top, max_degree)
        if top < 0:
            break
        # the rows the ansatz needs (the exact check below covers every term)
        probe = _Ansatz(data, fdeg, top, min(count, (fdeg + 1) * (top + 1) + spare + _EXTRA_ROWS))
        p = prime(0)
        nullity, vec = kernel_mod(*probe.build(p), p)
        if nullity == 0:
            continue
        lead = next(i for i, x in enumerate(vec) if x)
        xdeg = top - lead // (fdeg + 1)
        unknowns = (fdeg + 1) * (xdeg + 1)
        rows = min(count, unknowns + spare + _EXTRA_ROWS)
        ansatz = _Ansatz(data, fdeg, xdeg, rows)
        terms = list(data.terms)

        def check(v: tuple[int, ...], a: _Ansatz = ansatz, terms: list[int] = terms) -> bool:
            polys = a.polys(v)
            return bool(any(polys[-1])) and residual_valuation(polys, terms) >= count

        found = lift_kernel(ansatz.build, check)
        if found is None:
            continue
        polys = ansatz.polys(found)
        if polys[-1][-1] < 0:
            polys = tuple(tuple(-c for c in poly) for poly in polys)
        try:
            valuation, _ = _slope(polys, terms)
        except ValueError:
            continue  # dP/df vanishes on the series: the equation cannot give more terms
        if valuation:
            # dP/df(0, f(0)) = 0: the coefficient of x^t no longer pins a(t), so the last
            # terms are not tested and a wrong last term could be absorbed: not evidence
            continue
        equation = _equation_text(polys)
        if data.offset:
            equation += f", f(x) = sum_(j>=0) a({data.offset}+j) x^j"
        return Guess(
            kind="algebraic",
            order=fdeg,
            degree=max(len(q) - 1 for q in polys),
            coefficients=polys,
            initial=(),
            offset=data.offset,
            fitted=unknowns - 1,
            confirmed=count - unknowns + 1,
            equation=equation,
            gf=f"f(x) is the root of {_equation_text(polys)} with f(0) = {terms[0]}",
            terms=data.terms,
        )
    return None


def _equation_text(polys: tuple[tuple[int, ...], ...]) -> str:
    parts = []
    for i in range(len(polys) - 1, -1, -1):
        poly = polys[i]
        if not any(poly):
            continue
        text = poly_text(poly, "x")
        nonzero = sum(1 for c in poly if c)
        power = "" if i == 0 else ("f" if i == 1 else f"f^{i}")
        if not power:
            parts.append(text)
        elif text == "1":
            parts.append(power)
        elif text == "-1":
            parts.append(f"-{power}")
        else:
            parts.append(f"({text})*{power}" if nonzero > 1 else f"{text}*{power}")
    return " + ".join(parts).replace("+ -", "- ") + " = 0"


def _slope(polys: tuple[tuple[int, ...], ...], terms: list[int]) -> tuple[int, int]:
    """Valuation ``v`` and coefficient ``g_v`` of ``dP/df (x, f)``, from the known terms."""
    deriv = tuple(tuple(i * c for c in poly) for i, poly in enumerate(polys))[1:]
    length = len(terms)
    g = _residual(deriv, terms, length)
    for v, c in enumerate(int(c) for c in g.coeffs()):
        if c:
            if 2 * v + 1 > length:
                break
            return v, c
    raise ValueError("dP/df vanishes to the precision of the terms")


def extend_algebraic(
    polys: tuple[tuple[int, ...], ...], terms: list[int], k: int
) -> list[Fraction]:
    """The next ``k`` series coefficients of the root of ``P`` that starts with ``terms``."""
    v, slope = _slope(polys, terms)
    series = list(terms)
    out: list[Fraction] = []
    for _ in range(k):
        m = len(series)
        res = _residual(polys, series, m + v + 1)
        coeffs = [int(c) for c in res.coeffs()]
        target = coeffs[m + v] if m + v < len(coeffs) else 0
        value = Fraction(-target, slope)
        out.append(value)
        if value.denominator != 1:
            return out  # Guess.extend reports the non-integer; nothing after it is defined
        series.append(value.numerator)
    return out
