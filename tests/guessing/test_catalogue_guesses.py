"""The guesser on the built-in catalogue's sequences with known recurrences or g.f.s.

Each sequence's terms come from the catalogue's own generator (numtheory.oeis), not from a
recurrence. The guess is made from the first 30 terms and must: be of the known minimal order
(checked independently for C-finite ones: no lower-order recurrence solves the exact linear
system over Q), predict the next 15 terms, and be labelled a conjecture whose evidence counts
add up (fitted + confirmed = 30, confirmed >= the spare-terms rule).
Random terms get no guess; Hypothesis checks that any guess claimed on 20 terms is as well
founded as its stated evidence, and that "no C-finite guess" means no recurrence of an order
the terms can test exists.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numtheory import guess
from numtheory.errors import NotEnoughTermsError
from numtheory.guessing import Guess, spare_terms
from numtheory.oeis._catalogue import entry

FIT, HELD_OUT = 30, 15

# A-number, kind, order (degree in f for algebraic), the coefficients where classical.
# Sources: the OEIS entries' formula sections (A000045 a(n) = a(n-1) + a(n-2); A000129
# a(n) = 2a(n-1) + a(n-2); A000073 sum of three; A001045 a(n-1) + 2a(n-2); A001109
# 6a(n-1) - a(n-2); A002620 g.f. x^2/((1-x)^2 (1-x^2)); A000108 (n+2)a(n+1) = (4n+2)a(n),
# x f^2 - f + 1 = 0; A000984 (n+1)a(n+1) = (4n+2)a(n); A001006 (n+3)a(n+1) =
# (2n+3)a(n) + 3n a(n-1); A002426 (n+2)a(n+2) = (2n+3)a(n+1) + 3(n+1)a(n); A006318
# (n+2)a(n+1) = 3(2n+1)a(n) - (n-1)a(n-1)).
KNOWN: list[tuple[int, str, int, object]] = [
    (45, "c-finite", 2, ((-1,), (-1,), (1,))),
    (32, "c-finite", 2, ((-1,), (-1,), (1,))),
    (129, "c-finite", 2, ((-1,), (-2,), (1,))),
    (73, "c-finite", 3, ((-1,), (-1,), (-1,), (1,))),
    (1045, "c-finite", 2, ((-2,), (-1,), (1,))),
    (1109, "c-finite", 2, ((1,), (-6,), (1,))),
    (2620, "c-finite", 4, ((1,), (-2,), (0,), (2,), (-1,))[::-1]),
    (79, "c-finite", 1, ((-2,), (1,))),
    (108, "hypergeometric", 1, ((-2, -4), (2, 1))),
    (984, "hypergeometric", 1, ((-2, -4), (1, 1))),
    (1006, "p-recursive", 2, None),
    (2426, "p-recursive", 2, None),
    (6318, "p-recursive", 2, None),
    (108, "algebraic", 2, ((1,), (-1,), (0, 1))),
    (1006, "algebraic", 2, ((1,), (-1, 1), (0, 0, 1))),
    (984, "algebraic", 2, ((-1,), (), (1, -4))),
]


def _proportional(a: tuple[tuple[int, ...], ...], b: tuple[tuple[int, ...], ...]) -> bool:
    def flat(p: tuple[tuple[int, ...], ...]) -> list[int]:
        width = max(len(q) for q in p)
        return [c for q in p for c in (*q, *([0] * (width - len(q))))]

    fa, fb = flat(a), flat(b)
    if len(fa) != len(fb):
        return False
    pivot = next(j for j, c in enumerate(fb) if c)
    return all(
        Fraction(x, fa[pivot]) == Fraction(y, fb[pivot]) for x, y in zip(fa, fb, strict=True)
    )


def _has_recurrence(terms: list[int], order: int) -> bool:
    """Independent: a(n+r) = sum_{i<r} c_i a(n+i) for every window, solvable over Q?

    Gaussian elimination with Fractions on the augmented system; r = 0 means a(n) = 0.
    """
    rows = [
        [Fraction(terms[n + i]) for i in range(order)] + [Fraction(terms[n + order])]
        for n in range(len(terms) - order)
    ]
    rank_a = rank_ab = 0
    col = 0
    while col <= order and rank_ab < len(rows):
        pivot = next((j for j in range(rank_ab, len(rows)) if rows[j][col]), None)
        if pivot is None:
            col += 1
            continue
        rows[rank_ab], rows[pivot] = rows[pivot], rows[rank_ab]
        for j in range(len(rows)):
            if j != rank_ab and rows[j][col]:
                f = rows[j][col] / rows[rank_ab][col]
                rows[j] = [x - f * y for x, y in zip(rows[j], rows[rank_ab], strict=True)]
        if col < order:
            rank_a += 1
        rank_ab += 1
        col += 1
    return rank_a == rank_ab


def _check_evidence(g: Guess, count: int, spare: int) -> None:
    assert g.conjecture is True
    assert g.fitted + g.confirmed == count
    assert g.confirmed >= spare
    said = f"conjecture: fitted on {g.fitted} terms, confirmed by {g.confirmed} more"
    assert g.evidence() == said
    assert "a conjecture" in g.text(0) and "a conjecture" in repr(g)


@pytest.mark.parametrize(("number", "kind", "order", "coefficients"), KNOWN)
def test_catalogue_sequence(number: int, kind: str, order: int, coefficients: object) -> None:
    e = entry(number)
    assert e is not None
    terms = list(e.terms(FIT + HELD_OUT))
    fit = terms[:FIT]
    found = guess(fit, e.offset)
    g = next((g for g in found if g.kind == kind), None)
    assert g is not None, [x.kind for x in found]
    assert g.order == order
    if coefficients is not None:
        assert _proportional(g.coefficients, coefficients)  # type: ignore[arg-type]
    assert g.extend(HELD_OUT) == terms[FIT:]
    assert g.satisfies(terms, e.offset)
    _check_evidence(g, FIT, spare_terms(fit))
    if kind == "c-finite":
        assert _has_recurrence(fit, order)
        assert not any(_has_recurrence(fit, r) for r in range(order))  # minimal
        assert g.fitted == 2 * order


def test_random_sequences_give_no_guess() -> None:
    rng = random.Random(2026)
    for top in (9, 10**3, 10**12):
        for _ in range(10):
            terms = [rng.randint(-top, top) for _ in range(20)]
            try:
                assert guess(terms) == [], terms
            except NotEnoughTermsError:
                assert spare_terms(terms) + 2 > 20


def _rule(terms: list[int]) -> int:
    """The documented spare-terms rule written out (not numtheory's spare_terms: a weakened
    rule must fail here): the least s >= 6 with D^s >= 10^6, D distinct values (at least 2)."""
    distinct = max(len(set(terms)), 2)
    return next(s for s in range(6, 100) if distinct**s >= 10**6)


@given(st.lists(st.integers(-(10**6), 10**6), min_size=20, max_size=20))
def test_no_guess_claimed_beyond_its_evidence(terms: list[int]) -> None:
    spare = _rule(terms)
    try:
        found = guess(terms)
    except NotEnoughTermsError:
        assert spare + 2 > len(terms)
        return
    for g in found:
        _check_evidence(g, len(terms), spare)
        assert g.satisfies(terms)
    limit = (len(terms) - spare) // 2
    cfinite = [g for g in found if g.kind == "c-finite"]
    if cfinite:
        (g,) = cfinite
        assert _has_recurrence(terms, g.order)
        assert not any(_has_recurrence(terms, r) for r in range(1, g.order))
    else:  # nothing claimed: then no recurrence of a testable order holds
        assert not any(_has_recurrence(terms, r) for r in range(1, limit + 1))
