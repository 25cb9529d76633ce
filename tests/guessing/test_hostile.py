"""Hostile input to ``guess`` and ``numtheory guess``: huge terms, long inputs, degenerate
sequences, bad types, bounds the data cannot meet. Every refusal is the documented error
(exit 2 from the CLI), names the value, and prints no traceback."""

from __future__ import annotations

import itertools
import random
import re
import sys
from fractions import Fraction

import pytest

from numtheory import guess
from numtheory.cli import main
from numtheory.errors import InputError, InputTypeError, NotEnoughTermsError
from numtheory.guessing._api import MAX_TERMS
from numtheory.guessing._model import MAX_EXTEND


@pytest.fixture(autouse=True)
def _big_ints() -> None:
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)


def test_terms_of_100000_digits() -> None:
    geo = [3 ** (209_590 + n) for n in range(20)]  # 100,000 digits and up
    assert len(str(geo[0])) == 100_000
    (g,) = guess(geo, kinds=["c-finite"])
    assert g.coefficients == ((-3,), (1,))
    assert g.extend(1) == [3 * geo[-1]]
    rng = random.Random(7)
    assert guess([rng.getrandbits(332_200) for _ in range(30)]) == []


def test_too_many_terms_is_refused_by_count() -> None:
    with pytest.raises(InputError, match=f"at most {MAX_TERMS:,} terms, got 100,000"):
        guess(range(100_000))


@pytest.mark.slow
def test_the_most_terms_accepted_stay_bounded() -> None:
    rng = random.Random(3)
    assert guess([rng.randint(0, 9) for _ in range(MAX_TERMS)]) == []


def test_all_zeros_and_constants() -> None:
    (poly,) = guess([0] * 30)  # a(n) = 0: a polynomial; no C-finite of order 0 is listed
    assert (poly.kind, poly.coefficients, poly.confirmed) == ("polynomial", (0,), 29)
    assert [g.kind for g in guess([-7] * 30)] == ["polynomial", "c-finite"]
    with pytest.raises(NotEnoughTermsError, match="5 given"):
        guess([0] * 5)


@pytest.mark.parametrize("terms", [[], [1], [5, 5], [1, 0, 2]])
def test_too_few_terms(terms: list[int]) -> None:
    with pytest.raises(NotEnoughTermsError, match=f"{len(terms)} given"):
        guess(terms)


def test_negative_terms() -> None:
    (g,) = guess([-(2**n) for n in range(20)])
    assert g.kind == "c-finite" and g.gf == "-1/(1 - 2*x)"
    g = guess([(-1) ** n * (n * n + 1) for n in range(30)])[0]
    assert (g.kind, g.order) == ("c-finite", 3)  # (x + 1)^3: n^2 times (-1)^n


@pytest.mark.parametrize(
    ("term", "shown"),
    [
        (Fraction(1, 2), "Fraction(1, 2)"),
        (Fraction(4, 1), "Fraction(4, 1)"),  # rationals are not accepted, even integral ones
        (1.0, "1.0"),
        ("3", "'3'"),
        (True, "True"),
        (None, "None"),
    ],
)
def test_non_integer_terms_are_named(term: object, shown: str) -> None:
    with pytest.raises(InputTypeError, match=re.escape(f"term 3 must be an integer, got {shown}")):
        guess([1, 2, 3, term, *range(20)])


def test_an_order_the_data_cannot_test_is_an_upper_bound() -> None:
    fib = [0, 1]
    while len(fib) < 12:
        fib.append(fib[-1] + fib[-2])
    assert guess(fib, kinds=["c-finite"], max_order=10_000)[0].order == 2
    with pytest.raises(InputError, match="max_order must be between 1 and 10,000, got 10001"):
        guess(fib, max_order=10_001)
    with pytest.raises(NotEnoughTermsError, match="plus 100 spare terms"):
        guess(fib, min_confirm=100)


PI = "3,1,4,1,5,9,2,6,5,3,5,8,9,7,9,3,2,3,8,4,6,2,6,4,3,3,8,3,2,7"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["1,2,3"], "3 given"),
        (["1"], "1 given"),
        (["0,0,0,0,0"], "5 given"),
        (["1,2,1/2"], "'1/2'"),
        (["1.5,2,3"], "'1.5'"),
        ([PI, "--max-order", "99999"], "got 99999"),
        ([PI, "--max-order", "0"], "got 0"),
        ([PI, "--min-confirm", "0"], "got 0"),
        ([PI, "--next", "-1"], "got -1"),
        ([PI, "--kinds", "rational"], "'rational'"),
        ([",".join(map(str, range(100_000)))], "588,889 characters"),
        ([str(3**209_590)], "1 given"),  # 100,000 digits: read, then too few terms
        (["1," + str(10**100_000)], "100,003 characters"),
    ],
)
def test_cli_refusals(argv: list[str], named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guess", *argv]) == 2
    err = capsys.readouterr().err
    assert named in err
    assert "Traceback" not in err


def test_cli_says_which_orders_the_terms_could_test(capsys: pytest.CaptureFixture[str]) -> None:
    # 30 terms of 9 distinct values, 7 spare: order 11 at most; the message said "order up to
    # 20" before
    assert main(["guess", PI, "--max-order", "20"]) == 1
    err = capsys.readouterr().err
    assert "order up to 11, the most 30 terms can test; --max-order 20 needs 47 terms" in err
    assert main(["guess", PI, "--max-order", "3"]) == 1
    assert "order up to 3)" in capsys.readouterr().err


def test_an_endless_iterator_is_refused_after_the_cap() -> None:
    # list(terms) read the whole iterator before counting: itertools.count() never returned
    with pytest.raises(InputError, match=f"at most {MAX_TERMS:,} terms, got more"):
        guess(itertools.count())
    squares = guess(n * n for n in range(12))  # a short generator still works
    assert squares[0].coefficients == (0, 0, 1)


@pytest.mark.parametrize(
    ("terms", "offset", "named"),
    [
        ([0, 1, 4, 9.9], 0, "term 3 must be an integer, got 9.9"),  # int(9.9) said True
        ([0, "1", 4], 0, "term 1 must be an integer, got '1'"),
        ([True, 1, 4], 0, "term 0 must be an integer, got True"),
        ([0, 1, 4], 0.5, "offset must be an integer, got 0.5"),
    ],
)
def test_satisfies_is_strict(terms: list[object], offset: object, named: str) -> None:
    square = guess([n * n for n in range(12)])[0]
    geometric = guess([2**n for n in range(20)])[0]
    for g in (square, geometric):
        with pytest.raises(InputTypeError, match=re.escape(named)):
            g.satisfies(terms, offset)  # type: ignore[arg-type]
    assert square.satisfies([0, 1, 4, 9]) and not square.satisfies([0, 1, 4, 10])


def test_a_huge_range_is_refused_by_count() -> None:
    # len(range(10**30)) raises OverflowError: the message must not need the count
    with pytest.raises(InputError, match=f"at most {MAX_TERMS:,} terms, got more"):
        guess(range(10**30))


def test_extend_is_bounded_as_the_cli_next_is() -> None:
    (g,) = guess([2**n for n in range(20)])
    assert g.extend(MAX_EXTEND)[-1] == 2 ** (20 + MAX_EXTEND - 1)
    with pytest.raises(InputError, match=r"k from 0 to 10,000, got 10001"):
        g.extend(MAX_EXTEND + 1)
    with pytest.raises(InputError, match=r"got 1000000000…\(61 digits\)…0000000000$"):
        g.extend(10**60)
    for bad in (True, 2.0, "3"):
        with pytest.raises(InputTypeError, match=r"k must be an integer, got"):
            g.extend(bad)  # type: ignore[arg-type]


def test_one_term_is_singular() -> None:
    (poly, _) = guess([-7] * 30)  # a constant is fitted on its first term
    assert poly.fitted == 1
    assert poly.evidence() == "conjecture: fitted on 1 term, confirmed by 29 more"
    assert "fitted on 1 term, confirmed by 29 more; a conjecture>" in repr(poly)


def test_too_long_a_term_list_says_what_guess_needs(capsys: pytest.CaptureFixture[str]) -> None:
    # the shared message said "a search uses only the first terms": guess is not a search
    assert main(["guess", ",".join(map(str, range(100_000)))]) == 2
    err = capsys.readouterr().err
    assert "a guess needs only a few hundred terms" in err and "search" not in err
    assert main(["oeis", ",".join(map(str, range(100_000)))]) == 2
    assert "a search uses only the first terms" in capsys.readouterr().err
