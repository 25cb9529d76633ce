"""P-recursive (holonomic) sequences: recurrences with polynomial coefficients.

The ansatz of order ``r`` and degree ``d`` has ``U = (r+1)(d+1)`` unknowns ``c_{i,j}`` with
``sum_{i<=r} sum_{j<=d} c_{i,j} n^j a(n+i) = 0``, one equation per window of ``r+1`` terms.
For each order ``r = 1, 2, ...`` the largest degree the terms can test (``U - 1 + spare``
equations) is tried modulo a word-size prime; the first order with a kernel is the minimal
order. The minimal degree at that order comes from the same kernel: with the unknowns
ordered highest degree first, the last row of the reduced echelon form of a kernel basis is
the relation of least degree (gfun's ``listtorec`` and ore_algebra's ``guess`` solve the same
ansatz; see Kauers, "Guessing handbook", RISC report 09-07, 2009). That relation is then
solved again at its own size modulo several primes, lifted by CRT and rational
reconstruction, and checked exactly on every window of the terms.

For the exponential generating function the same ansatz is solved for ``b(n) = a(n)/n!``,
written over the integers by multiplying the relation by ``(n+r)!``.

Guarantee: a returned guess satisfies every window of the given terms exactly. Where its
leading coefficient vanishes at an ``n`` of those windows (``n a(n+1) = (4n+2) a(n)`` at
``n = 0``), the terms up to the last such ``a(n+r)`` are initial values, counted in
``fitted``, not tests; every term after them is determined by the ones before it, so each
of the ``confirmed`` spare terms really tests the guess.

>>> from numtheory.guessing._holonomic import guess_holonomic
>>> from numtheory.guessing._modular import Residues
>>> catalan = [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786]
>>> g = guess_holonomic(Residues(catalan, 0), spare=6, max_order=4, max_degree=None)
>>> g.kind, g.coefficients
('hypergeometric', ((-2, -4), (2, 1)))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from numtheory import _backend
from numtheory.guessing._model import Guess, poly_text, recurrence_text
from numtheory.guessing._modular import Residues, kernel_mod, lift_kernel, prime

__all__ = ["MAX_UNKNOWNS", "guess_holonomic", "hypergeometric_form"]

#: Most unknowns (r+1)(d+1) of one ansatz unless ``max_degree`` is given: a kernel of 700
#: unknowns costs about 0.15 s CPU (half of it converting the matrix into FLINT), so ten
#: orders, for a(n) and a(n)/n!, stay within seconds however long the input. Order 6 and
#: degree 90 (ore_algebra's stress case) need 637.
MAX_UNKNOWNS = 700
#: Slack rows beyond ``unknowns + spare`` in the modular systems; the exact check covers
#: every row anyway, so more rows would only cost time.
_EXTRA_ROWS = 8


def _falling(top: int, count: int) -> int:
    value = 1
    for k in range(count):
        value *= top - k
    return value


class _Ansatz:
    """The matrix of the order-``r``, degree-``d`` ansatz, modulo any prime."""

    def __init__(self, data: Residues, order: int, degree: int, egf: bool, rows: int) -> None:
        self.data, self.order, self.degree, self.egf, self.rows = data, order, degree, egf, rows

    def weights(self, n: int) -> list[int]:
        r = self.order
        if self.egf:  # (n+r)! / (n+i)!: the relation for a(n)/n! times (n+r)!
            return [_falling(n + r, r - i) for i in range(r + 1)]
        return [1] * (r + 1)

    def build(self, p: int) -> tuple[list[int], int, int]:
        r, d = self.order, self.degree
        res = self.data.mod(p)
        offset = self.data.offset
        flat: list[int] = []
        for t in range(self.rows):
            n = offset + t
            w = self.weights(n)
            shifted = [w[i] * res[t + i] % p for i in range(r, -1, -1)]  # a(n+r) ... a(n)
            nn = n % p
            powers = [1] * (d + 1)
            for j in range(1, d + 1):
                powers[j] = powers[j - 1] * nn % p
            powers.reverse()  # n^d ... n^0: highest degree first, as kernel_mod needs
            # products of two residues below 2**31: nmod_mat reduces them itself, faster
            flat.extend([x * y for x in powers for y in shifted])
        return flat, self.rows, (r + 1) * (d + 1)

    def polys(self, vec: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
        """Column ``(d-j)(r+1) + (r-i)`` holds ``c_{i,j}``: back to ``c_0(n), ..., c_r(n)``."""
        r, d = self.order, self.degree
        out = []
        for i in range(r + 1):
            coeffs = [vec[(d - j) * (r + 1) + (r - i)] for j in range(d + 1)]
            while len(coeffs) > 1 and coeffs[-1] == 0:
                coeffs.pop()
            out.append(tuple(coeffs))
        return tuple(out)

    def holds(self, polys: tuple[tuple[int, ...], ...]) -> bool:
        """The relation, exactly, on every window of the terms."""
        terms = self.data.terms
        offset = self.data.offset
        r = self.order
        big = None if self.data.small else self.data.big()
        for t in range(len(terms) - r):
            n = offset + t
            w = self.weights(n)
            factors = []
            for i in range(r + 1):
                c = 0
                for coef in reversed(polys[i]):
                    c = c * n + coef
                factors.append(c * w[i])
            if big is None:
                total = sum(f * terms[t + i] for i, f in enumerate(factors))
            else:  # huge terms: GMP multiplies them by the small factors 50x faster
                total = _backend.weighted_sum(factors, big[t : t + r + 1])
            if total:
                return False
        return True


def guess_holonomic(
    data: Residues,
    spare: int,
    max_order: int,
    max_degree: int | None,
    *,
    egf: bool = False,
    max_fitted: int | None = None,
) -> Guess | None:
    """The recurrence of minimal order, then minimal degree, for the terms.

    Only degrees ``>= 1`` are searched at the largest size (degree 0 is C-finite, found by
    Berlekamp-Massey), though the least degree found may be 0. ``max_fitted`` bounds the
    terms a relation may need, ``(r+1)(d+1) - 1 + r`` (to look only for relations simpler
    than one already found). Returns None when no order up to ``max_order`` fits.
    """
    count = len(data)
    for order in range(1, max_order + 1):
        top = (count - order - spare + 1) // (order + 1) - 1
        if max_fitted is not None:
            top = min(top, (max_fitted + 1 - order) // (order + 1) - 1)
        if max_degree is not None:
            top = min(top, max_degree)
        else:  # the default budget; an explicit max_degree replaces it
            top = min(top, MAX_UNKNOWNS // (order + 1) - 1)
        if top < 1:
            break  # degree 0 is C-finite, found elsewhere; higher orders need more terms
        # probe with the rows the ansatz needs; if its relation then fails on the other
        # rows, probe again with all of them (a relation may hold on the first rows only)
        needed = (order + 1) * (top + 1) + spare + _EXTRA_ROWS
        for rows in dict.fromkeys((min(count - order, needed), count - order)):
            outcome = _try(data, order, top, egf, spare, rows)
            if outcome is not False:
                break
        if isinstance(outcome, Guess):
            return outcome
    return None


def _try(data: Residues, order: int, top: int, egf: bool, spare: int, rows: int) -> Any:
    """A guess, None (no relation of this order), or False (a relation the check refused)."""
    count = len(data)
    probe = _Ansatz(data, order, top, egf, rows)
    p = prime(0)
    nullity, vec = kernel_mod(*probe.build(p), p)
    if nullity == 0:
        return None
    lead = next(i for i, x in enumerate(vec) if x)
    degree = top - lead // (order + 1)
    unknowns = (order + 1) * (degree + 1)
    ansatz = _Ansatz(data, order, degree, egf, min(count - order, unknowns + spare + _EXTRA_ROWS))
    full = _Ansatz(data, order, degree, egf, count - order)
    last = _last_root_mod(ansatz, count - order)
    if last is not None and count - _start(last, data.offset) - (unknowns - 1) - order < spare:
        # the relation would be refused below; lifting it first could cost MAX_PRIMES
        # kernels (a sequence of few values, e.g. 0/1, has genuine relations with huge
        # coefficients whose c_r vanishes all over the data)
        return False if ansatz.rows < count - order else None

    def check(v: tuple[int, ...]) -> bool:
        return full.holds(ansatz.polys(v))

    found = lift_kernel(ansatz.build, check)
    if found is None:
        return False
    c_r = ansatz.polys(found)[-1]
    if not any(c_r):
        return None  # a relation of lower order
    # c_r(n) = 0 inside the data: a(n+r) is free there, so the relation can absorb a wrong
    # term (the near-miss (n-6)(n-7)(n+2) a(n+1) = ... for a changed a(7)). Only the windows
    # after the last such n test it: the terms before are initial values (n C(2n, n),
    # A005430: n a(n+1) = (4n+2) a(n) leaves a(1) free; leading zeros likewise).
    start = _start(_last_root(c_r, data.offset, count - order), data.offset)
    if count - start - (unknowns - 1) - order < spare:
        return None
    return _make_guess(ansatz, found, egf, start)


def _start(last: int | None, offset: int) -> int:
    """Windows up to the last root of ``c_r`` in the data: they are not tests."""
    return 0 if last is None else last - offset + 1


def _last_root_mod(ansatz: _Ansatz, windows: int) -> int | None:
    """The last ``n`` of the data's windows where ``c_r(n)`` vanishes modulo two primes.

    A relation over the rationals whose ``c_r`` vanishes at ``n`` does so modulo every good
    prime; a false alarm needs ``p1 p2`` (about 2^62) to divide ``c_r(n) != 0``.
    """
    offset = ansatz.data.offset
    common: set[int] | None = None
    for p in (prime(0), prime(1)):
        nullity, vec = kernel_mod(*ansatz.build(p), p)
        if nullity == 0:
            return None  # no relation: lift_kernel says so at once
        lead = ansatz.polys(tuple(vec))[-1]
        roots = set()
        for n in range(offset, offset + windows):
            value = 0
            for c in reversed(lead):
                value = (value * n + c) % p
            if value == 0:
                roots.add(n)
        common = roots if common is None else common & roots
        if not common:
            return None
    return max(common) if common else None


def _last_root(lead: tuple[int, ...], offset: int, windows: int) -> int | None:
    """The largest ``n`` in ``offset .. offset + windows - 1`` with ``lead(n) = 0``, or None."""
    if len(lead) == 1:
        return None
    last = None
    _, factors = _backend.fmpz_poly(list(lead)).factor()
    for factor, _mult in factors:
        coeffs = [int(c) for c in factor.coeffs()]
        if len(coeffs) == 2 and coeffs[0] % coeffs[1] == 0:
            root = -coeffs[0] // coeffs[1]
            if offset <= root < offset + windows:
                last = root if last is None else max(last, root)
    return last


def _make_guess(ansatz: _Ansatz, vec: tuple[int, ...], egf: bool, start: int = 0) -> Guess:
    polys = ansatz.polys(vec)
    if polys[-1][-1] < 0:
        polys = tuple(tuple(-c for c in poly) for poly in polys)
    order = ansatz.order
    degree = max(len(poly) - 1 for poly in polys)
    unknowns = (order + 1) * (ansatz.degree + 1)
    fitted = start + unknowns - 1 + order
    data = ansatz.data
    kind = "p-recursive-egf" if egf else ("hypergeometric" if order == 1 else "p-recursive")
    equation = recurrence_text(polys, "b" if egf else "a") + f" for n >= {data.offset}"
    if egf:
        equation += ", where b(n) = a(n)/n!"
    first = data.offset + start  # the relation determines a(n+r) from n = first on
    if start:
        equation += f"; a({first - 1 + order}) and before are initial values"
    closed = None
    if not egf and order == 1:
        closed = hypergeometric_form(polys, first, data.terms[start])
        if start:
            closed += f" for n >= {first}"
    return Guess(
        kind=kind,
        order=order,
        degree=degree,
        coefficients=polys,
        initial=data.terms[: start + order],
        offset=data.offset,
        fitted=fitted,
        confirmed=len(data) - fitted,
        equation=equation,
        closed_form=closed,
        terms=data.terms,
    )


def hypergeometric_form(polys: tuple[tuple[int, ...], ...], offset: int, first: int) -> str:
    """``a(n+1)/a(n) = R(n)``, and the product form when ``R`` splits into linear factors.

    ``R(n) = C * prod (n + alpha_k) / prod (n + beta_k)`` gives
    ``a(n) = a(o) * C^(n-o) * prod (o + alpha_k)_(n-o) / prod (o + beta_k)_(n-o)`` with
    Pochhammer symbols ``(z)_m = z (z+1) ... (z+m-1)``.

    >>> hypergeometric_form(((-2, -4), (2, 1)), 0, 1)
    'a(n+1)/a(n) = (4*n + 2)/(n + 2); a(n) = 4^n * (1/2)_n / (2)_n'
    """
    num = tuple(-c for c in polys[0])
    den = polys[1]
    ratio = f"a(n+1)/a(n) = {_paren(num)}" + ("" if den == (1,) else f"/{_paren(den)}")
    top, bottom = _linear_roots(num), _linear_roots(den)
    if top is None or bottom is None:
        return ratio
    scale = Fraction(top[0], bottom[0])
    m = "n" if offset == 0 else f"(n-{offset})" if offset > 0 else f"(n+{-offset})"
    sub = m  # (z)_(n-1), not (z)_n-1, which reads as (z)_n - 1
    parts = [] if first == 1 else [str(first)]
    if scale != 1:
        parts.append(f"({scale})^{m}" if scale.denominator != 1 or scale < 0 else f"{scale}^{m}")
    ups = [f"({Fraction(offset) + alpha})_{sub}" for alpha in top[1]]
    downs = [f"({Fraction(offset) + beta})_{sub}" for beta in bottom[1]]
    # cancel equal Pochhammer symbols above and below
    for u in list(ups):
        if u in downs:
            ups.remove(u)
            downs.remove(u)
    text = " * ".join(parts + ups) or "1"
    if downs:
        text += " / " + (downs[0] if len(downs) == 1 else "(" + " * ".join(downs) + ")")
    return f"{ratio}; a(n) = {text}"


def _paren(poly: tuple[int, ...]) -> str:
    text = poly_text(poly)
    return text if sum(1 for c in poly if c) <= 1 and not text.startswith("-") else f"({text})"


def _linear_roots(poly: tuple[int, ...]) -> tuple[Fraction, list[Fraction]] | None:
    """``poly = lead * prod (n + alpha)`` over the rationals: ``(lead, [alpha...])``, or None."""
    content, factors = _backend.fmpz_poly(list(poly)).factor()
    lead = Fraction(int(content))
    alphas: list[Fraction] = []
    for factor, mult in factors:
        coeffs = [int(c) for c in factor.coeffs()]
        if len(coeffs) != 2:
            return None
        lead *= Fraction(coeffs[1]) ** mult
        alphas += [Fraction(coeffs[0], coeffs[1])] * mult
    return lead, alphas
