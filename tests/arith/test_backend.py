"""numtheory._backend: the primitives the integer core is built on."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from numtheory import _backend


def naive_digit_sum(n: int, p: int) -> int:
    total = 0
    while n:
        n, d = divmod(n, p)
        total += d
    return total


@given(st.integers(0, 2**4000), st.integers(2, 70))
def test_digit_sum_every_small_base(n: int, p: int) -> None:
    # bases <= 36 and 37..62 use different gmpy2 alphabets; above 62 the split algorithm
    assert _backend.digit_sum(n, p) == naive_digit_sum(n, p)


@given(st.integers(0, 10**3000), st.sampled_from([101, 65537, 2**31 - 1, 2**61 - 1, 10**40 + 3]))
def test_digit_sum_large_bases(n: int, p: int) -> None:
    assert _backend.digit_sum(n, p) == naive_digit_sum(n, p)


def test_digit_sum_edges() -> None:
    assert _backend.digit_sum(0, 7) == 0
    assert _backend.digit_sum(6, 7) == 6
    assert _backend.digit_sum(7**500, 7) == 1
    assert _backend.digit_sum(7**500 - 1, 7) == 6 * 500
    assert _backend.digit_sum(101**300 - 1, 101) == 100 * 300


def test_num_digits_is_exact() -> None:
    for k in range(1, 400):
        for n in (10 ** (k - 1), 10**k - 1):
            assert _backend.num_digits(n) == len(str(n))


def test_remove_and_popcount() -> None:
    assert _backend.remove(360, 2) == 3
    assert _backend.remove(360, 3) == 2
    assert _backend.remove(-(5**40) * 7, 5) == 40
    assert _backend.popcount(2**100 - 1) == 100
    assert _backend.bit_scan1(2**77 * 3) == 77
