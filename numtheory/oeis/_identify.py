"""Which sequence is this, really? Superseeker-like transforms over the local OEIS data.

:func:`identify` looks the terms up exactly (online when allowed: one request, the usual
:func:`numtheory.oeis.lookup`), then looks every transform of them (:mod:`.transforms`) up
in the local mirror and the built-in catalogue, then (depth 2) compositions of two cheap
transforms and sums of two entries, then asks :func:`numtheory.guess` for a recurrence. Only
the exact look-up may go to oeis.org: transformed queries are bulk work and stay local.

Guarantee: every explanation other than a guess is checked term by term. A transformed
query's terms occur, consecutively and all of them, in the entry's data line (signs ignored as
by the OEIS; ``signs`` says whether they agree too): a finite fact about the terms shown,
not a proof that the relation holds for ever. A guess is labelled a conjecture.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from math import factorial, gcd
from typing import Any

from numtheory._validate import as_int
from numtheory.errors import (
    InputError,
    MirrorError,
    NumtheoryError,
    OEISError,
    TooManyResultsError,
)
from numtheory.oeis import transforms as tf
from numtheory.oeis.model import Sequence

__all__ = ["TRANSFORM_NAMES", "Explanation", "Explanations", "identify"]

MIN_TERMS = 4  # fewer terms than this match too much to mean anything
MAX_TERMS = 1000
MAX_DIGITS = 1000  # per term: transforms of huge terms cost time and match nothing
_DATA_DIGITS = 300  # a term longer than this is in no data line (about 260 characters)
_TOO_BIG = 10**_DATA_DIGITS
_NEAR = 3  # a transformed query must match from one of the first 4 terms of an entry
_ANYWHERE = 255  # the mirror's index clamps positions there
_BUDGET = 96  # candidates checked per transformed query: very common runs prove little
_PER_QUERY = 3  # hits kept per transformed query


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """One explanation of the query, as :func:`identify` returns them (best first).

    ``sequence`` is the entry (None for a bare guess), ``transforms`` the names applied to
    the query in order (empty for an exact match), ``description`` a sentence, ``matched``
    how many terms were compared and agree, ``source`` where it came from (network, cache,
    mirror, catalogue, guess). ``terms`` are the transformed terms found in the entry, at
    ``position`` (0-based) of its data line; ``signs`` is False when they agree only up to
    signs; ``conjecture`` is True for a guess (evidence: the terms it was fitted to).
    """

    sequence: Sequence | None
    transforms: tuple[str, ...]
    description: str
    matched: int
    source: str
    terms: tuple[int, ...] = ()
    position: int = 0
    signs: bool = True
    conjecture: bool = False
    rank: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        seq = self.sequence
        return {
            "sequence": None if seq is None else {"id": seq.id, "name": seq.name},
            "transforms": list(self.transforms),
            "description": self.description,
            "matched": self.matched,
            "source": self.source,
            "terms": [str(t) if abs(t) >= 2**53 else t for t in self.terms],
            "position": self.position,
            "signs": self.signs,
            "conjecture": self.conjecture,
        }


class Explanations(list[Explanation]):
    """The list :func:`identify` returns, best first, with ``notes`` (steps skipped, warnings)."""

    def __init__(self, items: Iterable[Explanation], notes: Iterable[str] = ()) -> None:
        super().__init__(items)
        self.notes = tuple(notes)


# -- the transforms ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    name: str
    apply: Callable[[list[int]], list[int] | None]
    reading: str  # the query in terms of the entry E, e.g. "partial sums of {E}"
    cheap: bool = False
    t: str = ""  # Superseeker's test number (https://oeis.org/superhelp.txt)


def _s(
    name: str,
    fn: Callable[[list[int]], list[int] | None],
    reading: str,
    cheap: bool = False,
    t: str = "",
) -> _Spec:
    return _Spec(name, fn, reading, cheap, t)


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
_SPECS: tuple[_Spec, ...] = (
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
        "bisection0", lambda a: tf.section(a, 2, 0), "{E} at even places (bisection)", False, "T006"
    ),
    _s("bisection1", lambda a: tf.section(a, 2, 1), "{E} at odd places (bisection)", False, "T007"),
    _s("trisection0", lambda a: tf.section(a, 3, 0), "{E} at places 0 mod 3 (trisection)"),
    _s("trisection1", lambda a: tf.section(a, 3, 1), "{E} at places 1 mod 3 (trisection)"),
    _s("trisection2", lambda a: tf.section(a, 3, 2), "{E} at places 2 mod 3 (trisection)"),
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

_SHIFT = _s("drop_first", lambda a: a[1:], "{E} with a term before it", True)
_CHEAP: tuple[_Spec, ...] = (*(s for s in _SPECS if s.cheap and s.name != "divide_by_gcd"), _SHIFT)
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
TRANSFORM_NAMES: tuple[str, ...] = (*(s.name for s in _SPECS), _SHIFT.name, "sum", "guess")


def _usable(values: list[int] | None) -> list[int] | None:
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


def _queries(terms: list[int], depth: int) -> list[tuple[tuple[_Spec, ...], list[int]]]:
    """(transforms applied, transformed terms) to look up, cheapest first, duplicates dropped."""
    seen = {tuple(terms)}
    out: list[tuple[tuple[_Spec, ...], list[int]]] = []

    def add(chain: tuple[_Spec, ...], values: list[int] | None) -> None:
        values = _usable(values)
        if values is not None and tuple(values) not in seen:
            seen.add(tuple(values))
            out.append((chain, values))

    for spec in _SPECS:
        add((spec,), spec.apply(terms))
    if depth >= 2:
        for first in _CHEAP:
            once = first.apply(terms)
            if once is None or len(once) < MIN_TERMS:
                continue
            for second in _CHEAP:
                if (first.name, second.name) not in _UNDO:
                    add((first, second), second.apply(once))
    return out


# -- the local data ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    sequence: Sequence
    position: int
    source: str


@lru_cache(maxsize=1)
def _catalogue_index() -> tuple[dict[tuple[int, int, int], list[tuple[int, int]]], list[Sequence]]:
    """The catalogue's data lines keyed by their first occurrence of each run of three."""
    from numtheory.oeis import catalogue

    seqs = [item.sequence() for item in catalogue()]
    index: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for i, seq in enumerate(seqs):
        values = [abs(t) for t in seq.terms]
        for j in range(len(values) - 2):
            key = (values[j], values[j + 1], values[j + 2])
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1][0] != i:
                bucket.append((i, j))
    return index, seqs


def _catalogue_hits(terms: list[int], limit: int, near: int | None) -> list[_Hit]:
    index, seqs = _catalogue_index()
    wanted = [abs(t) for t in terms]
    k = len(wanted)
    found = []
    for i, _ in index.get((wanted[0], wanted[1], wanted[2]), ()):
        values = [abs(t) for t in seqs[i].terms]
        for p in range(len(values) - k + 1 if near is None else min(near + 1, len(values))):
            if values[p : p + k] == wanted:
                found.append((p, seqs[i].number, i))
                break
    found.sort()
    return [_Hit(seqs[i], p, "catalogue") for p, _, i in found[:limit]]


class _Local:
    """The mirror (when built and sound) and the catalogue, searched together."""

    def __init__(self, mirror: str | os.PathLike[str] | None, notes: list[str]) -> None:
        from numtheory.oeis.mirror import Mirror, open_mirror

        self.mirror: Mirror | None = None
        self.notes = notes
        try:
            self.mirror = open_mirror(mirror)
        except MirrorError as exc:
            notes.append(f"ignoring the local mirror: {exc}")
        if self.mirror is None and not notes:
            where = "" if mirror is None else f" at {mirror}"
            notes.append(f"no local mirror{where} (`numtheory mirror sync`): the catalogue only")

    def hits(self, terms: list[int], limit: int = _PER_QUERY, exact: bool = False) -> list[_Hit]:
        """Matches anywhere (``exact``: the query itself), else near the start, bounded."""
        out: list[_Hit] = []
        if self.mirror is not None:
            try:
                found: list[Sequence] | None
                if exact:  # anywhere: bounded first, exhaustive when that found nothing
                    bounded = self.mirror.search_start(
                        terms, limit=limit, max_position=_ANYWHERE, budget=1024
                    )
                    # hits found are real (the ranking among very common ones may differ
                    # from the exhaustive search's); none found within the budget: search on
                    found = bounded if bounded or bounded.complete else None
                    if found is None:
                        found = self.mirror.search(terms, limit=limit)
                else:
                    found = self.mirror.search_start(
                        terms, limit=limit, max_position=_NEAR, budget=_BUDGET
                    )
                for seq in found:
                    out.append(_Hit(seq, int(seq.extra.get("match_index", 0)), "mirror"))
            except MirrorError as exc:
                self.notes.append(f"ignoring the local mirror: {exc}")
                self.mirror = None
        return out + _catalogue_hits(terms, limit, None if exact else _NEAR)


# -- ranking -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _well_known() -> frozenset[int]:
    from numtheory.oeis import catalogue

    return frozenset(item.number for item in catalogue())


def _signs_agree(seq: Sequence, position: int, values: list[int]) -> bool:
    return list(seq.terms[position : position + len(values)]) == values


def _rank(
    kind: int,
    transforms: int,
    matched: int,
    signs: bool,
    seq: Sequence | None,
    position: int,
    order: int,
) -> tuple[Any, ...]:
    number = seq.number if seq is not None else 10**9
    known = seq is not None and (number in _well_known() or "core" in (seq.keywords or ()))
    return (kind, transforms, -matched, not signs, not known, position, order, number)


def _explain(hit: _Hit, chain: tuple[_Spec, ...], values: list[int], order: int) -> Explanation:
    sentence = "{E}"
    for spec in chain:  # the query = R1(R2(...(E))): the first transform's reading outermost
        sentence = sentence.replace("{E}", spec.reading, 1)
    name = f"{hit.sequence.id} ({hit.sequence.name})" if hit.sequence.name else hit.sequence.id
    where = f", from its term {hit.position + 1}" if hit.position else ""
    signs = _signs_agree(hit.sequence, hit.position, values)
    description = (
        sentence.replace("{E}", hit.sequence.id) + f"{where}" + ("" if signs else " (up to signs)")
    )
    description = description[0].upper() + description[1:] + f": {name}"
    return Explanation(
        sequence=hit.sequence,
        transforms=tuple(s.name for s in chain),
        description=description,
        matched=len(values),
        source=hit.source,
        terms=tuple(values),
        position=hit.position,
        signs=signs,
        rank=_rank(1, len(chain), len(values), signs, hit.sequence, hit.position, order),
    )


# -- the steps -----------------------------------------------------------------------------


def _check_terms(terms: Iterable[int]) -> list[int]:
    if isinstance(terms, (str, bytes)):
        raise InputError(f"identify needs a list of integers, not the text {str(terms)[:40]!r}")
    values = []
    for i, t in enumerate(terms):
        if i >= MAX_TERMS:
            raise InputError(f"identify takes at most {MAX_TERMS} terms")
        value = as_int(t, f"term {i + 1}")
        if value.bit_length() > MAX_DIGITS * 3.33:
            raise InputError(
                f"term {i + 1} has more than {MAX_DIGITS} digits ({str(value)[:20]}...)"
            )
        values.append(value)
    if len(values) < MIN_TERMS:
        raise InputError(
            f"identify needs at least {MIN_TERMS} terms, got {len(values)}: fewer match too much"
        )
    return values


def _exact(
    terms: list[int], local: _Local, offline: bool, limit: int, notes: list[str]
) -> list[Explanation]:
    hits: list[_Hit] = []
    if not offline:
        from numtheory import oeis

        try:
            answer = oeis.lookup(terms, limit=limit, want_total=False)
        except TooManyResultsError as exc:
            notes.append(f"exact look-up: {exc}")
        except OEISError as exc:  # unreachable and nothing local: the local steps still run
            notes.append(f"exact look-up failed: {exc}")
        else:
            notes.extend(answer.warnings)
            for seq in answer.results:
                pos = seq.extra.get("match_index")
                if pos is None:
                    pos = _position(seq.terms, terms)
                hits.append(_Hit(seq, pos if pos is not None else 0, answer.source))
    if not hits:
        hits = local.hits(terms, limit, exact=True)
    out = []
    for order, hit in enumerate(hits):
        signs = _signs_agree(hit.sequence, hit.position, terms)
        where = f", from its term {hit.position + 1}" if hit.position else ""
        out.append(
            Explanation(
                sequence=hit.sequence,
                transforms=(),
                matched=len(terms),
                source=hit.source,
                description=f"The terms themselves{where}{'' if signs else ' (up to signs)'}: "
                f"{hit.sequence.id} ({hit.sequence.name})",
                terms=tuple(terms),
                position=hit.position,
                signs=signs,
                rank=_rank(0, 0, len(terms), signs, hit.sequence, hit.position, order),
            )
        )
    return out


def _position(values: tuple[int, ...], wanted: list[int]) -> int | None:
    absolute = [abs(v) for v in values]
    target = [abs(w) for w in wanted]
    for p in range(len(absolute) - len(target) + 1):
        if absolute[p : p + len(target)] == target:
            return p
    return None


def _pairs(terms: list[int], local: _Local) -> list[Explanation]:
    """``terms = c*A + d*B``: A a catalogue entry, c in {1,-1,2,-2}, B found locally, d <= 3."""
    _, seqs = _catalogue_index()
    n = len(terms)
    out: list[Explanation] = []
    seen: set[tuple[int, ...]] = set()
    for order, a in enumerate(seqs):
        if len(a.terms) < n or max(abs(t) for t in a.terms[:n]) > 4 * max(map(abs, terms)) + 4:
            continue
        for c in (1, -1, 2, -2):
            rest = [t - c * x for t, x in zip(terms, a.terms[:n], strict=False)]
            g = reduce(gcd, rest, 0)
            if 2 <= g <= 3:
                rest = [r // g for r in rest]
            else:
                g = 1
            values = _usable(rest)
            if values is None or tuple(values) in seen:
                continue
            seen.add(tuple(values))
            for hit in local.hits(values, 2):
                if hit.position or hit.sequence.number == a.number:
                    continue
                signs = _signs_agree(hit.sequence, 0, values)
                sign = "+" if signs else "-"
                first = {1: "", -1: "-", 2: "2*", -2: "-2*"}[c]
                second = "" if g == 1 else f"{g}*"
                out.append(
                    Explanation(
                        sequence=hit.sequence,
                        transforms=("sum",),
                        matched=n,
                        source=hit.source,
                        description=f"{first}{a.id} {sign} {second}{hit.sequence.id}: "
                        f"{a.id} ({a.name}) and {hit.sequence.id} ({hit.sequence.name})",
                        terms=tuple(values),
                        rank=_rank(1, 2, n, True, hit.sequence, 0, 1000 + order),
                    )
                )
    return out


def _continuations(g: Any, terms: list[int], local: _Local) -> list[Sequence]:
    """Local entries holding the guessed continuation of the query (its next 6 terms)."""
    try:
        ext = [int(x) for x in g.extend(6)]
    except (ArithmeticError, ValueError, TypeError):
        return []
    more = ext[len(terms) :] if ext[: len(terms)] == terms else ext
    values = _usable(more[:6])
    return [] if values is None else [hit.sequence for hit in local.hits(values, _PER_QUERY)]


def _guesses(
    terms: list[int], found: list[Explanation], local: _Local, notes: list[str]
) -> list[Explanation]:
    """A guessed recurrence (a conjecture), and the local entries that satisfy it.

    Candidates: the catalogue, the entries the other steps found, and the entries holding
    the guess's continuation of the terms (found through the index); each is checked with
    the guess's ``satisfies`` on all its terms.
    """
    try:
        from numtheory.guessing import guess  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        notes.append("guessing skipped: numtheory.guessing is not installed")
        return []
    try:
        guesses = list(guess(terms))[:2]
    except NumtheoryError as exc:
        notes.append(f"guessing failed: {exc}")
        return []
    out: list[Explanation] = []
    _, seqs = _catalogue_index()
    candidates = {s.number: s for s in seqs}
    for e in found:
        if e.sequence is not None:
            candidates.setdefault(e.sequence.number, e.sequence)
    for order, g in enumerate(guesses):
        out.append(
            Explanation(
                sequence=None,
                transforms=("guess",),
                matched=len(terms),
                source="guess",
                description=f"Conjecture: {g}",
                conjecture=True,
                rank=_rank(2, 1, len(terms), True, None, 0, order),
            )
        )
        pool = dict(candidates)
        for seq in _continuations(g, terms, local):
            pool.setdefault(seq.number, seq)
        need = 2 * max(int(getattr(g, "order", 1) or 1), 1) + 2
        for seq in pool.values():
            values = list(seq.terms)
            # a constant entry (0, 0, 0, ...) satisfies every homogeneous recurrence
            if (
                len(set(values)) > 1
                and len(values) >= max(need, MIN_TERMS)
                and (values[: len(terms)] != terms)
            ) and g.satisfies(values):
                out.append(
                    Explanation(
                        sequence=seq,
                        transforms=("guess",),
                        matched=len(values),
                        source=seq.source or "guess",
                        conjecture=True,
                        terms=tuple(values),
                        description=f"{seq.id} ({seq.name}) satisfies the guessed {g} "
                        f"on all its {len(values)} terms",
                        rank=_rank(2, 2, len(values), True, seq, 0, order),
                    )
                )
    return out


def identify(
    terms: Iterable[int],
    offline: bool | None = None,
    depth: int = 1,
    limit: int = 10,
    *,
    mirror: str | os.PathLike[str] | None = None,
) -> Explanations:
    """Explanations of ``terms``, best first: exact matches, transforms, sums, guesses.

    Parameters
    ----------
    terms
        At least 4 integers (at most 1,000, each under 1,000 digits), from the start of the
        sequence for the transforms that depend on the index (binomial, Euler, ...).
    offline
        Local data only (no exact look-up online); None follows ``NUMTHEORY_OFFLINE``.
    depth
        1: every transform of :data:`TRANSFORM_NAMES` (Superseeker's that apply to integer
        sequences); 2: also compositions of two cheap ones (differences, partial sums,
        binomial and inverse, dropping the first term, scaling by 2, a(n) +- n) and sums
        ``c*A + d*B`` of a catalogue entry and a local entry with small coefficients.
    limit
        Return at most this many explanations.
    mirror
        The mirror file (default: the synced one, :func:`numtheory.oeis.mirror.mirror_path`).

    Returns
    -------
    Explanations
        A list of :class:`Explanation`, each entry once (its best explanation), ranked:
        exact before transformed before guessed, fewer transforms, more terms matched, signs
        agreeing, catalogue (well-known) entries, earlier match, then A-number. ``notes`` say
        which steps were skipped and why.

    Raises
    ------
    InputError
        Too few, too many or too large terms, or a bad depth or limit.

    Examples
    --------
    >>> found = identify([1, 2, 5, 15, 51, 188, 731, 2950], offline=True)
    >>> found[0].description.split(":")[0], found[0].transforms
    ('Binomial transform of A000108', ('inverse_binomial',))

    References
    ----------
    N. J. A. Sloane, the Superseeker help file, https://oeis.org/superhelp.txt; and
    "Transformations of integer sequences", https://oeis.org/transforms.txt.
    """
    values = _check_terms(terms)
    depth = as_int(depth, "depth")
    if depth not in (1, 2):
        raise InputError(f"depth must be 1 or 2, got {depth}")
    limit = as_int(limit, "limit")
    if limit < 1:
        raise InputError(f"limit must be at least 1, got {limit}")
    from numtheory.oeis import config

    local_only = config.offline() if offline is None else (offline or config.offline())
    notes: list[str] = []
    local = _Local(mirror, notes)
    found = _exact(values, local, local_only, limit, notes)
    if len(found) < limit:
        for order, (chain, transformed) in enumerate(_queries(values, depth)):
            for hit in local.hits(transformed):
                found.append(_explain(hit, chain, transformed, order))
        if depth >= 2:
            found.extend(_pairs(values, local))
        found.extend(_guesses(values, found, local, notes))
    best: dict[int, Explanation] = {}
    bare: list[Explanation] = []
    for e in found:
        if e.sequence is None:
            bare.append(e)
        elif e.sequence.number not in best or e.rank < best[e.sequence.number].rank:
            best[e.sequence.number] = e
    ranked = sorted([*best.values(), *bare], key=lambda e: e.rank)
    return Explanations(ranked[:limit], notes)
