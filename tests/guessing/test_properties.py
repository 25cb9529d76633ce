"""Properties: random C-finite and P-recursive sequences are recovered; the modular path
(CRT + rational reconstruction) agrees with exact rational linear algebra."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numtheory import _backend, guess
from numtheory.guessing._modular import (
    integer_vector,
    kernel_mod,
    lift_kernel,
    prime,
    rational_reconstruction,
)

_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _c_finite(coeffs: list[int], start: list[int], count: int) -> list[int]:
    terms = list(start)
    while len(terms) < count:
        terms.append(sum(c * t for c, t in zip(coeffs, terms[-len(coeffs) :], strict=True)))
    return terms


@_SETTINGS
@given(
    st.integers(1, 6).flatmap(
        lambda r: st.tuples(
            st.lists(st.integers(-20, 20), min_size=r, max_size=r).filter(lambda c: c[0] != 0),
            st.lists(st.integers(-50, 50), min_size=r, max_size=r),
        )
    )
)
def test_random_c_finite_recovered(case: tuple[list[int], list[int]]) -> None:
    coeffs, start = case
    r = len(coeffs)
    full = _c_finite(coeffs, start, 2 * r + 12 + 40)
    used = 2 * r + 12
    if len(set(full[:used])) < 10:
        return  # few distinct values (e.g. all zero) need more spare terms: another test
    found = guess(full[:used], kinds=["c-finite"])
    assert found, (coeffs, start)
    g = found[0]
    assert g.order <= r  # the minimal recurrence divides the one the terms were made with
    assert g.extend(40) == full[used:]


@_SETTINGS
@given(
    st.lists(st.integers(-5, 5), min_size=2, max_size=2).filter(any),
    st.lists(st.integers(1, 5), min_size=2, max_size=2),
    st.integers(1, 30),
)
def test_random_hypergeometric_recovered(num: list[int], den: list[int], first: int) -> None:
    # a(n) = first * prod_{k<n} N(k) * prod_{n<=k<45} D(k): integers with a(n+1)/a(n) = N(n)/D(n)
    def numer(k: int) -> int:
        return num[0] + num[1] * k

    def denom(k: int) -> int:
        return den[0] + den[1] * k

    terms = []
    for n in range(46):
        value = first
        for k in range(n):
            value *= numer(k)
        for k in range(n, 45):
            value *= denom(k)
        terms.append(value)
    if 0 in terms[:30] or len(set(terms[:30])) < 10:
        return
    g = guess(terms[:30], kinds=["hypergeometric"])
    assert g and g[0].kind == "hypergeometric"
    assert g[0].extend(16) == terms[30:]
    ratio = Fraction(terms[11], terms[10])
    assert ratio == Fraction(numer(10), denom(10))


def _exact_kernel(rows: list[list[int]]) -> list[list[Fraction]]:
    matrix = _backend.fmpz_mat(rows)
    basis, nullity = matrix.nullspace()
    ncols = len(rows[0])
    return [[Fraction(int(basis[i, c])) for i in range(ncols)] for c in range(nullity)]


@_SETTINGS
@given(
    st.lists(st.integers(-(10**30), 10**30), min_size=4, max_size=4),
    st.lists(
        st.lists(st.integers(-(10**12), 10**12), min_size=4, max_size=4), min_size=3, max_size=6
    ),
)
def test_modular_kernel_agrees_with_exact(relation: list[int], free_rows: list[list[int]]) -> None:
    """Rows orthogonal to a big random vector: the lifted kernel is it, as fmpz_mat says."""
    if relation[-1] == 0:
        return
    # make each row orthogonal to `relation` by solving for its last entry over the integers
    rows = []
    for row in free_rows:
        head = row[:3]
        total = sum(h * c for h, c in zip(head, relation, strict=False))
        rows.append([h * relation[-1] for h in head] + [-total])
    exact = _exact_kernel(rows)
    if len(exact) != 1:
        return  # rank-deficient draws: the kernel is not a single relation
    expected = integer_vector(exact[0])

    def build(p: int) -> tuple[list[int], int, int]:
        return [x % p for row in rows for x in row], len(rows), 4

    found = lift_kernel(
        build, lambda v: all(sum(a * b for a, b in zip(r, v, strict=True)) == 0 for r in rows)
    )
    assert found == expected
    assert found == integer_vector(relation)


@given(st.integers(-(10**15), 10**15), st.integers(1, 10**15))
def test_rational_reconstruction_inverts_reduction(a: int, b: int) -> None:
    m = prime(0) * prime(1) * prime(2) * prime(3)  # about 2^124 > 2 * (10^15)^2
    q = Fraction(a, b)
    u = q.numerator * pow(q.denominator, -1, m) % m
    assert rational_reconstruction(u, m) == q


def test_kernel_mod_picks_the_least_degree_relation() -> None:
    p = prime(0)
    # columns [x2, x1, x0]: kernel spanned by (0, 1, -1) and (1, 0, -1): simplest is (0, 1, -1)
    nullity, vec = kernel_mod([1, 1, 1], 1, 3, p)
    assert nullity == 2
    assert vec == [0, 1, p - 1]
