"""identify's guess step, with the real guesser (numtheory.guessing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from numtheory.oeis import identify
from numtheory.oeis.mirror import build_mirror
from tests.oeis.test_mirror import write_dump


def _recurrence(a0: int, a1: int, count: int) -> list[int]:
    """Terms of a(n) = 2 a(n-1) + 3 a(n-2) from a(0), a(1)."""
    out = [a0, a1]
    while len(out) < count:
        out.append(2 * out[-1] + 3 * out[-2])
    return out


@pytest.fixture
def mirror_file(tmp_path: Path) -> Path:
    # A900010 holds a later stretch of a(n) = 2a(n-1) + 3a(n-2) from (2, 5): the query's
    # first 12 terms are in no entry, the guessed continuation is
    folder = tmp_path / "dump"
    folder.mkdir()
    terms = _recurrence(2, 5, 28)[10:26]
    write_dump(folder / "stripped.gz", ["A900010 ," + ",".join(map(str, terms)) + ","])
    write_dump(folder / "names.gz", ["A900010 a(n) = 2a(n-1) + 3a(n-2)."], kind="names")
    dest = tmp_path / "mirror.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest)
    return dest


def test_guess_for_a_sequence_absent_from_the_mirror(mirror_file: Path) -> None:
    query = _recurrence(2, 5, 12)
    found = identify(query, offline=True, mirror=mirror_file)
    guesses = [e for e in found if e.source == "guess"]
    bare = [e for e in guesses if e.sequence is None]
    assert bare and bare[0].conjecture and bare[0].transforms == ("guess",)
    entries = [e for e in guesses if e.sequence is not None]
    assert any(e.sequence is not None and e.sequence.id == "A900010" for e in entries)
    # guesses rank after everything checked term by term
    kinds = [e.source == "guess" for e in found]
    assert kinds == sorted(kinds)


def test_no_guess_note_when_guessing_is_there(mirror_file: Path) -> None:
    found = identify(_recurrence(2, 5, 12), offline=True, mirror=mirror_file)
    assert not any("guessing skipped" in note for note in found.notes)
