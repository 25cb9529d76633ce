"""isqrt, iroot/integer_nthroot, is_square and perfect_power (issue 14 part B).

Expected values marked "sympy" are from sympy 1.14's own tests: sympy/core/tests/
test_numbers.py (test_integer_nthroot), sympy/ntheory/tests/test_primetest.py
(test_is_square) and sympy/ntheory/tests/test_factor_.py (test_perfect_power).
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import numtheory as nt
from numtheory.errors import InputError, InputTypeError
from tests.arith._bad_inputs import NOT_INTEGERS


def test_integer_nthroot_sympy_values() -> None:
    cases = {
        (1, 2): (1, True), (1, 5): (1, True), (2, 1): (2, True), (2, 2): (1, False),
        (2, 5): (1, False), (4, 2): (2, True), (123**25, 25): (123, True),
        (123**25 + 1, 25): (123, False), (123**25 - 1, 25): (122, False), (0, 1): (0, True),
        (0, 3): (0, True), (10000, 1): (10000, True), (26, 2): (5, False),
        (1234567**7 - 1, 7): (1234566, False), (2, 10**10): (1, False),
        (10 ** (50 * 50), 50): (10**50, True),
    }  # fmt: skip
    for (y, n), expected in cases.items():
        assert nt.integer_nthroot(y, n) == expected == nt.iroot(y, n)
    b = 25**1000
    assert nt.iroot(b, 1000) == (25, True) and nt.iroot(b - 1, 1000) == (24, False)
    assert type(nt.iroot(2**61, 2)[0]) is int and type(nt.isqrt(2**61)) is int


def test_is_square_sympy_values() -> None:
    assert [i for i in range(25) if nt.is_square(i)] == [0, 1, 4, 9, 16]
    for n in (60**3, 60**5, 84**7, 105**9, 120**3):  # sympy issue 17044
        assert not nt.is_square(n)
    assert not nt.is_square(-4) and nt.is_square(10**400)


def test_perfect_power_sympy_values() -> None:
    for n in (0, 1, 2, 3, 14, 22, -4, 137 ** (3 * 5 * 13) + 1, 2**10007 - 1, 2**3 * 5**5):
        assert nt.perfect_power(n) is False
    assert nt.perfect_power(4) == (2, 2) and nt.perfect_power(25) == (5, 2)
    assert nt.perfect_power(22, [2]) is False and nt.perfect_power(16, [2]) == (4, 2)
    assert nt.perfect_power(137 ** (3 * 5 * 13)) == (137, 3 * 5 * 13)
    assert nt.perfect_power(103005006004**12) == (103005006004, 12)
    assert nt.perfect_power(2**10007) == (2, 10007)
    assert nt.perfect_power((9**99 + 1) ** 60) == (9**99 + 1, 60)
    assert nt.perfect_power(10**100001) == (10, 100001)
    assert nt.perfect_power(13**4, [3, 5]) is False
    assert nt.perfect_power(3**3 * 5**3) == (15, 3)
    assert nt.perfect_power(-8) == (-2, 3) and nt.perfect_power(-(5**15)) == (-5, 15)
    assert nt.perfect_power(-(5**15), big=False) == (-3125, 3)
    assert nt.perfect_power(-(5**15), [15]) == (-5, 15)
    assert nt.perfect_power(3**8, [2, 4, 8]) == (3, 8)
    assert nt.perfect_power(3**8, [4, 8], big=False) == (9, 4)


def _brute_power(n: int, big: bool) -> tuple[int, int] | bool:
    m = abs(n)
    found = []
    for e in range(2, max(m.bit_length(), 2) + 1):
        if n < 0 and e % 2 == 0:
            continue
        r = round(m ** (1 / e))
        for b in (r - 1, r, r + 1):
            if b > 1 and b**e == m:
                found.append((b if n > 0 else -b, e))
    if m <= 1 or not found:
        return False
    return max(found, key=lambda t: t[1]) if big else min(found, key=lambda t: t[1])


def test_perfect_power_brute_force_small() -> None:
    for n in range(-1100, 1100):
        for big in (True, False):
            assert nt.perfect_power(n, big=big) == _brute_power(n, big), (n, big)


@given(st.integers(0, 2**600), st.integers(1, 70))
def test_iroot_bounds_the_root(n: int, k: int) -> None:
    r, exact = nt.iroot(n, k)
    assert r**k <= n < (r + 1) ** k
    assert exact == (r**k == n)
    assert nt.isqrt(n) == math.isqrt(n)
    assert nt.is_square(n) == (math.isqrt(n) ** 2 == n)


@given(st.integers(2, 10**30), st.integers(2, 40))
def test_exact_powers_round_trip(b: int, e: int) -> None:
    assert nt.iroot(b**e, e) == (b, True)
    assert nt.iroot(b**e - 1, e) == (b - 1, False)
    base, exp = nt.perfect_power(b**e)  # type: ignore[misc]
    assert base**exp == b**e and exp % e == 0


def test_cross_check_with_sympy_on_random_big_inputs() -> None:
    import sympy  # a test dependency

    rng = random.Random(14)
    for _ in range(60):
        b, e = rng.getrandbits(rng.randint(2, 200)) + 2, rng.randint(2, 12)
        for n in (b**e, b**e + 1, -(b**e), rng.getrandbits(300)):
            assert nt.perfect_power(n) == sympy.perfect_power(n)
            assert nt.perfect_power(n, big=False) == sympy.perfect_power(n, big=False)
            if n >= 0:
                assert nt.iroot(n, e) == sympy.integer_nthroot(n, e)


@pytest.mark.parametrize("bad", NOT_INTEGERS)
def test_non_integers_are_type_errors_naming_the_value(bad: object) -> None:
    for call in (nt.isqrt, nt.is_square, nt.perfect_power, lambda x: nt.iroot(x, 2)):
        with pytest.raises(InputTypeError, match="must be an integer"):
            call(bad)
    with pytest.raises(InputTypeError, match="k must be an integer"):
        nt.iroot(8, bad)


def test_out_of_domain_states_the_rule() -> None:
    with pytest.raises(InputError, match=r"isqrt\(\) needs n >= 0, got -1"):
        nt.isqrt(-1)
    with pytest.raises(InputError, match=r"needs n >= 0 .*got -8"):
        nt.iroot(-8, 3)
    with pytest.raises(InputError, match=r"needs k >= 1, got 0"):
        nt.iroot(8, 0)
    with pytest.raises(InputTypeError, match="big must be True or False"):
        nt.perfect_power(8, big=1)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="candidates must be a list"):
        nt.perfect_power(8, candidates=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (3**10007, (3, 10007)),
        (6**9973, (6, 9973)),
        (-(7**10007), (-7, 10007)),
        (10**6000, (10, 6000)),
    ],
    ids=["3**10007", "6**9973", "-7**10007", "10**6000"],
)
def test_perfect_power_with_a_large_prime_exponent_takes_few_roots(
    n: int, expected: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10007 is the 1230th prime: trying an exact root for every prime below it took 10 s for
    # 3**100003 and 28 s for 6**99991. A residue screen (x must be a q-th power modulo a
    # prime P = 1 mod q) leaves about one root per exponent actually dividing e.
    from numtheory.arith import _roots

    calls = []
    real = _roots._iroot_mpz

    def counting(x: int, k: int) -> object:
        calls.append(k)
        return real(x, k)

    monkeypatch.setattr(_roots, "_iroot_mpz", counting)
    assert nt.perfect_power(n) == expected
    b, e = expected
    assert b**e == n
    assert len(calls) <= 40, len(calls)
