"""Continued fractions: rational, periodic, reduce, convergents (issue 14 part B).

"sympy" values are from sympy 1.14's sympy/ntheory/tests/test_continued_fraction.py.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError


def test_periodic_sympy_values() -> None:
    cf_p = nt.continued_fraction_periodic
    assert cf_p(1, 1, 10, 0) == cf_p(1, 1, 0, 1)
    assert cf_p(1, -1, 10, 1) == cf_p(-1, 1, 10, -1)
    assert cf_p(4, 3, 0) == [1, 3]
    assert cf_p(0, 3, 5) == [0, 1, [2, 1, 12, 1, 2, 2]]
    assert cf_p(1, 1, 0) == [1] and cf_p(3, 4, 0) == [0, 1, 3]
    assert cf_p(27, 32, 0) == [0, 1, 5, 2, 2]
    assert cf_p(1, 2, 5) == [[1]]
    assert cf_p(0, 1, 2) == [1, [2]]
    assert cf_p(6, 7, 49) == [1, 1, 6]
    assert cf_p(3796, 1387, 0) == [2, 1, 2, 1, 4]
    assert cf_p(3245, 10000) == [0, 3, 12, 4, 13]
    assert cf_p(6589, 2569) == [2, 1, 1, 3, 2, 1, 3, 1, 23]


def test_reduce_and_convergents_sympy_values() -> None:
    cf_r, cf_c = nt.continued_fraction_reduce, nt.convergents
    assert list(cf_c([1, 6, 1, 8])) == [1, Fraction(7, 6), Fraction(8, 7), Fraction(71, 62)]
    assert list(cf_c([2])) == [2]
    take = lambda it: list(itertools.islice(it, 7))  # noqa: E731
    assert take(cf_c([[1]])) == [1, 2, Fraction(3, 2), Fraction(5, 3), Fraction(8, 5),
                                 Fraction(13, 8), Fraction(21, 13)]  # fmt: skip
    assert take(cf_c([1, [1, 2]])) == [1, 2, Fraction(5, 3), Fraction(7, 4), Fraction(19, 11),
                                       Fraction(26, 15), Fraction(71, 41)]  # fmt: skip
    e_terms = (2 if i == 1 else i // 3 * 2 if i % 3 == 0 else 1 for i in itertools.count(1))
    assert take(cf_c(e_terms)) == [2, 3, Fraction(8, 3), Fraction(11, 4), Fraction(19, 7),
                                   Fraction(87, 32), Fraction(106, 39)]  # fmt: skip
    assert cf_r([1, 6, 1, 8]) == Fraction(71, 62) and cf_r([3]) == 3
    assert cf_r([-1, 5, 1, 4]) == Fraction(-24, 29) and cf_r([1, 5, 9]) == Fraction(55, 46)
    # (sqrt(3) + 2)/7, (sqrt(5) + 1)/2, -1 - sqrt(2)
    assert cf_r([0, 1, 1, 7, [24, 8]]) == (2, 7, 3, 1)
    assert cf_r([[1]]) == (1, 2, 5, 1)
    assert cf_r([-3, 1, 1, [2]]) == (-1, 1, 2, -1)
    assert nt.continued_fraction(Fraction(17, 12)) == [1, 2, 2, 2]
    assert nt.continued_fraction(Fraction(-17, 12)) == [-2, 1, 1, 2, 2]


def _value(q: nt.QuadraticIrrational) -> mpmath.mpf:
    return (q.p + q.s * mpmath.sqrt(q.d)) / q.q


@pytest.mark.slow  # sympy's expansion takes about 0.5 s per call here
def test_periodic_against_sympy_random() -> None:
    # a test dependency; imported by name: sympy.ntheory.continued_fraction, as an attribute,
    # is a function that shadows its own module
    from sympy.ntheory.continued_fraction import continued_fraction_periodic as sympy_periodic

    rng = random.Random(7)
    for _ in range(20):
        p, q = rng.randint(-(10**4), 10**4), rng.choice([-1, 1]) * rng.randint(1, 100)
        d, s = rng.randint(0, 3000), rng.choice([-1, 1])
        assert nt.continued_fraction_periodic(p, q, d, s) == sympy_periodic(p, q, d, s)


@given(st.integers(-500, 500), st.integers(-60, 60).filter(bool), st.integers(0, 3000),
       st.sampled_from([1, -1]))  # fmt: skip
def test_reduce_inverts_periodic(p: int, q: int, d: int, s: int) -> None:
    cf = nt.continued_fraction_periodic(p, q, d, s)
    value = nt.continued_fraction_reduce(cf)
    if math.isqrt(d) ** 2 == d:
        assert value == Fraction(p + s * math.isqrt(d), q)
        return
    assert isinstance(value, nt.QuadraticIrrational) and value.q > 0
    assert nt.continued_fraction_periodic(*value) == cf
    with mpmath.workdps(60):
        x = (p + s * mpmath.sqrt(d)) / q
        assert abs(_value(value) - x) < mpmath.mpf(10) ** -50


@given(st.fractions(max_denominator=10**30) | st.integers(-(10**40), 10**40))
def test_reduce_inverts_continued_fraction(x: Fraction | int) -> None:
    cf = nt.continued_fraction(x)
    assert nt.continued_fraction_reduce(cf) == x
    assert all(a >= 1 for a in cf[1:]) and (len(cf) == 1 or cf[-1] >= 2)
    assert list(nt.convergents(cf))[-1] == x


@given(st.integers(2, 10**6).filter(lambda d: math.isqrt(d) ** 2 != d))
def test_convergents_of_sqrt_approach_it(d: int) -> None:
    cf = nt.continued_fraction_periodic(0, 1, d)
    conv = list(itertools.islice(nt.convergents(cf), 12))
    with mpmath.workdps(150):  # the 12th error is about 10**-50: far above the precision
        root = mpmath.sqrt(d)
        errors = [abs(mpmath.mpf(c.numerator) / c.denominator - root) for c in conv]
        for c, c_next, err in zip(conv, conv[1:], errors, strict=False):
            assert err < mpmath.mpf(1) / (c.denominator * c_next.denominator)  # H&W Th. 171
    assert all(b < a for a, b in itertools.pairwise(errors))


def test_sqrt_period_is_palindromic_and_ends_in_twice_a0() -> None:
    for d in range(2, 400):
        if math.isqrt(d) ** 2 == d:
            continue
        a0, period = nt.continued_fraction_periodic(0, 1, d)
        assert a0 == math.isqrt(d) and period[-1] == 2 * a0
        assert period[:-1] == period[-2::-1]


def test_bad_inputs() -> None:
    for bad in (0.5, True, "1/2", None, [1]):
        with pytest.raises(InputTypeError, match=r"x must be an integer or a fractions\.Fraction"):
            nt.continued_fraction(bad)
    with pytest.raises(InputError, match="q != 0"):
        nt.continued_fraction_periodic(1, 0, 2)
    with pytest.raises(InputError, match="d >= 0, got -1"):
        nt.continued_fraction_periodic(1, 1, -1)
    with pytest.raises(InputError, match="s = 1, 0 or -1, got 2"):
        nt.continued_fraction_periodic(1, 1, 2, 2)
    with pytest.raises(InputTypeError, match=r"d must be an integer, got 2\.0"):
        nt.continued_fraction_periodic(1, 1, 2.0)
    with pytest.raises(InputError, match=r"more than 10 terms"):
        nt.continued_fraction_periodic(0, 1, 10**6 + 3, max_terms=10)
    with pytest.raises(InputError, match=r"cf\[2\] = 0"):
        nt.continued_fraction_reduce([1, 2, 0])
    with pytest.raises(InputError, match="must not be empty"):
        nt.continued_fraction_reduce([1, []])
    with pytest.raises(InputError, match="at least one term"):
        nt.continued_fraction_reduce([])
    with pytest.raises(InputTypeError, match=r"cf\[1\] must be an integer, got 2.5"):
        nt.continued_fraction_reduce([1, 2.5])
    with pytest.raises(InputTypeError, match="cf must be"):
        nt.convergents(7)
    with pytest.raises(InputError, match=r"at most 200,000 bits"):
        nt.continued_fraction(Fraction(1, 3**200_000))


@pytest.mark.parametrize("cf", [[[0, 1]], [[0]], [[-1, 2]], [3, [0, 2]]])
def test_a_period_term_below_one_is_refused(cf: list[object]) -> None:
    # the period repeats, so its first term also stands after a0: [[0, 1]] is
    # [0; 1, 0, 1, ...], not a regular continued fraction (it reduced to d = 0 before)
    with pytest.raises(InputError, match=r"cf\[-1\]\[0\]"):
        nt.continued_fraction_reduce(cf)
    with pytest.raises(InputError, match=r"cf\[-1\]\[0\]"):
        list(nt.convergents(cf))
