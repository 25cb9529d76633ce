"""Terms of thousands of digits, and long inputs: the modular path, then the exact check."""

from __future__ import annotations

from math import comb

import pytest

from numtheory import guess


def test_c_finite_with_thousand_digit_terms() -> None:
    # a(n+3) = 2 a(n+2) - 5 a(n+1) + 7 a(n) from starts of 1000-3000 digits
    terms = [10**1000 + 17, 3**4000, -(7**2500)]
    while len(terms) < 60:
        terms.append(2 * terms[-1] - 5 * terms[-2] + 7 * terms[-3])
    g = guess(terms[:30], kinds=["c-finite"])[0]
    assert g.coefficients == ((-7,), (5,), (-2,), (1,))
    assert g.extend(30) == terms[30:]


def test_hypergeometric_times_a_huge_constant() -> None:
    big = 10**3000 + 1
    terms = [big * comb(2 * n, n) for n in range(40)]  # a(n+1)/a(n) = (4n+2)/(n+1)
    g = guess(terms[:20])[0]
    assert (g.kind, g.coefficients) == ("hypergeometric", ((-2, -4), (1, 1)))
    assert g.extend(20) == terms[20:]


def test_big_rational_coefficients_need_several_primes() -> None:
    # coefficients of about 60 digits: one 31-bit prime cannot hold them, CRT must combine
    c1, c0 = 10**60 + 7, -(3**125)
    terms = [1, 2]
    while len(terms) < 40:
        terms.append(c1 * terms[-1] + c0 * terms[-2])
    g = guess(terms[:20], kinds=["c-finite"])[0]
    assert g.coefficients == ((-c0,), (-c1,), (1,))
    assert g.extend(20) == terms[20:]


def test_p_recursive_from_a_long_input() -> None:
    # a(n+2) = (2n+3) a(n+1) + (n+1) a(n), 400 terms (the last of about 1000 digits)
    terms = [1, 3]
    for n in range(398):
        terms.append((2 * n + 3) * terms[-1] + (n + 1) * terms[-2])
    g = guess(terms[:300], kinds=["p-recursive"])[0]
    assert g.coefficients == ((-1, -1), (-3, -2), (1,))
    assert g.extend(100) == terms[300:]


@pytest.mark.slow
def test_order_6_degree_90_from_1000_terms() -> None:
    """ore_algebra's stress size: order 6, degree 90, 1000 terms of up to ~200,000 digits."""
    import random

    rng = random.Random(5)
    r, d = 6, 90
    cs = [[rng.randint(-3, 3) for _ in range(d)] + [rng.choice([-1, 1])] for _ in range(r)]

    def ev(poly: list[int], n: int) -> int:
        value = 0
        for c in reversed(poly):
            value = value * n + c
        return value

    terms = [1] * r
    for n in range(1010 - r):
        terms.append(-sum(ev(cs[i], n) * terms[n + i] for i in range(r)))
    g = guess(terms[:1000], kinds=["p-recursive"])[0]
    assert (g.order, g.degree) == (6, 90)
    assert g.coefficients == (*tuple(tuple(c) for c in cs), (1,))
    assert g.extend(10) == terms[1000:]
