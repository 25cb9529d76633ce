"""identify: planted transforms in a small real-format mirror, ranking rules, bad input."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from numtheory import oeis
from numtheory.errors import InputError, InputTypeError
from numtheory.oeis import identify
from numtheory.oeis import transforms as tf
from numtheory.oeis.mirror import build_mirror
from tests.oeis.test_mirror import write_dump

S = [
    3,
    1,
    4,
    1,
    6,
    9,
    2,
    6,
    5,
    3,
    5,
    8,
    9,
    7,
    9,
    3,
    2,
    3,
    8,
    4,
]  # pi's digits, one changed: in no catalogue
T = [2, 7, 1, 8, 3, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4, 5, 2, 3, 5, 3]  # e's digits, one changed
REC = [2, 5]
while len(REC) < 30:
    REC.append(2 * REC[-1] + 3 * REC[-2])
FIB = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597]


def _line(number: int, terms: list[int]) -> str:
    return f"A{number:06d} ," + ",".join(map(str, terms)) + ","


ENTRIES = {
    45: FIB,  # in the catalogue too: well known
    3: FIB[:12],  # not in the catalogue, lower A-number, same terms
    900001: S,
    900002: tf.partial_sums(S),
    900004: T,
    900005: S[:6],  # a short data line: a prefix of what a query of S would need
    900011: REC[10:26],  # a later stretch of a(n) = 2a(n-1) + 3a(n-2) from 2, 5
}


@pytest.fixture(scope="module")
def mirror_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("identify-dump")
    write_dump(folder / "stripped.gz", [_line(n, t) for n, t in sorted(ENTRIES.items())])
    write_dump(
        folder / "names.gz",
        [f"A{n:06d} Planted sequence {n}." for n in sorted(ENTRIES)],
        kind="names",
    )
    dest = folder / "mirror.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest)
    return dest


def _find(terms: list[int], path: Path, **kw: Any) -> oeis.Explanations:
    return identify(terms, offline=True, mirror=path, **kw)


def _ids(found: list[oeis.Explanation]) -> list[str]:
    return [e.sequence.id for e in found if e.sequence is not None]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (tf.binomial_transform(S[:12]), ("inverse_binomial",)),
        (tf.inverse_binomial_transform(S[:12]), ("binomial",)),
        (tf.euler_transform(S[:12]), ("inverse_euler",)),
        (tf.boustrophedon_transform(S[:12]), ("inverse_boustrophedon",)),
        (tf.stirling2_transform(S[:10]), ("stirling1",)),
        (tf.invert_transform(S[:12]), ("inverse_invert",)),
        (tf.inverse_moebius_transform(S[:12]), ("moebius",)),
        ([2 * x for x in S[:12]], ("divide_by_gcd",)),
        (tf.plus_index(S[:12], -1, 0), ("plus_n",)),
        ([x for s in S[:8] for x in (s, 7)], None),
    ],
)
def test_planted_transform_is_found_first(
    mirror_file: Path, query: list[int], expected: tuple[str, ...] | None
) -> None:
    found = _find(query, mirror_file)
    if expected is None:  # 3,7,1,7,4,7,...: S interleaved with 7s
        assert found[0].sequence is not None and found[0].sequence.id == "A900001"
        assert found[0].transforms == ("bisection0",)
        assert found[0].matched == 8
        return
    top = found[0]
    assert top.sequence is not None and top.sequence.id == "A900001"
    assert top.transforms == expected
    assert top.source == "mirror" and top.position == 0 and top.signs
    assert list(top.terms) == S[: len(top.terms)]
    assert top.matched == len(top.terms) >= 10


def test_exact_before_transformed_and_one_explanation_per_entry(mirror_file: Path) -> None:
    query = tf.partial_sums(S[:12])
    found = _find(query, mirror_file)
    assert found[0].transforms == () and found[0].sequence.id == "A900002"  # type: ignore[union-attr]
    assert "A900001" in _ids(found[1:])
    assert len(_ids(found)) == len(set(_ids(found)))
    assert all(e.transforms for e in found[1:])


def test_well_known_first_among_equals(mirror_file: Path) -> None:
    # A000003 (mirror only) and A000045 (also in the catalogue) hold the same terms here:
    # the catalogue's entry ranks first although its A-number is higher
    found = _find(FIB[2:12], mirror_file)
    ids = _ids(found)
    assert ids.index("A000045") < ids.index("A000003")


def test_no_explanation_matching_fewer_terms_than_it_needs(mirror_file: Path) -> None:
    found = _find(tf.binomial_transform(S[:12]), mirror_file)
    assert "A900005" not in _ids(found)  # it holds only 6 of the 12 terms
    for e in found:
        assert e.matched == len(e.terms)
        seq = e.sequence
        assert seq is not None
        window = [abs(t) for t in seq.terms[e.position : e.position + len(e.terms)]]
        assert window == [abs(t) for t in e.terms]


def test_depth_two_compositions_and_pairs(mirror_file: Path) -> None:
    query = tf.binomial_transform(tf.partial_sums(T[:12]))
    assert "A900004" not in _ids(_find(query, mirror_file))
    deep = _find(query, mirror_file, depth=2)
    best = next(e for e in deep if e.sequence is not None and e.sequence.id == "A900004")
    assert best.transforms == ("inverse_binomial", "differences")
    assert best.description.startswith("Binomial transform of partial sums of A900004")
    summed = [f + 2 * t for f, t in zip(FIB, T[:14], strict=False)]
    pairs = _find(summed, mirror_file, depth=2)
    hit = next(e for e in pairs if e.transforms == ("sum",))
    assert hit.sequence is not None and hit.sequence.id == "A900004"
    assert hit.description.startswith("A000045 + 2*A900004")


def test_nothing_found_and_the_skipped_guess_is_noted(
    mirror_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "numtheory.guessing", None)  # import fails
    found = _find([5, 91, 3, 77, 1234, 8, 40000, 17], mirror_file)
    assert list(found) == []
    assert "guessing skipped: numtheory.guessing is not installed" in found.notes


class _FakeGuess:
    """A guesser's answer as issue 12's contract has it: a(n) = 2a(n-1) + 3a(n-2)."""

    kind, order, degree, coefficients = "linear", 2, 0, (2, 3)
    fitted, confirmed, conjecture = 6, 8, True

    def extend(self, k: int) -> list[int]:
        return REC[12 : 12 + k]  # the query is REC[:12]

    def satisfies(self, terms: list[int], offset: int = 0) -> bool:
        return all(terms[i] == 2 * terms[i - 1] + 3 * terms[i - 2] for i in range(2, len(terms)))

    def __str__(self) -> str:
        return "recurrence a(n) = 2a(n-1) + 3a(n-2)"


def test_guess_step_against_the_contract(
    mirror_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("numtheory.guessing")
    fake.guess = lambda terms, offset=0: [_FakeGuess()] if _FakeGuess().satisfies(terms) else []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "numtheory.guessing", fake)
    query = REC[:12]
    found = _find(query, mirror_file)
    assert found[0].sequence is None and found[0].conjecture
    assert found[0].description == "Conjecture: recurrence a(n) = 2a(n-1) + 3a(n-2)"
    # the mirror's A900011 holds a later stretch of it: found through the continuation
    others = [e for e in found if e.sequence is not None]
    assert "A900011" in _ids(others)
    assert all(e.conjecture and _FakeGuess().satisfies(list(e.terms)) for e in others)
    # an entry found through the guess has the guess as its evidence
    assert all(e.source == "guess" for e in others)


class _RealLikeGuess(_FakeGuess):
    """As issue 12's Guess prints itself: several lines, with ``kind`` and ``equation``."""

    kind, equation = "c-finite", "a(n+2) - 2*a(n+1) - 3*a(n) = 0 for n >= 0"

    def __str__(self) -> str:
        return "c-finite (order 2, degree 0), a conjecture\n  " + self.equation + "\n  next..."


class _NotEnoughTermsError(InputError):
    """Stands for issue 12's NotEnoughTermsError (an InputError)."""


def test_guess_descriptions_are_one_line(
    mirror_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("numtheory.guessing")
    fake.guess = lambda terms, offset=0: [_RealLikeGuess()]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "numtheory.guessing", fake)
    found = _find(REC[:12], mirror_file)
    guessed = [e for e in found if e.conjecture]
    assert guessed and all("\n" not in e.description for e in guessed)
    assert guessed[0].description == (
        "Conjecture: c-finite relation a(n+2) - 2*a(n+1) - 3*a(n) = 0 for n >= 0"
    )


def test_too_few_terms_to_guess_is_a_skip(
    mirror_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def guess(terms: Any, offset: int = 0) -> list[Any]:
        raise _NotEnoughTermsError(f"not enough terms to tell: {len(terms)} given")

    fake = types.ModuleType("numtheory.guessing")
    fake.guess = guess  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "numtheory.guessing", fake)
    found = _find([5, 91, 3, 77, 1234, 8], mirror_file)
    assert "guessing skipped: not enough terms to tell: 6 given" in found.notes
    assert not any(note.startswith("guessing failed") for note in found.notes)


def test_online_makes_one_exact_request(monkeypatch: pytest.MonkeyPatch, mirror_file: Path) -> None:
    calls: list[Any] = []

    def counting(terms: Any, **kwargs: Any) -> oeis.Lookup:
        calls.append((list(terms), kwargs))  # the OEIS (faked) knows nothing
        return oeis.Lookup(query=oeis.build_query(terms), results=(), source="network")

    from numtheory.oeis import fallback

    monkeypatch.setattr(fallback, "lookup", counting)  # what identify calls
    found = identify(tf.binomial_transform(S[:12]), offline=False, mirror=mirror_file)
    assert len(calls) == 1 and calls[0][0] == tf.binomial_transform(S[:12])
    assert found[0].sequence is not None and found[0].sequence.id == "A900001"


@pytest.mark.parametrize(
    ("terms", "kw", "error", "text"),
    [
        ([1, 2, 3], {}, InputError, "at least 4"),
        ("1,2,3,4", {}, InputError, "not the text"),
        ([1, 2, 3, 4.5], {}, InputTypeError, "term 4"),
        ([1, 2, 3, 10**1200], {}, InputError, "term 4 has more than 1000 digits"),
        ([1, 2, 3, 4], {"depth": 3}, InputError, "depth must be 1 or 2"),
        ([1, 2, 3, 4], {"limit": 0}, InputError, "limit must be at least 1"),
    ],
)
def test_bad_input(terms: Any, kw: dict[str, Any], error: type, text: str) -> None:
    with pytest.raises(error, match=text):
        identify(terms, offline=True, **kw)


def test_missing_or_damaged_mirror_is_noted_and_the_catalogue_answers(tmp_path: Path) -> None:
    query = [1, 2, 5, 15, 51, 188, 731, 2950]  # the binomial transform of the Catalan numbers
    found = identify(query, offline=True, mirror=tmp_path / "none.sqlite")
    assert found[0].sequence is not None and found[0].sequence.id == "A000108"
    assert found[0].source == "catalogue"
    assert any(note.startswith("no local mirror at") for note in found.notes)
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a mirror at all" * 10)
    found = identify(query, offline=True, mirror=bad)
    assert found[0].sequence is not None and found[0].sequence.id == "A000108"
    assert any("ignoring the local mirror" in note for note in found.notes)


def test_the_guesser_gets_a_bounded_prefix_and_all_terms_must_obey_its_guess(
    mirror_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,000 terms: the real guesser ran for minutes on them; it fits on the first 100,
    # and a guess the later terms break is dropped
    given: list[int] = []

    def guess(terms: Any, offset: int = 0) -> list[Any]:
        given.append(len(terms))
        return [_FakeGuess()]

    fake = types.ModuleType("numtheory.guessing")
    fake.guess = guess  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "numtheory.guessing", fake)
    rec = list(REC)
    while len(rec) < 1000:
        rec.append(2 * rec[-1] + 3 * rec[-2])
    rec = [x % 10**200 for x in rec]  # 2a(n-1) + 3a(n-2) holds only while under 10^200
    found = _find(rec, mirror_file)
    assert given == [100]
    assert not any(e.conjecture for e in found)
    found = _find(rec[:100], mirror_file)
    assert any(e.conjecture and e.sequence is None for e in found)
