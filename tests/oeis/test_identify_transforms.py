"""The transforms of numtheory.oeis.transforms: definitions, independent computations, inverses."""

from __future__ import annotations

import os

os.environ.setdefault("SYMPY_GROUND_TYPES", "gmpy")

from itertools import pairwise, product
from math import comb, prod

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from numtheory.oeis import transforms as tf

small = st.lists(st.integers(-50, 50), min_size=0, max_size=12)


def test_binomial_is_the_explicit_sum_and_the_difference_table() -> None:
    a = [3, 1, 4, 1, 5, 9, 2, 6]
    assert tf.binomial_transform(a) == [
        sum(comb(n, k) * a[k] for k in range(n + 1)) for n in range(len(a))
    ]
    # inverse binomial = the leading diagonal of the difference table (independent method)
    row, diagonal = list(a), []
    while row:
        diagonal.append(row[0])
        row = [y - x for x, y in pairwise(row)]
    assert tf.inverse_binomial_transform(a) == diagonal


def _euler_brute(a: list[int], n: int) -> int:
    """Multisets of total size n with a(k) kinds of parts of size k: sum over partitions."""
    total = 0
    for mult in product(*(range(n // k + 1) for k in range(1, n + 1))):
        if sum(k * m for k, m in zip(range(1, n + 1), mult, strict=True)) == n:
            sizes = zip(range(1, n + 1), mult, strict=True)
            total += prod(comb(a[k - 1] + m - 1, m) if m else 1 for k, m in sizes)
    return total


def test_euler_transform_counts_multisets_by_brute_force() -> None:
    for a in ([1] * 8, [1, 2, 3, 4, 5, 6, 7, 8], [2, 0, 1, 3, 0, 1, 1, 2]):
        assert tf.euler_transform(a) == [_euler_brute(a, n) for n in range(1, 9)]
    assert tf.inverse_euler_transform([1, 1, 1, 1]) == [1, 0, 0, 0]  # 1/(1-x) = 1 + x + ...
    # every integer series 1 + ... factors as prod (1-x^n)^-a(n) with integer a(n)
    b = [2, 1, 1, 1, 7, -3]
    inverse = tf.inverse_euler_transform(b)
    assert inverse is not None and tf.euler_transform(inverse) == b


def test_moebius_against_sympy() -> None:
    n = 30
    ones = [1] * n
    assert tf.inverse_moebius_transform(ones) == [
        int(sympy.divisor_count(k)) for k in range(1, n + 1)
    ]
    sigma = [int(sympy.divisor_sigma(k)) for k in range(1, n + 1)]
    assert tf.moebius_transform(sigma) == list(range(1, n + 1))  # sigma = 1 * id


def test_stirling_exp_invert_against_known_sequences() -> None:
    bell = [int(sympy.bell(k)) for k in range(1, 11)]
    assert tf.stirling2_transform([1] * 10) == bell  # sum_k S2(n,k) = Bell(n)
    assert tf.exp_transform([1] * 10) == bell  # exp(e^x - 1)
    assert tf.stirling1_transform(bell) == [1] * 10
    assert tf.invert_transform([1] * 10) == [2 ** (k - 1) for k in range(1, 11)]  # (1-x)/(1-2x)
    s1 = [
        [
            int(sympy.functions.combinatorial.numbers.stirling(n, k, kind=1, signed=True))
            for k in range(1, n + 1)
        ]
        for n in range(1, 8)
    ]
    a = [2, 7, 1, 8, 2, 8, 1]
    assert tf.stirling1_transform(a) == [sum(r[k] * a[k] for k in range(len(r))) for r in s1]


def test_boustrophedon_against_the_seidel_triangle() -> None:
    # Millar, Sloane, Young (1996): b(n) is the end of row n of the triangle built
    # boustrophedon-wise from a: T(n,0) = a(n), T(n,k) = T(n,k-1) + T(n-1,n-k).
    a = [3, 1, 4, 1, 5, 9, 2, 6]
    rows: list[list[int]] = []
    for n, x in enumerate(a):
        row = [x]
        for k in range(1, n + 1):
            row.append(row[k - 1] + rows[n - 1][n - k])
        rows.append(row)
    assert tf.boustrophedon_transform(a) == [row[-1] for row in rows]
    assert tf.zigzag_numbers(10) == [1, 1, 1, 2, 5, 16, 61, 272, 1385, 7936]  # A000111


def test_gf_products_and_small_helpers() -> None:
    a = [1, 4, 9, 16, 25]
    assert tf.gf_times_binomial_power(a, 1) == [1, 3, 5, 7, 9]
    assert tf.gf_times_binomial_power(a, -1) == tf.partial_sums(a)
    assert tf.gf_times_binomial_power(a, 1, 1) == [1, 5, 13, 25, 41]
    assert tf.section(a, 3, 1) == [4, 25]
    assert tf.divide_by_gcd([4, 8, 12]) == [1, 2, 3] and tf.divide_by_gcd([1, 2]) is None
    assert tf.divide_by_factorials([1, 1, 2, 6, 24]) == [1] * 5
    assert tf.divide_by_factorials([1, 1, 3]) is None
    assert tf.multiply_by_factorials([1] * 5) == [1, 1, 2, 6, 24]
    assert tf.alternate_signs([1, 2, 3]) == [1, -2, 3]


@settings(max_examples=30)
@given(small)
def test_round_trips(a: list[int]) -> None:
    assert tf.inverse_binomial_transform(tf.binomial_transform(a)) == a
    assert tf.inverse_euler_transform(tf.euler_transform(a)) == a
    assert tf.moebius_transform(tf.inverse_moebius_transform(a)) == a
    assert tf.stirling1_transform(tf.stirling2_transform(a)) == a
    assert tf.inverse_boustrophedon_transform(tf.boustrophedon_transform(a)) == a
    assert tf.log_transform(tf.exp_transform(a)) == a
    assert tf.inverse_invert_transform(tf.invert_transform(a)) == a
    assert tf.differences(tf.partial_sums(a)) == a[1:]
    for k in (1, 2, 3):
        for sign in (-1, 1):
            there = tf.gf_times_binomial_power(a, k, sign)
            assert tf.gf_times_binomial_power(there, -k, sign) == a


@settings(max_examples=30)
@given(small, st.integers(0, 12))
def test_prefix_property(a: list[int], cut: int) -> None:
    """Term k depends on the first k+1 terms only: a transform of a prefix is a prefix."""
    for f in (
        tf.binomial_transform,
        tf.euler_transform,
        tf.boustrophedon_transform,
        tf.exp_transform,
        tf.invert_transform,
        tf.stirling2_transform,
    ):
        assert f(a[:cut]) == f(a)[:cut]


def test_series_products_and_windows() -> None:
    a = [3, 1, 4, 1, 5, 9, 2, 6]
    assert tf.window_sums(a, [1, 1]) == [a[i] + a[i + 1] for i in range(7)]
    assert tf.window_sums(a, [-1, 0, 1]) == [a[i + 2] - a[i] for i in range(6)]
    # 1/(1-z-z^2) = sum F(n+1) z^n; dividing by 1+z equals multiplying by 1 - z + z^2 - ...
    assert tf.gf_divide([1] + [0] * 9, [1, -1, -1]) == [1, 1, 2, 3, 5, 8, 13, 21, 34, 55]
    assert tf.gf_divide(a, [1, 1]) == tf.gf_multiply(a, [(-1) ** k for k in range(8)])
    assert tf.series_square([1] * 6) == [1, 2, 3, 4, 5, 6]  # 1/(1-z)^2
    assert tf.series_reciprocal([1, -1, -1, 0, 0, 0]) == [1, 1, 2, 3, 5, 8]
    assert tf.series_reciprocal([2, 1]) is None
    assert tf.exponential_square([1] * 8) == [2**n for n in range(8)]  # e^(2z)
    assert tf.gf_diagonal(a, 1, False) == tf.binomial_transform(a)  # T051 is T100
    assert tf.gf_diagonal(a, -1, False) == tf.inverse_binomial_transform(a)  # T050 is T101
    # [z^j] 1/(1-z)^j = C(2j-1, j) (A088218)
    assert tf.gf_diagonal([1] + [0] * 6, -1, True) == [1, 1, 3, 10, 35, 126, 462]
    assert tf.complement([0, 2, 3, 7]) == [1, 4, 5, 6]
    assert tf.complement([3, 2]) is None
    assert tf.sorted_distinct([3, 1, 3, 2]) == [1, 2, 3]


@settings(max_examples=30)
@given(small, st.lists(st.integers(-3, 3), min_size=1, max_size=4))
def test_series_division_undoes_multiplication(a: list[int], tail: list[int]) -> None:
    poly = [1, *tail]
    assert tf.gf_divide(tf.gf_multiply(a, poly), poly) == a
    inverse = tf.series_reciprocal([1, *a])
    assert inverse is not None
    assert tf.gf_multiply(inverse, [1, *a]) == [1] + [0] * len(a)
