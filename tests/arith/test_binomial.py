"""Exact binomial coefficients."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError
from tests.arith._bad_inputs import NOT_INTEGERS


def test_known_values() -> None:
    assert nt.binomial(30, 15) == 155117520  # seed article, kexue.fm/archives/2765
    assert nt.binomial(40, 20) == 137846528820
    assert nt.binomial(0, 0) == 1
    assert nt.binomial(5, 7) == 0  # as math.comb
    # OEIS A000984 (central binomial coefficients), a(0)..a(10)
    a000984 = [1, 2, 6, 20, 70, 252, 924, 3432, 12870, 48620, 184756]
    assert [nt.binomial(2 * n, n) for n in range(11)] == a000984


def test_against_math_comb() -> None:
    for n in range(120):
        for k in range(n + 3):
            assert nt.binomial(n, k) == math.comb(n, k)
    big = 10**30
    assert nt.binomial(big, 3) == math.comb(big, 3)
    assert nt.binomial(big, big - 2) == math.comb(big, 2)  # symmetry keeps k small
    assert type(nt.binomial(10, 3)) is int


@given(st.integers(1, 400), st.integers(1, 400))
def test_pascal_rule(n: int, k: int) -> None:
    assert nt.binomial(n, k) == nt.binomial(n - 1, k - 1) + nt.binomial(n - 1, k)


@given(st.integers(0, 300), st.integers(0, 300))
def test_symmetry(n: int, k: int) -> None:
    n, k = max(n, k), min(n, k)
    assert nt.binomial(n, k) == nt.binomial(n, n - k)


@pytest.mark.parametrize("bad", NOT_INTEGERS)
def test_type_errors(bad: object) -> None:
    with pytest.raises(InputTypeError):
        nt.binomial(bad, 2)
    with pytest.raises(InputTypeError):
        nt.binomial(10, bad)


def test_domain_errors() -> None:
    with pytest.raises(InputError, match="n >= 0, got -1"):
        nt.binomial(-1, 0)
    with pytest.raises(InputError, match="k >= 0, got -2"):
        nt.binomial(5, -2)
    with pytest.raises(InputError, match="too large"):
        nt.binomial(2**70, 2**65)


def test_huge_n_small_k_by_formula() -> None:
    n = 10**1000 + 7
    assert nt.binomial(n, 1) == n and nt.binomial(n, n - 1) == n
    assert nt.binomial(n, 2) == n * (n - 1) // 2 == nt.binomial(n, n - 2)
    assert nt.binomial(n, 3) == n * (n - 1) * (n - 2) // 6
    assert nt.binomial(n, n) == 1 and nt.binomial(n, n + 1) == 0
