"""``numtheory.guess`` against sympy 1.14's ``guess_generating_function_rational`` on random
sequences (Hypothesis): the same rational generating function whenever both answer, and
every disagreement explained by the spare-terms rule (sympy's answer leaves fewer terms
beyond the ``2L`` that fit an order-``L`` recurrence than ours demands).

Both answers are checked independently: each generating function, read by sympy, is
expanded by exact power-series division and must give the terms.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")  # tests/conftest.py sets it first anyway

import sympy
from sympy.concrete.guess import guess_generating_function_rational

from numtheory import guess
from numtheory.errors import NotEnoughTermsError
from numtheory.guessing import spare_terms

X = sympy.Symbol("x")


def _expand(f: object, count: int) -> tuple[list[int | object], int]:
    """The first ``count`` series coefficients of the rational function ``f`` and its order
    ``L = max(deg D, deg N + 1)`` (with ``D(0) != 0``), by long division over Q."""
    num, den = sympy.fraction(sympy.cancel(sympy.together(f)))
    n = sympy.Poly(num, X).all_coeffs()[::-1]
    d = sympy.Poly(den, X).all_coeffs()[::-1]
    assert d[0] != 0
    out: list[object] = []
    for k in range(count):
        acc = (n[k] if k < len(n) else 0) - sum(
            d[j] * out[k - j] for j in range(1, min(k, len(d) - 1) + 1)
        )
        out.append(sympy.Rational(acc) / d[0])
    return out, max(len(d) - 1, len(n))


def _rule(terms: list[int]) -> int:
    """The documented spare-terms rule, written out here (not numtheory's spare_terms, so a
    weakened rule fails these tests): the least s >= 6 with D^s >= 10^6, D distinct values."""
    distinct = max(len(set(terms)), 2)
    return next(s for s in range(6, 100) if distinct**s >= 10**6)


def _ours(terms: list[int]) -> object | None:
    try:
        found = [g for g in guess(terms, kinds=["c-finite"]) if g.kind == "c-finite"]
    except NotEnoughTermsError:
        return None
    if not found:
        return None
    assert found[0].gf is not None
    return sympy.parse_expr(found[0].gf.replace("^", "**"), {"x": X})


def _compare(terms: list[int]) -> None:
    ours = _ours(terms)
    try:
        theirs = guess_generating_function_rational(terms, X=X)
    except IndexError:  # sympy 1.14 bug: find_simple_recurrence_vector([-1, 1, 0, 1, 1, -2])
        theirs = None
    if ours is not None:
        series, order = _expand(ours, len(terms))
        assert series == terms  # our g.f. gives the terms
        # never from fewer spare terms than the rule: sympy may answer with none to spare
        assert len(terms) - 2 * order >= _rule(terms), (ours, order)
    if theirs is not None:
        series, order = _expand(theirs, len(terms))
        if series != terms:  # sympy 1.14 bug (test_where_sympy_is_wrong): no answer at all
            half = len(terms) // 2  # its numerator is cut below x^half: right that far only
            assert series[:half] == terms[:half], (terms, theirs)
            theirs = None
    if ours is not None and theirs is not None:
        assert sympy.cancel(ours - theirs) == 0
    elif theirs is not None:  # sympy answered, we did not: too few spare terms for us
        assert len(terms) - 2 * order < _rule(terms), (theirs, order)
        assert spare_terms(terms) == _rule(terms)


@st.composite
def _c_finite(draw: st.DrawFn) -> list[int]:
    r = draw(st.integers(1, 5))
    coeffs = draw(st.lists(st.integers(-9, 9), min_size=r, max_size=r))
    init = draw(st.lists(st.integers(-30, 30), min_size=r, max_size=r))
    extra = draw(st.integers(0, 8))
    terms = list(init)
    while len(terms) < 2 * r + 6 + extra:
        terms.append(sum(c * t for c, t in zip(coeffs, terms[-r:], strict=True)))
    return terms


@settings(max_examples=25)
@given(_c_finite())
def test_same_rational_gf_as_sympy_on_c_finite_data(terms: list[int]) -> None:
    _compare(terms)


@settings(max_examples=25)
@example([0, 0, 0, -1, 3, -1, -1, 1])  # sympy's wrong answer: test_where_sympy_is_wrong
@given(st.lists(st.integers(-(10**6), 10**6), min_size=8, max_size=24))
def test_same_rational_gf_as_sympy_on_random_data(terms: list[int]) -> None:
    _compare(terms)


def test_where_sympy_is_wrong() -> None:
    """sympy 1.14's guess_generating_function_rational([0, 0, 0, -1, 3, -1, -1, 1]) is
    -2x^3/(x^2 + x + 2), whose series is -x^3 + x^4/2 + ...: not the terms (Hypothesis found
    it). Ours: 4 distinct values need 10 spare terms, so not enough terms to tell."""
    terms = [0, 0, 0, -1, 3, -1, -1, 1]
    theirs = guess_generating_function_rational(terms, X=X)
    assert sympy.cancel(theirs + 2 * X**3 / (X**2 + X + 2)) == 0
    assert _expand(theirs, 8)[0] != terms
    with pytest.raises(NotEnoughTermsError):
        guess(terms)
    _compare(terms)


def test_where_sympy_raises_we_answer() -> None:
    """sympy 1.14's guess_generating_function_rational raises IndexError on these terms
    (its find_simple_recurrence_vector runs past the list); ours answers: not enough terms
    to tell, or no rational g.f. (20 terms: none of order <= 7 exists, checked by sympy's
    own linear algebra below)."""
    for terms in ([-1, 1, 0, 1, 1, -2], [0, 3, 3, -1, -2, -2, -2, 0]):
        with pytest.raises(IndexError):
            guess_generating_function_rational(terms, X=X)
        with pytest.raises(NotEnoughTermsError):
            guess(terms)
    terms = [0, 6, 3, 3, -4, -1, 0, 6, -1, 4, -9, 1, 0, 6, 0, -5, 6, -9, -6, 5]
    with pytest.raises(IndexError):
        guess_generating_function_rational(terms, X=X)
    assert guess(terms) == []
    for r in range(1, 8):  # a(n+r) = sum c_i a(n+i) has no solution for any r <= 7
        rows = [terms[n : n + r + 1] for n in range(len(terms) - r)]
        a = sympy.Matrix([row[:r] for row in rows])
        b = sympy.Matrix([row[r] for row in rows])
        assert a.rank() < a.row_join(b).rank()
