"""The Guess object: exact JSON, text and repr labelled as conjectures, extend, satisfies."""

from __future__ import annotations

import dataclasses
import json

import pytest

from numtheory import Guess, guess
from numtheory.errors import GuessExtendError, InputError
from tests.guessing import sequences as seqs


def test_json_is_exact_and_labelled() -> None:
    g = guess([n * (n + 1) // 2 for n in range(12)])[0]  # n^2/2 + n/2
    data = json.loads(json.dumps(g.to_json()))
    assert data["kind"] == "polynomial"
    assert data["coefficients"] == [0, "1/2", "1/2"]
    assert data["conjecture"] is True
    assert (data["fitted"], data["confirmed"]) == (3, 9)
    rec = guess(seqs.catalan(20))[0].to_json()
    assert rec["coefficients"] == [[-2, -4], [2, 1]]
    assert all(type(c) is int for poly in rec["coefficients"] for c in poly)


def test_text_and_repr() -> None:
    g = guess(seqs.motzkin(20))[0]
    text = str(g)
    assert text.splitlines()[0] == "p-recursive (order 2, degree 1), a conjecture"
    assert "(n + 4)*a(n+2) - (2*n + 5)*a(n+1) - (3*n + 3)*a(n) = 0 for n >= 0" in text
    nxt = ", ".join(map(str, seqs.motzkin(25)[20:]))
    assert f"next terms: {nxt}" in text
    assert text.splitlines()[-1] == "  conjecture: fitted on 7 terms, confirmed by 13 more"
    assert repr(g) == (  # issue 16: the relation in the repr, still labelled a conjecture
        "<Guess p-recursive order 2, degree 1: (n + 4)*a(n+2) - (2*n + 5)*a(n+1) - "
        "(3*n + 3)*a(n) = 0 for n >= 0; fitted on 7 terms, confirmed by 13 more; a conjecture>"
    )


def test_frozen_and_keyword_only() -> None:
    g = guess(seqs.fibonacci(20))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.order = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        Guess("c-finite", 1, 0, ((1,), (1,)), (1,), 0, 2, 5)  # type: ignore[misc]


def _manual(coefficients: tuple, terms: tuple[int, ...]) -> Guess:
    return Guess(
        kind="hypergeometric",
        order=1,
        degree=1,
        coefficients=coefficients,
        initial=terms[:1],
        offset=0,
        fitted=2,
        confirmed=1,
        terms=terms,
    )


def test_extend_refuses_a_non_integer_or_a_singular_step() -> None:
    halving = _manual(((-1,), (2,)), (8, 4, 2))  # 2 a(n+1) = a(n)
    assert halving.extend(1) == [1]
    with pytest.raises(GuessExtendError, match=r"predicts a\(4\) = 1/2"):
        halving.extend(2)
    singular = _manual(((0,), (-5, 1)), (0, 0, 0))  # (n - 5) a(n+1) = 0
    with pytest.raises(GuessExtendError, match=r"vanishes at n = 5"):
        singular.extend(4)
    with pytest.raises(InputError, match="k from 0 to 10,000, got -1"):
        halving.extend(-1)
    assert "next terms: unavailable" in str(singular)


def test_satisfies_windows_and_offsets() -> None:
    g = guess(seqs.catalan(15))[0]
    later = seqs.catalan(40)[10:]
    assert g.satisfies(later, offset=10)
    assert not g.satisfies(later, offset=11)  # the recurrence is in n: the offset matters
    alg = next(x for x in guess(seqs.catalan(15)) if x.kind == "algebraic")
    assert alg.satisfies(seqs.catalan(60))
    bad = seqs.catalan(60)
    bad[50] += 1
    assert not alg.satisfies(bad)
    assert not alg.satisfies(later, offset=10)  # C(10), C(11), ... is not a root of x f^2 - f + 1


def test_kinds_filter_and_order() -> None:
    terms = [n * n for n in range(20)]
    kinds = [g.kind for g in guess(terms)]
    assert kinds[0] == "polynomial"
    fits = [g.fitted for g in guess(terms)]
    assert fits == sorted(fits)
    only = guess(terms, kinds=["c-finite"])
    assert [(g.kind, g.order) for g in only] == [("c-finite", 3)]  # (1 - x)^3


def test_kinds_as_one_string() -> None:
    assert [g.kind for g in guess(seqs.fibonacci(20), kinds="c-finite")] == ["c-finite"]
