"""The mirror's additions for identify: search_start, and the row of sequences with a sign."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from numtheory.errors import InputError
from numtheory.oeis.mirror import Mirror, build_mirror, mirror_status
from numtheory.oeis.mirror._common import NEGATIVE_ROW
from tests.oeis.test_mirror import _naive, make_dump


@pytest.fixture(scope="module")
def random_mirror(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, list[int]]]:
    rng = random.Random(13)
    data: dict[int, list[int]] = {}
    for number in range(1, 400):
        kind = rng.random()
        length = rng.randint(0, 40)
        if kind < 0.4:
            terms = [rng.randint(0, 2) for _ in range(length)]  # common runs
        elif kind < 0.7:
            terms = [rng.randint(-3, 3) for _ in range(length)]  # signs
        else:
            terms = [rng.randint(0, 10 ** rng.randint(1, 20)) for _ in range(length)]
        data[number * 5] = terms
    lines = [f"A{n:06d} ," + "".join(f"{t}," for t in terms) for n, terms in data.items()]
    tmp = tmp_path_factory.mktemp("random")
    folder = make_dump(tmp / "dump", lines, [f"A{n:06d} Seq {n}" for n in data])
    dest = tmp / "m.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest)
    return dest, data


def _queries(data: dict[int, list[int]], rng: random.Random, count: int) -> list[list[int]]:
    out = []
    while len(out) < count:
        terms = data[rng.choice(list(data))]
        if len(terms) < 6:
            continue
        k = rng.randint(3, min(8, len(terms)))
        at = rng.randint(0, min(6, len(terms) - k))
        out.append(terms[at : at + k])
    return out


def test_search_start_agrees_with_brute_force(
    random_mirror: tuple[Path, dict[int, list[int]]],
) -> None:
    path, data = random_mirror
    rng = random.Random(2)
    cut_short = 0
    with Mirror(path) as mirror:
        for query in _queries(data, rng, 80):
            near = rng.choice([0, 1, 3])
            expected = [(p, n) for p, n in _naive(data, query, False) if p <= near]
            limit = rng.randint(1, 4)
            found = mirror.search_start(query, limit=limit, max_position=near, budget=10**6)
            assert [(s.extra["match_index"], s.number) for s in found] == expected[:limit], query
            assert found.complete
            # a tiny budget may miss hits, never invents one
            few = mirror.search_start(query, limit=limit, max_position=near, budget=1)
            assert {(s.extra["match_index"], s.number) for s in few} <= set(expected)
            cut_short += not few.complete
    assert cut_short  # the common runs of 0, 1, 2 exceed a budget of 1


def test_search_start_from_the_first_term_agrees_with_brute_force(
    random_mirror: tuple[Path, dict[int, list[int]]],
) -> None:
    # max_position=0 (the rests of the sums of two entries) answers "none" from the first
    # run's list when no entry starts with it, else intersects as for any position
    path, data = random_mirror
    rng = random.Random(3)
    with Mirror(path) as mirror:
        for query in [*_queries(data, rng, 60), [9, 9, 9, 9], [2, 0, 2, 1]]:
            expected = [(p, n) for p, n in _naive(data, query, False) if p == 0]
            found = mirror.search_start(query, limit=3, max_position=0, budget=10**6)
            assert [(s.extra["match_index"], s.number) for s in found] == expected[:3], query
            few_hits = mirror.search_start(query, limit=3, max_position=0, budget=1)
            assert {(s.extra["match_index"], s.number) for s in few_hits} <= set(expected)
            if len(expected) > 1:
                assert not few_hits.complete or len(few_hits) == len(expected[:3])


def test_search_start_from_the_first_term_checks_only_the_intersection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 entries start with 5,7,11, one goes on with 13,17,19: the other runs' lists leave
    # that one to check (a block read each); checking every entry that starts with the
    # first run, as when there were at most 32 of them, cost depth 2 a third more CPU
    lines = [f"A{n:06d} ,5,7,11,{n},{2 * n}," for n in range(1, 31)]
    lines.append("A000040 ,5,7,11,13,17,19,23,")
    folder = make_dump(tmp_path / "dump", lines, [f"A{n:06d} S" for n in [*range(1, 31), 40]])
    build_mirror(folder / "stripped.gz", folder / "names.gz", tmp_path / "m.sqlite")
    checked: list[int] = []
    with Mirror(tmp_path / "m.sqlite") as mirror:
        check = mirror._check

        def counting(numbers: list[int], needle: bytes, signed: bool) -> list[int]:
            checked.extend(numbers)
            return check(numbers, needle, signed)

        monkeypatch.setattr(mirror, "_check", counting)
        found = mirror.search_start([5, 7, 11, 13, 17, 19], limit=2, max_position=0, budget=256)
        assert [s.number for s in found] == [40] and found.complete
        assert checked == [40]
        assert not mirror.search_start([7, 11, 13, 17], limit=2, max_position=0, budget=256)


def test_search_start_refuses_short_queries(
    random_mirror: tuple[Path, dict[int, list[int]]],
) -> None:
    with Mirror(random_mirror[0]) as mirror, pytest.raises(InputError, match="at least 3 terms"):
        mirror.search_start([1, 2])


def test_negative_row_lists_the_signed_sequences(
    random_mirror: tuple[Path, dict[int, list[int]]], tmp_path: Path
) -> None:
    path, data = random_mirror
    conn = sqlite3.connect(path)
    blob = conn.execute("SELECT postings FROM grams WHERE bucket = ?", (NEGATIVE_ROW,)).fetchone()[
        0
    ]
    conn.close()
    import array

    listed = array.array("I", blob)
    assert list(listed) == sorted(n for n, t in data.items() if any(x < 0 for x in t))
    assert mirror_status(path, full=True).damage is None  # its checksum holds

    # a mirror built before the row existed reads the same (nothing filtered)
    old = tmp_path / "old.sqlite"
    old.write_bytes(path.read_bytes())
    conn = sqlite3.connect(old)
    conn.execute("DELETE FROM grams WHERE bucket = ?", (NEGATIVE_ROW,))
    conn.commit()
    conn.close()
    rng = random.Random(4)
    with Mirror(path) as new_mirror, Mirror(old) as old_mirror:
        for query in _queries(data, rng, 100):
            if not any(t < 0 for t in query):
                continue
            expected = _naive(data, query, True)
            assert new_mirror.search_hits(query, signed=True, limit=5) == expected[:5]
            assert old_mirror.search_hits(query, signed=True, limit=5) == expected[:5]
