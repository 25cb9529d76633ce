"""The transforms :func:`numtheory.oeis.identify` applies, with Superseeker's T-numbers.

Each entry names a transform of the query (a function of :mod:`numtheory.oeis.transforms`),
how to read a match ("partial sums of A000045"), whether it is one of the cheap ones that
depth 2 composes, and its test number in Superseeker's list (https://oeis.org/superhelp.txt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import comb, factorial

from numtheory.oeis import transforms as tf

__all__ = [
    "MIN_TERMS",
    "SPECS",
    "TRANSFORM_NAMES",
    "V_SPECS",
    "WINDOW",
    "Spec",
    "queries",
    "usable",
]

MIN_TERMS = 4  # fewer terms than this match too much to mean anything
WINDOW = 140  # terms transformed: more than a data line (about 260 characters) can hold
_DATA_DIGITS = 300  # a term longer than this is in no data line (about 260 characters)
_TOO_BIG = 10**_DATA_DIGITS


@dataclass(frozen=True)
class Spec:
    name: str
    apply: Callable[[list[int]], list[int] | None]
    reading: str  # the query in terms of the entry E, e.g. "partial sums of {E}"
    cheap: bool = False
    t: str = ""  # Superseeker's test number (https://oeis.org/superhelp.txt)
    # a section (bisection, trisection): a match explains only the query's terms at those
    # places, not all of them (every other transform determines each term of the query)
    part: bool = False
    # how many transforms it counts as in the ranking: a transform of v = u[j]/(j-1)! is
    # T008 (divide_by_factorial) followed by the transform of T013-T053, T095, T096
    steps: int = 1


def _s(
    name: str,
    fn: Callable[[list[int]], list[int] | None],
    reading: str,
    cheap: bool = False,
    t: str = "",
) -> Spec:
    return Spec(name, fn, reading, cheap, t, part=name.startswith(("bisection", "trisection")))


def _half(a: list[int], k: int) -> list[int] | None:
    return [x // k for x in a] if all(x % k == 0 for x in a) else None


def _gcd_from(a: list[int], start: int) -> list[int] | None:
    rest = tf.divide_by_gcd(a[start:])
    return None if rest is None else [*a[:start], *rest]


def _window(coefficients: list[int]) -> Callable[[list[int]], list[int]]:
    return lambda a: tf.window_sums(a, coefficients)


def _over(poly: list[int]) -> Callable[[list[int]], list[int]]:
    return lambda a: tf.gf_divide(a, poly)


def _fact(a: list[int], sign: int) -> list[int]:
    return [x + sign * factorial(i + 1) for i, x in enumerate(a)]


def _by_factorial_n1(a: list[int]) -> list[int] | None:
    shifted = tf.divide_by_factorials([0, *a])  # a[i] / (i+1)!
    return None if shifted is None else shifted[1:]


def _reciprocal_square(a: list[int]) -> list[int] | None:
    inverse = tf.series_reciprocal(a)
    return None if inverse is None else tf.series_square(inverse)


#: The depth-1 transforms (Superseeker's T-numbers where they apply to integer sequences),
#: in the order they are tried and rank among equals.
SPECS: tuple[Spec, ...] = (
    _s("differences", tf.differences, "partial sums of {E} plus a constant", True, "T018"),
    _s("partial_sums", tf.partial_sums, "first differences of {E}", True, "T021"),
    _s("gf*(1-x)", lambda a: tf.gf_times_binomial_power(a, 1), "partial sums of {E}"),
    _s(
        "second_differences",
        lambda a: tf.differences(tf.differences(a)),
        "second partial sums of {E} plus a linear term",
        False,
        "T019",
    ),
    _s(
        "third_differences",
        lambda a: tf.differences(tf.differences(tf.differences(a))),
        "third partial sums of {E} plus a quadratic",
        False,
        "T020",
    ),
    _s(
        "second_partial_sums",
        lambda a: tf.partial_sums(tf.partial_sums(a)),
        "second differences of {E}",
        False,
        "T022",
    ),
    _s("gf*(1-x)^2", lambda a: tf.gf_times_binomial_power(a, 2), "second partial sums of {E}"),
    _s(
        "gf/(1-x)^3",
        lambda a: tf.gf_times_binomial_power(a, -3),
        "third differences of {E} (first terms kept)",
        False,
        "T023",
    ),
    _s(
        "gf*(1+x)", lambda a: tf.gf_times_binomial_power(a, 1, 1), "alternating partial sums of {E}"
    ),
    _s(
        "gf/(1+x)",
        lambda a: tf.gf_times_binomial_power(a, -1, 1),
        "sums of adjacent terms of {E}",
        False,
        "T026",
    ),
    _s(
        "gf*(1+x)/(1-x)",
        lambda a: tf.gf_divide(tf.gf_multiply(a, [1, 1]), [1, -1]),
        "g.f. of {E} times (1-x)/(1+x)",
        False,
        "T016",
    ),
    _s(
        "gf*(1-x)/(1+x)",
        lambda a: tf.gf_divide(tf.gf_multiply(a, [1, -1]), [1, 1]),
        "g.f. of {E} times (1+x)/(1-x)",
        False,
        "T017",
    ),
    _s("gf/(1+x^2)", _over([1, 0, 1]), "g.f. of {E} times 1+x^2", False, "T027"),
    _s("gf/(1+x+x^2)", _over([1, 1, 1]), "g.f. of {E} times 1+x+x^2", False, "T029"),
    _s("gf/(1-x^2)", _over([1, 0, -1]), "g.f. of {E} times 1-x^2", False, "T031"),
    _s("gf/(1-x-x^2)", _over([1, -1, -1]), "g.f. of {E} times 1-x-x^2", False, "T033"),
    _s("gf/(1-x+x^2)", _over([1, -1, 1]), "g.f. of {E} times 1-x+x^2", False, "T042"),
    _s("gf/(1+x-x^2)", _over([1, 1, -1]), "g.f. of {E} times 1+x-x^2", False, "T044"),
    _s("gf/(1+x)^2", _over([1, 2, 1]), "g.f. of {E} times (1+x)^2", False, "T048"),
    _s("gf/(1+x)^3", _over([1, 3, 3, 1]), "g.f. of {E} times (1+x)^3", False, "T049"),
    _s("a(n)+a(n+1)", _window([1, 1]), "a sequence whose sums a(n)+a(n+1) are {E}", False, "T024"),
    _s("a(n)+a(n+2)", _window([1, 0, 1]), "a sequence whose a(n)+a(n+2) are {E}", False, "T025"),
    _s(
        "a(n)+a(n+1)+a(n+2)",
        _window([1, 1, 1]),
        "a sequence whose sums of 3 are {E}",
        False,
        "T028",
    ),
    _s("a(n+2)-a(n)", _window([-1, 0, 1]), "a sequence whose a(n+2)-a(n) are {E}", False, "T030"),
    _s(
        "a(n+2)-a(n+1)-a(n)",
        _window([-1, -1, 1]),
        "a sequence whose a(n+2)-a(n+1)-a(n) are {E}",
        False,
        "T032",
    ),
    _s(
        "a(n+2)-a(n+1)+a(n)",
        _window([1, -1, 1]),
        "a sequence whose a(n+2)-a(n+1)+a(n) are {E}",
        False,
        "T043",
    ),
    _s(
        "a(n)+a(n+1)-a(n+2)",
        _window([1, 1, -1]),
        "a sequence whose a(n)+a(n+1)-a(n+2) are {E}",
        False,
        "T045",
    ),
    _s(
        "a(n)+2a(n+1)+a(n+2)",
        _window([1, 2, 1]),
        "a sequence whose a(n)+2a(n+1)+a(n+2) are {E}",
        False,
        "T046",
    ),
    _s(
        "a(n)+3a(n+1)+3a(n+2)+a(n+3)",
        _window([1, 3, 3, 1]),
        "a sequence whose a(n)+3a(n+1)+3a(n+2)+a(n+3) are {E}",
        False,
        "T047",
    ),
    _s("binomial", tf.binomial_transform, "inverse binomial transform of {E}", True, "T100"),
    _s(
        "inverse_binomial", tf.inverse_binomial_transform, "binomial transform of {E}", True, "T101"
    ),
    _s(
        "gf/(1-x)^n",
        lambda a: tf.gf_diagonal(a, -1, True),
        "the inverse of T052 applied to {E}",
        False,
        "T052",
    ),
    _s(
        "gf/(1+x)^n",
        lambda a: tf.gf_diagonal(a, 1, True),
        "the inverse of T053 applied to {E}",
        False,
        "T053",
    ),
    _s("euler", tf.euler_transform, "inverse Euler transform of {E}", False, "T095"),
    _s("inverse_euler", tf.inverse_euler_transform, "Euler transform of {E}", False, "T096"),
    _s("moebius", tf.moebius_transform, "inverse Moebius transform of {E}", False, "T111"),
    _s("inverse_moebius", tf.inverse_moebius_transform, "Moebius transform of {E}", False, "T112"),
    _s("stirling2", tf.stirling2_transform, "inverse Stirling transform of {E}", False, "T114"),
    _s("stirling1", tf.stirling1_transform, "Stirling transform of {E}", False, "T115"),
    _s(
        "boustrophedon",
        tf.boustrophedon_transform,
        "inverse boustrophedon transform of {E}",
        False,
        "T102",
    ),
    _s(
        "inverse_boustrophedon",
        tf.inverse_boustrophedon_transform,
        "boustrophedon transform of {E}",
        False,
        "T103",
    ),
    _s("exp", tf.exp_transform, "LOG transform of {E}", False, "T106"),
    _s("log", tf.log_transform, "EXP transform of {E}", False, "T110"),
    _s("invert", tf.invert_transform, "inverse INVERT transform of {E}", False, "T108"),
    _s("inverse_invert", tf.inverse_invert_transform, "INVERT transform of {E}", False, "T109"),
    _s("gf^2", tf.series_square, "the g.f. square root of {E}", False, "T014"),
    _s("1/gf", tf.series_reciprocal, "the g.f. reciprocal of {E}", False, "T015"),
    _s("1/gf^2", _reciprocal_square, "1/sqrt of the g.f. of {E}", False, "T013"),
    _s("egf^2", tf.exponential_square, "the e.g.f. square root of {E}", False, "T107"),
    _s(
        "bisection0",
        lambda a: tf.section(a, 2, 0),
        "a sequence whose terms at even places are {E} (bisection)",
        False,
        "T006",
    ),
    _s(
        "bisection1",
        lambda a: tf.section(a, 2, 1),
        "a sequence whose terms at odd places are {E} (bisection)",
        False,
        "T007",
    ),
    _s(
        "trisection0",
        lambda a: tf.section(a, 3, 0),
        "a sequence whose terms at places 0 mod 3 are {E}",
    ),
    _s(
        "trisection1",
        lambda a: tf.section(a, 3, 1),
        "a sequence whose terms at places 1 mod 3 are {E}",
    ),
    _s(
        "trisection2",
        lambda a: tf.section(a, 3, 2),
        "a sequence whose terms at places 2 mod 3 are {E}",
    ),
    _s("complement", tf.complement, "the complement of {E}", False, "T002"),
    _s("sorted_distinct", tf.sorted_distinct, "{E} reordered, with repeats", False, "T099"),
    _s("divide_by_gcd", tf.divide_by_gcd, "a multiple of {E}", True, "T003"),
    _s(
        "divide_by_gcd_from_2",
        lambda a: _gcd_from(a, 1),
        "{E} with its terms after the first multiplied by a constant",
        False,
        "T004",
    ),
    _s(
        "divide_by_gcd_from_3",
        lambda a: _gcd_from(a, 2),
        "{E} with its terms after the second multiplied by a constant",
        False,
        "T005",
    ),
    _s("times_2", lambda a: [2 * x for x in a], "{E} divided by 2", True, "T011"),
    _s("half", lambda a: _half(a, 2), "twice {E}", True),
    _s("times_3", lambda a: [3 * x for x in a], "{E} divided by 3", False, "T012"),
    _s("third", lambda a: _half(a, 3), "three times {E}"),
    _s(
        "double_tail",
        lambda a: [*a[:1], *(2 * x for x in a[1:])],
        "{E} with its terms after the first halved",
        False,
        "T113",
    ),
    _s("plus_n", lambda a: tf.plus_index(a, 1, 0), "{E} minus n (n from 0)", True),
    _s("minus_n", lambda a: tf.plus_index(a, -1, 0), "{E} plus n (n from 0)", True),
    _s("plus_n1", lambda a: tf.plus_index(a, 1, 1), "{E} minus n (n from 1)", False, "T034"),
    _s("minus_n1", lambda a: tf.plus_index(a, -1, 1), "{E} plus n (n from 1)", False, "T037"),
    _s("plus_1", lambda a: [x + 1 for x in a], "{E} minus 1", False, "T040"),
    _s("minus_1", lambda a: [x - 1 for x in a], "{E} plus 1", False, "T041"),
    _s("plus_2", lambda a: [x + 2 for x in a], "{E} minus 2", False, "T035"),
    _s("minus_2", lambda a: [x - 2 for x in a], "{E} plus 2", False, "T038"),
    _s("plus_3", lambda a: [x + 3 for x in a], "{E} minus 3", False, "T036"),
    _s("minus_3", lambda a: [x - 3 for x in a], "{E} plus 3", False, "T039"),
    _s(
        "times_n1",
        lambda a: [x * (i + 1) for i, x in enumerate(a)],
        "{E} divided by n (n from 1)",
        False,
        "T009",
    ),
    _s("plus_factorial", lambda a: _fact(a, 1), "{E} minus n! (n from 1)", False, "T081"),
    _s("minus_factorial", lambda a: _fact(a, -1), "{E} plus n! (n from 1)", False, "T082"),
    _s("times_factorial", tf.multiply_by_factorials, "{E} divided by n!"),
    _s("divide_by_factorial", tf.divide_by_factorials, "n! times {E}", False, "T008"),
    _s("divide_by_factorial_n1", _by_factorial_n1, "(n+1)! times {E}", False, "T010"),
)


# Superseeker's T054-T080, T083-T094, T097 and T098 are T013-T053, T095 and T096 applied to
# v[j] = u[j]/(j-1)! (the coefficients of the e.g.f. En(z)): T054 is 1/En(z)^2 as T013 is
# 1/Sn(z)^2, T059 is v[j+1]-v[j] as T018 is u[j+1]-u[j], and so on. v is rational; a data
# line holds integers, so a transform of v is looked up when its terms are integers.
_ON_V = {
    "1/gf^2": "T054",
    "gf^2": "T055",
    "1/gf": "T056",
    "gf*(1+x)/(1-x)": "T057",
    "gf*(1-x)/(1+x)": "T058",
    "differences": "T059",
    "second_differences": "T060",
    "third_differences": "T061",
    "partial_sums": "T062",
    "second_partial_sums": "T063",
    "gf/(1-x)^3": "T064",
    "a(n)+a(n+1)": "T065",
    "a(n)+a(n+2)": "T066",
    "gf/(1+x)": "T067",
    "gf/(1+x^2)": "T068",
    "a(n)+a(n+1)+a(n+2)": "T069",
    "gf/(1+x+x^2)": "T070",
    "a(n+2)-a(n)": "T071",
    "gf/(1-x^2)": "T072",
    "a(n+2)-a(n+1)-a(n)": "T073",
    "gf/(1-x-x^2)": "T074",
    "plus_n1": "T075",
    "plus_2": "T076",
    "plus_3": "T077",
    "minus_n1": "T078",
    "minus_2": "T079",
    "minus_3": "T080",
    "gf/(1-x+x^2)": "T083",
    "a(n+2)-a(n+1)+a(n)": "T084",
    "gf/(1+x-x^2)": "T085",
    "a(n)+a(n+1)-a(n+2)": "T086",
    "a(n)+2a(n+1)+a(n+2)": "T087",
    "a(n)+3a(n+1)+3a(n+2)+a(n+3)": "T088",
    "gf/(1+x)^2": "T089",
    "gf/(1+x)^3": "T090",
    "inverse_binomial": "T091",  # [z^j] En(z)(1-z)^j, as T050 is T101
    "binomial": "T092",  # [z^j] En(z)(1+z)^j, as T051 is T100
    "gf/(1-x)^n": "T093",
    "gf/(1+x)^n": "T094",
    "euler": "T097",
    "inverse_euler": "T098",
}


def _scaled(
    fn: Callable[[list[int]], list[int] | None], degree: int
) -> Callable[[list[int]], list[int] | None]:
    """``fn`` (homogeneous of ``degree``) on the rational v, through D*v, D = (len-1)!."""

    def apply(a: list[int]) -> list[int] | None:
        scale = factorial(len(a) - 1) if a else 1
        weights, w = [], 1  # scale / i!
        for i in range(len(a)):
            weights.append(scale // w)
            w *= i + 1
        out = fn([x * q for x, q in zip(a, weights, strict=True)])
        power = scale**degree
        if out is None or any(x % power for x in out):
            return None
        return [x // power for x in out]

    return apply


def _v_reciprocal_square(a: list[int]) -> list[int] | None:
    """1/En(z)^2 for a rational v: n! times it is the e.g.f. reciprocal, squared, of u."""
    if not a or a[0] not in (1, -1):
        return None
    b = [a[0]]  # e.g.f. reciprocal: sum_k C(n,k) a(k) b(n-k) = [n == 0]
    for n in range(1, len(a)):
        b.append(-a[0] * sum(comb(n, k) * a[k] * b[n - k] for k in range(1, n + 1)))
    out = []
    for n, x in enumerate(tf.exponential_square(b)):
        q, r = divmod(x, factorial(n))
        if r:
            return None
        out.append(q)
    return out


#: The transforms of v whose terms can be integers for a rational v: the others are
#: triangular with a unit diagonal in v (a term of v enters its own output term with
#: coefficient +-1, the earlier ones with integers), so, v[0] = u[0] and v[1] = u[1] being
#: integers, their terms are integers only when every v[j] is; they need an integral v.
_RATIONAL: dict[str, Callable[[list[int]], list[int] | None]] = {
    "1/gf^2": _v_reciprocal_square,  # 1 - 2 v1 z + (3 v1^2 - 2 v2) z^2 ...: v2 may be k/2
    "gf^2": _scaled(tf.series_square, 2),  # 2 v0 v2 + v1^2: likewise
    "third_differences": _scaled(lambda a: tf.window_sums(a, [-1, 3, -3, 1]), 1),
    "a(n)+3a(n+1)+3a(n+2)+a(n+3)": _scaled(lambda a: tf.window_sums(a, [1, 3, 3, 1]), 1),
}


def _on_v(spec: Spec, t: str) -> Spec:
    """Superseeker's ``t``: ``spec`` on v = u/n!, integral, else exactly by :data:`_RATIONAL`."""
    rational = _RATIONAL.get(spec.name)

    def apply(a: list[int]) -> list[int] | None:
        v = tf.divide_by_factorials(a)
        if v is not None:
            return spec.apply(v)
        return None if rational is None else rational(a)

    # n counts from 0 in "n! times", as in the e.g.f.; a reading that counts from 1 (T075,
    # T078: v[j] + j) keeps one n throughout, Superseeker's (j-1)!
    factor = "(n-1)!" if "(n from 1)" in spec.reading else "n!"
    reading = f"{factor} times ({spec.reading})"
    return Spec("v:" + spec.name, apply, reading, False, t, steps=2)


def _literal_t061(a: list[int]) -> list[int] | None:
    """T061 as the help file prints it, v[j+3]-3v[j+2]-3v[j+1]+v[j] (T020 has +3, -1)."""
    window = _scaled(lambda b: tf.window_sums(b, [1, -3, -3, 1]), 1)
    v = tf.divide_by_factorials(a)
    return window(a) if v is None else tf.window_sums(v, [1, -3, -3, 1])


_BY_NAME = {spec.name: spec for spec in SPECS}
#: Superseeker's transforms of v = u[j]/(j-1)!, tried after the others.
V_SPECS: tuple[Spec, ...] = (
    *(_on_v(_BY_NAME[name], t) for name, t in _ON_V.items()),
    Spec(
        "v:a(n+3)-3a(n+2)-3a(n+1)+a(n)",
        _literal_t061,
        "n! times (a sequence whose a(n+3)-3a(n+2)-3a(n+1)+a(n) are {E})",
        False,
        "T061",
        steps=2,
    ),
)
SPECS = (*SPECS, *V_SPECS)

_SHIFT = _s("drop_first", lambda a: a[1:], "{E} with a term before it", True)
_CHEAP: tuple[Spec, ...] = (*(s for s in SPECS if s.cheap and s.name != "divide_by_gcd"), _SHIFT)
_UNDO = {
    ("differences", "partial_sums"),
    ("partial_sums", "differences"),
    ("binomial", "inverse_binomial"),
    ("inverse_binomial", "binomial"),
    ("times_2", "half"),
    ("half", "times_2"),
    ("plus_n", "minus_n"),
    ("minus_n", "plus_n"),
}

#: Every transform name :func:`identify` can report, depth 1 first.
TRANSFORM_NAMES: tuple[str, ...] = (*(s.name for s in SPECS), _SHIFT.name, "sum", "guess")


def usable(values: list[int] | None) -> list[int] | None:
    """The transformed terms worth looking up: cut before a term no data line can hold."""
    if values is None:
        return None
    for i, v in enumerate(values):
        if not -_TOO_BIG < v < _TOO_BIG:
            values = values[:i]
            break
    if len(values) < MIN_TERMS or len(set(values)) < 2:
        return None  # too short, or constant: matches every constant entry
    return values


def _grown(
    apply: Callable[[list[int]], list[int] | None], terms: list[int]
) -> tuple[list[int] | None, int]:
    """``apply`` on 16, 32, ... of ``terms`` until its output holds a term too large for any
    data line (:func:`usable` cuts there: later terms are never looked up) or all are used.

    Why: the convolution transforms (Euler, EXP, INVERT, Stirling) of large terms grow
    without bound, and 140 terms of 300 digits cost minutes; stopping at the first output
    too large keeps the cost to a prefix about twice as long as the useful one.
    Returns the output and how many terms it was computed from.
    """
    size = 16
    while True:
        head = terms[:size]
        raw = apply(head)
        if raw is None or len(head) == len(terms) or any(not -_TOO_BIG < v < _TOO_BIG for v in raw):
            return raw, len(head)
        size *= 2


def queries(terms: list[int], depth: int) -> list[tuple[tuple[Spec, ...], list[int], int]]:
    """(transforms applied, transformed terms, query terms they account for) to look up.

    Cheapest first, duplicates dropped. The count is the query's length, less the terms
    :func:`usable` cut off (those are unexplained), except for a section, which accounts
    for its own terms only: the query's other terms are left unexplained.
    """
    seen = {tuple(terms)}
    out: list[tuple[tuple[Spec, ...], list[int], int]] = []
    # a match is a run inside one data line (about 260 characters: at most ~130 terms), so
    # only the first WINDOW terms are transformed: the O(n^2) and O(n^3) transforms of 1,000
    # terms took minutes; a longer query's other terms are left unexplained (matched says so)
    head = terms[:WINDOW]

    def add(chain: tuple[Spec, ...], raw: list[int] | None, used: int) -> None:
        values = usable(raw)
        if raw is not None and values is not None and tuple(values) not in seen:
            seen.add(tuple(values))
            part = any(spec.part for spec in chain)
            accounted = len(values) if part else used - (len(raw) - len(values))
            out.append((chain, values, max(0, min(accounted, len(terms)))))

    for spec in SPECS:
        raw, used = _grown(spec.apply, head)
        add((spec,), raw, used)
    if depth >= 2:
        for first in _CHEAP:
            once = first.apply(head)
            if once is None or len(once) < MIN_TERMS:
                continue
            for second in _CHEAP:
                if (first.name, second.name) not in _UNDO:
                    add((first, second), second.apply(once), len(head))
    return out
