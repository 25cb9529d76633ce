"""Known sequences: each guess, made from the first terms, is checked far past them.

The minimal recurrences and equations cited are those of the OEIS entries (formula sections)
and of the literature: Motzkin (n+4)a(n+2) = (2n+5)a(n+1) + 3(n+1)a(n) (A001006); Apery
(n+2)^3 a(n+2) = (2n+3)(17n^2+51n+39) a(n+1) - (n+1)^3 a(n) (A005259, Apery 1979); central
Delannoy (n+2)a(n+2) = 3(2n+3)a(n+1) - (n+1)a(n) (A001850); Franel
(n+2)^2 a(n+2) = (7n^2+21n+16) a(n+1) + 8(n+1)^2 a(n) (A000172, Franel 1894).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from numtheory import Guess, guess
from tests.guessing import sequences as seqs


def _kind(found: list[Guess], kind: str) -> Guess:
    matches = [g for g in found if g.kind == kind]
    assert matches, f"no {kind} guess among {found}"
    return matches[0]


def _check_far(g: Guess, full: list[int], used: int) -> None:
    assert g.extend(len(full) - used) == full[used:]
    assert g.satisfies(full)
    assert g.fitted + g.confirmed == used
    assert g.conjecture is True


@pytest.mark.parametrize(
    ("name", "used", "coefficients"),
    [
        ("motzkin", 30, ((-3, -3), (-5, -2), (4, 1))),
        # -(2n+3)(17n^2+51n+39) = -(34n^3 + 153n^2 + 231n + 117)
        ("apery", 30, ((1, 3, 3, 1), (-117, -231, -153, -34), (8, 12, 6, 1))),
        ("central_delannoy", 30, ((1, 1), (-9, -6), (2, 1))),
        ("franel", 30, ((-8, -16, -8), (-16, -21, -7), (4, 4, 1))),
    ],
)
def test_minimal_p_recurrences(name: str, used: int, coefficients: tuple) -> None:
    full = getattr(seqs, name)(100)
    g = _kind(guess(full[:used]), "p-recursive")
    assert g.order == 2
    assert g.coefficients == coefficients
    _check_far(g, full, used)


@pytest.mark.parametrize(
    ("name", "equation"),
    [
        ("catalan", ((1,), (-1,), (0, 1))),  # x f^2 - f + 1 = 0
        ("motzkin", ((1,), (-1, 1), (0, 0, 1))),  # x^2 f^2 + (x-1) f + 1 = 0
        ("large_schroeder", ((1,), (-1, 1), (0, 1))),  # x f^2 + (x-1) f + 1 = 0
        ("central_delannoy", ((-1,), (0,), (1, -6, 1))),  # (1-6x+x^2) f^2 = 1
    ],
)
def test_algebraic_generating_functions(name: str, equation: tuple) -> None:
    full = getattr(seqs, name)(80)
    g = _kind(guess(full[:25]), "algebraic")
    assert g.coefficients == equation
    _check_far(g, full, 25)


def test_catalan_is_hypergeometric_with_product_form() -> None:
    full = seqs.catalan(200)
    g = guess(full[:11])[0]
    assert g.kind == "hypergeometric"
    assert g.coefficients == ((-2, -4), (2, 1))  # (n+2) a(n+1) = (4n+2) a(n)
    assert g.closed_form is not None and "4^n * (1/2)_n / (2)_n" in g.closed_form
    _check_far(g, full, 11)


def test_fibonacci_c_finite_and_gf() -> None:
    full = seqs.fibonacci(300)
    found = guess(full[:14])
    g = found[0]
    assert (g.kind, g.order, g.coefficients) == ("c-finite", 2, ((-1,), (-1,), (1,)))
    assert g.gf == "x/(1 - x - x^2)"
    assert [x.kind for x in found] == ["c-finite"]  # no algebraic duplicate of a rational gf
    _check_far(g, full, 14)


def test_polynomials_exact_coefficients() -> None:
    full = [n * (n + 1) * (n + 2) // 6 + 7 for n in range(60)]  # C(n+2, 3) + 7
    g = guess(full[:12])[0]
    assert g.kind == "polynomial"
    assert g.coefficients == (7, Fraction(1, 3), Fraction(1, 2), Fraction(1, 6))
    _check_far(g, full, 12)
    assert g.to_json()["coefficients"] == [7, "1/3", "1/2", "1/6"]


def test_polynomial_with_offset() -> None:
    g = guess([n * n + 1 for n in range(5, 20)], offset=5)[0]
    assert (g.kind, g.coefficients, g.offset) == ("polynomial", (1, 0, 1), 5)
    assert g.extend(2) == [20 * 20 + 1, 21 * 21 + 1]


def test_factorial_and_derangements_egf() -> None:
    fact = seqs.factorials(60)
    found = guess(fact[:20])
    egf = _kind(found, "p-recursive-egf")
    assert (egf.order, egf.degree, egf.coefficients) == (1, 0, ((-1,), (1,)))  # b = n!/n! = 1
    assert found[0] is egf  # fitted on 2 terms: simplest
    _check_far(egf, fact, 20)
    der = seqs.derangements(60)
    found = guess(der[:20])
    egf = _kind(found, "p-recursive-egf")
    # e^-x/(1-x): (n+2) b(n+2) = (n+1) b(n+1) + b(n)
    assert egf.coefficients == ((-1,), (-1, -1), (2, 1))
    _check_far(egf, der, 20)
    ordinary = _kind(found, "p-recursive")
    assert ordinary.coefficients == ((-1, -1), (-1, -1), (1,))  # D(n+2) = (n+1)(D(n+1)+D(n))
    _check_far(ordinary, der, 20)


def test_central_binomial_with_offset_one() -> None:
    full = [seqs.catalan(61)[n] * (n + 1) for n in range(61)]  # C(2n, n)
    g = guess(full[1:15], offset=1)[0]
    assert g.kind == "hypergeometric"
    assert g.satisfies(full[1:], offset=1)
    assert g.extend(46) == full[15:]


def test_product_form_with_offset_is_unambiguous() -> None:
    # Catalan from n = 3: a(n) = 5 * 4^(n-3) * (7/2)_(n-3) / (5)_(n-3); "(7/2)_n-3" would
    # read as (7/2)_n - 3
    full = seqs.catalan(40)
    g = guess(full[3:20], offset=3)[0]
    assert g.kind == "hypergeometric"
    assert g.closed_form is not None
    assert g.closed_form.endswith("a(n) = 5 * 4^(n-3) * (7/2)_(n-3) / (5)_(n-3)")
    # the product form, evaluated, gives the terms: 5 * 4^m * (7/2)_m / (5)_m
    for n in range(3, 40):
        m, value = n - 3, Fraction(5 * 4 ** (n - 3))
        for k in range(m):
            value *= Fraction(7, 2) + k
            value /= 5 + k
        assert value == full[n]


def test_leading_coefficient_vanishing_at_the_start() -> None:
    # A005430, n C(2n, n): n a(n+1) = (4n+2) a(n) leaves a(1) free (the relation holds for
    # n >= 0 but determines a(n+1) only from n = 1 on); it was refused, so nothing was found
    full = [n * seqs.catalan(201)[n] * (n + 1) for n in range(201)]
    g = _kind(guess(full[:30]), "hypergeometric")
    assert g.coefficients == ((-2, -4), (0, 1))
    assert g.initial == (0, 2)  # a(0), a(1): initial values
    assert (g.fitted, g.confirmed) == (5, 25)  # 1 window not a test + 3 to fit + order 1
    _check_far(g, full, 30)
    assert g.closed_form is not None and g.closed_form.endswith("for n >= 1")
    # leading zeros: C(2(n-3), n-3) after three zeros, (n-2) a(n+1) = (4n-10) a(n)
    shifted = [0, 0, 0] + [seqs.catalan(200)[m] * (m + 1) for m in range(200)]
    h = _kind(guess(shifted[:30]), "hypergeometric")
    assert h.coefficients == ((10, -4), (-2, 1))
    _check_far(h, shifted, 30)
