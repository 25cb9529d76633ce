"""Superseeker's transforms of v[j] = u[j]/(j-1)! (T054-T080, T083-T094, T097, T098).

Each is checked against the help file's definition computed independently in exact rationals
(long division for the rational functions and series, explicit sums for the rest), on
sequences whose v is integral and on sequences whose v is not but whose transform is.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial, prod
from pathlib import Path

import pytest

from numtheory.oeis import identify
from numtheory.oeis import transforms as tf
from numtheory.oeis._transform_table import V_SPECS
from tests.oeis.test_identify import S, mirror_file  # noqa: F401 (the fixture)

N = 9
F0 = Fraction(0)


def _divide(num: list[Fraction], den: list[int], n: int) -> list[Fraction]:
    """The first n coefficients of num/den by long division (den[0] = 1 or -1)."""
    num = [*num, *[F0] * n][:n]
    out: list[Fraction] = []
    for k in range(n):
        rest = num[k] - sum((den[i] * out[k - i] for i in range(1, min(k, len(den) - 1) + 1)), F0)
        out.append(rest / den[0])
    return out


def _poly_mul(p: list[int], q: list[int]) -> list[int]:
    out = [0] * (len(p) + len(q) - 1)
    for i, x in enumerate(p):
        for j, y in enumerate(q):
            out[i + j] += x * y
    return out


def _power(p: list[int], k: int) -> list[int]:
    out = [1]
    for _ in range(k):
        out = _poly_mul(out, p)
    return out


def _times(v: list[Fraction], r: list[Fraction]) -> list[Fraction]:
    return [sum((r[k] * v[n - k] for k in range(n + 1)), F0) for n in range(len(v))]


def _window(v: list[Fraction], c: list[int]) -> list[Fraction]:
    return [sum(ci * v[j + i] for i, ci in enumerate(c)) for j in range(len(v) - len(c) + 1)]


def _rational(num: list[int], den: list[int]) -> object:
    # En(z) num(z)/den(z): the coefficients of num/den, convolved with v
    return lambda v: _times(v, _divide([Fraction(x) for x in num], den, len(v)))


def _diagonal(sign: int, divide: bool) -> object:
    # [z^j] En(z) (1 + sign z)^(+-j): the power expanded (and divided out) term by term
    def apply(v: list[Fraction]) -> list[Fraction]:
        out = []
        for j in range(len(v)):
            p = _power([1, sign], j)
            r = _divide([Fraction(1)], p, j + 1) if divide else [*map(Fraction, p)]
            out.append(sum((r[k] * v[j - k] for k in range(min(j + 1, len(r)))), F0))
        return out

    return apply


def _euler(v: list[Fraction]) -> list[Fraction]:
    # prod_j (1 - z^j)^(-v[j]) for integral v: divide by (1 - z^j) v[j] times
    n = len(v) + 1
    series = [Fraction(1), *[F0] * (n - 1)]
    for j in range(1, n):
        factor = [1, *[0] * (j - 1), -1]
        for _ in range(abs(int(v[j - 1]))):
            if v[j - 1] > 0:
                series = _divide(series, factor, n)
            else:
                series = _times(series, [Fraction(x) for x in [*factor, *[0] * n]][:n])
    return series[1:]


def _reciprocal(v: list[Fraction]) -> list[Fraction]:
    out = [1 / v[0]]
    for k in range(1, len(v)):
        out.append(-sum((v[i] * out[k - i] for i in range(1, k + 1)), F0) / v[0])
    return out


BRUTE = {
    "T054": lambda v: _times(_reciprocal(v), _reciprocal(v)),
    "T055": lambda v: _times(v, v),
    "T056": _reciprocal,
    "T057": _rational([1, 1], [1, -1]),
    "T058": _rational([1, -1], [1, 1]),
    "T059": lambda v: _window(v, [-1, 1]),
    "T060": lambda v: _window(v, [1, -2, 1]),
    "T062": _rational([1], [1, -1]),
    "T063": _rational([1], [1, -2, 1]),
    "T064": _rational([1], [1, -3, 3, -1]),
    "T065": lambda v: _window(v, [1, 1]),
    "T066": lambda v: _window(v, [1, 0, 1]),
    "T067": _rational([1], [1, 1]),
    "T068": _rational([1], [1, 0, 1]),
    "T069": lambda v: _window(v, [1, 1, 1]),
    "T070": _rational([1], [1, 1, 1]),
    "T071": lambda v: _window(v, [-1, 0, 1]),
    "T072": _rational([1], [1, 0, -1]),
    "T073": lambda v: _window(v, [-1, -1, 1]),
    "T074": _rational([1], [1, -1, -1]),
    "T075": lambda v: [x + j + 1 for j, x in enumerate(v)],  # j from 1
    "T076": lambda v: [x + 2 for x in v],
    "T077": lambda v: [x + 3 for x in v],
    "T078": lambda v: [x - j - 1 for j, x in enumerate(v)],
    "T079": lambda v: [x - 2 for x in v],
    "T080": lambda v: [x - 3 for x in v],
    "T083": _rational([1], [1, -1, 1]),
    "T084": lambda v: _window(v, [1, -1, 1]),
    "T085": _rational([1], [1, 1, -1]),
    "T086": lambda v: _window(v, [1, 1, -1]),
    "T087": lambda v: _window(v, [1, 2, 1]),
    "T088": lambda v: _window(v, [1, 3, 3, 1]),
    "T089": _rational([1], [1, 2, 1]),
    "T090": _rational([1], [1, 3, 3, 1]),
    "T091": _diagonal(-1, False),
    "T092": _diagonal(1, False),
    "T093": _diagonal(-1, True),
    "T094": _diagonal(1, True),
    "T097": _euler,
}


def _t061(v: list[Fraction], name: str) -> list[Fraction]:
    # the help file's T061 has -3, -3; T020, whose analogue it is, has +3, -3
    literal = "-3a(n+2)-3a(n+1)" in name
    return _window(v, [1, -3, -3, 1] if literal else [-1, 3, -3, 1])


def _expected(name: str, t: str, u: list[int]) -> list[int] | None:
    v = [Fraction(x, factorial(i)) for i, x in enumerate(u)]
    if t == "T098":  # the inverse of T097: the b whose T097 (brute force) is v, term by term
        if any(x.denominator != 1 for x in v):
            return None
        b: list[Fraction] = []
        for x in v:
            b.append(x - _euler([*b, F0])[len(b)])  # b[k] enters its own term with 1
        assert _euler(b) == v
        return [int(x) for x in b]
    if t in ("T054", "T056") and v[0] not in (1, -1):
        return None
    if t == "T097" and any(x.denominator != 1 for x in v):
        return None  # binomials of fractional exponents: not computed
    out = _t061(v, name) if t == "T061" else BRUTE[t](v)
    if any(x.denominator != 1 for x in out):
        return None
    return [int(x) for x in out]


def _half_integral(window: list[int], target: list[int]) -> list[int]:
    """u with v[2], v[3], ... half-integers and window sums of v equal to ``target``."""
    v = [Fraction(1), Fraction(2), Fraction(1, 2)][: len(window) - 1]
    for b in target:
        v.append(
            (b - sum(c * x for c, x in zip(window, v[-len(window) + 1 :], strict=False)))
            / window[-1]
        )
    u = [x * factorial(i) for i, x in enumerate(v)]
    assert all(x.denominator == 1 for x in u) and any(x.denominator != 1 for x in v)
    return [int(x) for x in u]


def _binomial(x: Fraction, k: int) -> Fraction:
    return prod((x - i for i in range(k)), start=Fraction(1)) / factorial(k)


INTEGRAL_V = [
    [factorial(i) * x for i, x in enumerate([1, 2, -1, 3, 0, 5, 1, 2, 4])],
    [factorial(i) * x for i, x in enumerate([-1, 1, 1, 2, 3, 5, 8, 13, 21])],
]
RATIONAL_V = [
    # n! [z^n] (1+2z)^(1/2) and (1+2z)^(-1/2): En(z)^2 = 1+2z and 1/En(z)^2 = 1+2z
    [int(_binomial(Fraction(1, 2), n) * 2**n * factorial(n)) for n in range(N)],
    [int(_binomial(Fraction(-1, 2), n) * 2**n * factorial(n)) for n in range(N)],
    _half_integral([1, 3, 3, 1], [4, 1, 5, 9, 2, 6]),
    _half_integral([-1, 3, -3, 1], [4, 1, 5, 9, 2, 6]),
    _half_integral([1, -3, -3, 1], [4, 1, 5, 9, 2, 6]),
    [1, 1, 1, 1, 1, 1, 1, 1, 1],  # v = 1/j!: no transform of it is integral
]


@pytest.mark.parametrize("spec", V_SPECS, ids=[s.name for s in V_SPECS])
def test_each_transform_of_v_against_its_definition(spec) -> None:
    checked = 0
    for u in INTEGRAL_V + RATIONAL_V:
        got = spec.apply(list(u))
        want = _expected(spec.name, spec.t, u)
        assert got == want, (spec.t, u)
        checked += got is not None
    assert checked >= 1  # the transform applies somewhere, not only "None" everywhere


def test_the_rational_v_cases_are_exercised() -> None:
    hits = {s.t for s in V_SPECS for u in RATIONAL_V if s.apply(list(u)) is not None}
    assert hits == {"T054", "T055", "T061", "T088"}  # the only ones with a rational v


def test_every_listed_t_number_is_applied() -> None:
    wanted = {f"T{k:03d}" for k in (*range(54, 81), *range(83, 95), 97, 98)}
    assert {s.t for s in V_SPECS} == wanted


def test_identify_finds_an_entry_through_v(mirror_file: Path) -> None:  # noqa: F811
    v = tf.inverse_binomial_transform(S[:12])  # T092 of u = n! v is S
    u = [factorial(i) * x for i, x in enumerate(v)]
    found = identify(u, offline=True, mirror=mirror_file)
    best = next(e for e in found if e.transforms == ("v:binomial",))
    assert best.sequence is not None and best.sequence.id == "A900001"
    assert "n! times" in best.description
    # the rational path end to end: v half-integral, T088 of it is a run of S
    u = _half_integral([1, 3, 3, 1], S[:12])
    found = identify(u, offline=True, mirror=mirror_file)
    best = next(e for e in found if e.transforms == ("v:a(n)+3a(n+1)+3a(n+2)+a(n+3)",))
    assert best.sequence is not None and best.sequence.id == "A900001"


def test_a_transform_of_v_ranks_as_two(mirror_file: Path) -> None:  # noqa: F811
    # n! F(n+2): its second differences of v are F(n) from the start, as true as "n! times
    # F(n+2)", but T060 is T019 after T008: the one-step reading comes first
    fib = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    u = [factorial(i) * x for i, x in enumerate(fib)]
    found = identify(u, offline=True, mirror=mirror_file)
    assert found[0].sequence is not None and found[0].sequence.id == "A000045"
    assert found[0].transforms == ("divide_by_factorial",)


def test_a_reading_counting_n_from_1_uses_n_minus_1_factorial(mirror_file: Path) -> None:  # noqa: F811
    # T075 of u is S: v[j] + j = S(j), j from 1, so u(n) = (n-1)! (S(n) - n) for n from 1;
    # "n! times (S minus n (n from 1))" read with one n would be n! (S(n) - n): wrong
    u = [factorial(j - 1) * (x - j) for j, x in enumerate(S[:12], start=1)]
    found = identify(u, offline=True, mirror=mirror_file)
    best = next(e for e in found if e.transforms == ("v:plus_n1",))
    assert best.description.startswith("(n-1)! times (A900001 minus n (n from 1))"), best
    assert all("n! times" in s.reading for s in V_SPECS if "(n from 1)" not in s.reading)
