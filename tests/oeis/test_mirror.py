"""The local mirror: building from dumps, subsequence search, failures that keep the old mirror."""

from __future__ import annotations

import gzip
import random
from pathlib import Path
from typing import IO

import pytest

from numtheory.errors import InputError, MirrorError
from numtheory.oeis.dumpformat import parse_dump_date, parse_name_line, parse_stripped_line
from numtheory.oeis.mirror import Mirror, build_mirror, mirror_path, mirror_status

BIG = 10**60 + 7
STRIPPED = [
    "A000004 ,0,0,0,0,0,0,0,0,0,0,",
    "A000012 ,1,1,1,1,1,1,1,1,1,1,",
    "A000027 ,1,2,3,4,5,6,7,8,9,10,11,12,",
    "A000045 ,0,1,1,2,3,5,8,13,21,34,55,89,",
    "A000108 ,1,1,2,5,14,42,132,429,1430,",
    "A000984 ,1,2,6,20,70,252,924,3432,",
    "A001057 ,0,1,-1,2,-2,3,-3,4,-4,",
    "A008683 ,1,-1,-1,0,-1,1,-1,0,0,1,-1,0,",
    f"A100000 ,7,{BIG},3,{BIG},3,",
    "A100001 ,5,",
    "A100002 ,",
    "A200000 ,9,9,1,2,6,20,70,",
    "A200017 ,20,70,252,",
]
NAMES = [
    "A000004 The zero sequence.",
    "A000012 The simplest sequence of positive numbers: the all 1's sequence.",
    "A000027 The positive integers.",
    "A000045 Fibonacci numbers: F(n) = F(n-1) + F(n-2) with F(0) = 0 and F(1) = 1.",
    "A000108 Catalan numbers: C(n) = binomial(2n,n)/(n+1).",
    "A000984 Central binomial coefficients: binomial(2*n,n).",
    "A001057 Canonical enumeration of integers: interleaved positive and negative integers.",
    "A008683 Möbius (or Moebius) function mu(n).",
    "A100000 A test sequence with big terms.",
    "A100001 A one-term sequence.",
    "A100002 An empty data line.",
    "A200000 Central binomials after a prefix.",
    "A200017 In a second block.",
    "A300000 A reserved number without terms.",
]


def write_dump(
    path: Path,
    lines: list[str],
    *,
    date: str = "January 01 00:00 UTC 2026",
    kind: str = "stripped",
) -> None:
    """Write a small dump in the OEIS format."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as handle:
        _write_dump_header(handle, kind, date)
        for line in lines:
            handle.write(line + "\n")


def _write_dump_header(handle: IO[str], kind: str, date: str) -> None:
    what = "stripped terms" if kind == "stripped" else "names"
    handle.write("# OEIS Sequence Data (http://oeis.org/" + kind + ".gz)\n")
    handle.write(f"# Last Modified: {date}\n")
    handle.write("# Use of this content is governed by the\n")
    handle.write(f"# OEIS End-User License: http://oeis.org/LICENSE ({what})\n")


def make_dump(folder: Path, stripped: list[str] = STRIPPED, names: list[str] = NAMES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_dump(folder / "stripped.gz", stripped, date="September 29 05:00 UTC 2026")
    write_dump(folder / "names.gz", names, kind="names", date="September 29 05:00 UTC 2026")
    return folder


@pytest.fixture
def mirror(tmp_path: Path) -> Mirror:
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    with Mirror() as opened:
        yield opened  # type: ignore[misc]


def ids(found: list) -> list[str]:  # type: ignore[type-arg]
    return [s.id for s in found]


def test_line_parsers() -> None:
    assert parse_stripped_line("A000045 ,0,1,1,2,\n") == (45, ",0,1,1,2,")
    assert parse_stripped_line("# OEIS header") is None
    with pytest.raises(ValueError, match="not a stripped"):
        parse_stripped_line("A000045 0,1,1")
    assert parse_name_line("A000045 Fibonacci numbers.") == (45, "Fibonacci numbers.")
    assert parse_dump_date(["# Last Modified: May 01 05:00 UTC 2026"]) == "May 01 05:00 UTC 2026"


def test_build_status_and_get(mirror: Mirror) -> None:
    status = mirror_status()
    assert status.exists and status.sequences == len(STRIPPED) and status.names == len(NAMES)
    assert status.dump_date == "September 29 05:00 UTC 2026"
    assert status.size_bytes == mirror_path().stat().st_size > 0
    fib = mirror.get(45)
    assert fib is not None
    assert fib.terms == (0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89)
    assert fib.name.startswith("Fibonacci numbers")
    assert fib.offset == 0 and "core" in fib.keywords  # filled in from the catalogue
    assert mirror.get(8683) is not None and mirror.get(8683).name.startswith("Möbius")  # type: ignore[union-attr]
    big = mirror.get(100000)
    assert big is not None and big.terms == (7, BIG, 3, BIG, 3)
    empty = mirror.get(100002)
    assert empty is not None and empty.terms == ()
    assert mirror.get(300000) is None  # a name without data is not an entry
    assert mirror.get(17) is None


def test_fields_the_dumps_lack_are_unknown(mirror: Mirror) -> None:
    """Issue 9: offset, keywords and references are not in the dumps: never invent them."""
    outside = mirror.get(100000)  # not in the catalogue
    assert outside is not None
    assert outside.extra["unknown_fields"] == ("offset", "keywords", "reference_lines")
    assert (outside.offset, outside.keywords, outside.reference_lines) == (None, None, None)
    found = mirror.search([9, 9, 1, 2, 6])
    assert [s.id for s in found] == ["A200000"]
    assert found[0].extra["unknown_fields"] == ("offset", "keywords", "reference_lines")
    assert found[0].offset is None and found[0].keywords is None
    known = mirror.get(45)  # the catalogue knows offset and keywords
    assert known is not None and known.extra["unknown_fields"] == ("reference_lines",)
    assert known.offset == 0 and known.keywords is not None and "core" in known.keywords
    assert known.reference_lines is None


def test_search_consecutive_terms_ranked(mirror: Mirror) -> None:
    found = mirror.search([1, 2, 6, 20])
    assert ids(found) == ["A000984", "A200000"]  # position 0 before position 2
    assert [s.extra["match_index"] for s in found] == [0, 2]
    assert ids(mirror.search([20, 70, 252])) == ["A200017", "A000984"]
    assert ids(mirror.search([2, 6, 21])) == []  # all terms occur, not consecutively
    assert ids(mirror.search([1, 2, 5, 14, 42])) == ["A000108"]
    assert ids(mirror.search([5, 8, 13])) == ["A000045"]
    # '2,3' must not match inside '20,3' or '12,3': whole terms only
    assert ids(mirror.search([2, 3, 4])) == ["A000027"]


def test_signs_ignored_unless_signed(mirror: Mirror) -> None:
    assert ids(mirror.search([1, 1, 2, 2, 3])) == ["A001057"]
    assert ids(mirror.search([1, -1, 2, -2, 3], signed=True)) == ["A001057"]
    assert ids(mirror.search([1, 1, 2, 2, 3], signed=True)) == []
    assert ids(mirror.search([-1, 1, 1, 0])) == ["A008683"]
    assert ids(mirror.search([1, -1, -1, 0], signed=True)) == ["A008683"]


def test_big_terms(mirror: Mirror) -> None:
    assert ids(mirror.search([BIG, 3, BIG])) == ["A100000"]
    assert ids(mirror.search([-BIG, 3])) == ["A100000"]
    assert ids(mirror.search([BIG + 1, 3, BIG])) == []


def test_common_runs_and_paging(mirror: Mirror) -> None:
    everything = mirror.search([1, 1, 1])
    assert ids(everything) == ["A000012", "A008683"]  # |1,-1,-1| = 1,1,1; Fibonacci has no 1,1,1
    assert ids(mirror.search([1, 1, 1], limit=1)) == ["A000012"]
    assert ids(mirror.search([1, 1, 1], start=1, limit=1)) == ["A008683"]
    assert ids(mirror.search([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])) == ["A000004"]
    assert mirror.search([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == []
    assert mirror.search([1, 1, 1], limit=0) == []


def test_short_queries_scan(mirror: Mirror) -> None:
    # positions 0, 3, 4, 5
    assert ids(mirror.search([5])) == ["A100001", "A000108", "A000027", "A000045"]
    assert ids(mirror.search([5], limit=2)) == ["A100001", "A000108"]
    assert ids(mirror.search([70, 252])) == ["A200017", "A000984"]
    assert ids(mirror.search([-2, 3], signed=True)) == ["A001057"]
    with pytest.raises(InputError):
        mirror.search([])


def _naive(data: dict[int, list[int]], query: list[int], signed: bool) -> list[tuple[int, int]]:
    hits = []
    q = query if signed else [abs(t) for t in query]
    for number, terms in data.items():
        t = terms if signed else [abs(x) for x in terms]
        for i in range(len(t) - len(q) + 1):
            if t[i : i + len(q)] == q:
                hits.append((i, number))
                break
    return sorted(hits)


@pytest.mark.parametrize("deepening_from", [512, 0])
def test_search_agrees_with_brute_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deepening_from: int
) -> None:
    """Both strategies (shortest posting list first; search by increasing depth)."""
    import numtheory.oeis.mirror.read as mirror_module

    monkeypatch.setattr(mirror_module, "_DEEPENING_FROM", deepening_from)
    rng = random.Random(5)
    data: dict[int, list[int]] = {}
    for number in range(1, 700):
        kind = rng.random()
        length = rng.randint(0, 60)
        if kind < 0.3:
            terms = [rng.randint(0, 2) for _ in range(length)]
        elif kind < 0.6:
            terms = [rng.randint(-3, 3) for _ in range(length)]
        else:
            terms = [rng.randint(0, 10 ** rng.randint(1, 30)) for _ in range(length)]
        data[number * 3] = terms
    lines = [f"A{n:06d} ," + "".join(f"{t}," for t in terms) for n, terms in data.items()]
    folder = make_dump(tmp_path / "random", lines, [f"A{n:06d} Seq {n}" for n in data])
    dest = tmp_path / "m.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest)
    with Mirror(dest) as mirror:
        for _ in range(300):
            number = rng.choice(list(data))
            terms = data[number]
            if len(terms) < 2 or rng.random() < 0.1:
                query = [rng.randint(-2, 2) for _ in range(rng.randint(1, 5))]
            else:
                k = rng.randint(1, min(8, len(terms)))
                at = rng.randint(0, len(terms) - k)
                query = terms[at : at + k]
            signed = rng.random() < 0.3
            expected = _naive(data, query, signed)
            assert mirror.search_hits(query, signed=signed) == expected, query
            limit = rng.randint(1, 5)
            assert mirror.search_hits(query, limit=limit, signed=signed) == expected[:limit]
            assert mirror.search_hits(query, start=2, limit=3, signed=signed) == expected[2:5]


def test_damaged_dumps_keep_the_previous_mirror(tmp_path: Path) -> None:
    good = make_dump(tmp_path / "good")
    build_mirror(good / "stripped.gz", good / "names.gz")
    before = mirror_path().read_bytes()

    truncated = make_dump(tmp_path / "truncated")
    raw = (truncated / "stripped.gz").read_bytes()
    (truncated / "stripped.gz").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(MirrorError, match="damaged"):
        build_mirror(truncated / "stripped.gz", truncated / "names.gz")

    malformed = make_dump(tmp_path / "bad", [*STRIPPED[:3], "A000045 0,1,1"])
    with pytest.raises(MirrorError, match="line 8"):
        build_mirror(malformed / "stripped.gz", malformed / "names.gz")

    small = make_dump(tmp_path / "small", STRIPPED[:2])
    with pytest.raises(MirrorError, match="only 2 sequences"):
        build_mirror(small / "stripped.gz", small / "names.gz", min_count=5)

    with pytest.raises(MirrorError, match="not found"):
        build_mirror(tmp_path / "nowhere.gz", good / "names.gz")

    assert mirror_path().read_bytes() == before
    assert sorted(p.name for p in mirror_path().parent.iterdir()) == ["mirror.sqlite"]
    with Mirror() as mirror:
        assert ids(mirror.search([1, 2, 6, 20])) == ["A000984", "A200000"]


def test_not_a_mirror(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(MirrorError):
        Mirror(junk)
    with pytest.raises(MirrorError, match="no mirror"):
        Mirror(tmp_path / "missing.sqlite")
    assert not mirror_status(tmp_path / "missing.sqlite").exists


def test_gzip_written_by_other_tools(tmp_path: Path) -> None:
    folder = tmp_path / "crlf"
    folder.mkdir()
    with gzip.open(folder / "stripped.gz", "wb") as handle:
        handle.write(b"# Last Modified: May 01 05:00 UTC 2026\r\nA000045 ,0,1,1,2,3,5,\r\n")
    with gzip.open(folder / "names.gz", "wb") as handle:
        handle.write(b"A000045 Fibonacci numbers.\r\n")
    status = build_mirror(folder / "stripped.gz", folder / "names.gz")
    assert status.sequences == 1 and status.dump_date == "May 01 05:00 UTC 2026"
    with Mirror() as mirror:
        assert ids(mirror.search([1, 2, 3, 5])) == ["A000045"]
        assert mirror.get(45).name == "Fibonacci numbers."  # type: ignore[union-attr]


def test_block_cache_overflow_keeps_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numtheory.oeis.mirror.read as mirror_module

    monkeypatch.setattr(mirror_module, "_BLOCK_CACHE", 1)
    folder = make_dump(tmp_path / "dump")
    build_mirror(folder / "stripped.gz", folder / "names.gz")
    with Mirror() as mirror:
        for _ in range(3):
            assert ids(mirror.search([1, 2, 6, 20])) == ["A000984", "A200000"]
            assert ids(mirror.search([20, 70, 252])) == ["A200017", "A000984"]


def test_the_package_docstring_describes_the_real_schema(tmp_path: Path) -> None:
    """The tables and columns a built file has are the ones the docs name (issue 11: the old
    docstring described a ``seq`` table that did not exist)."""
    import sqlite3

    import numtheory.oeis.mirror as package
    from numtheory.oeis.mirror._common import META_KEYS, SCHEMA

    folder = make_dump(tmp_path / "dump")
    target = tmp_path / "m.sqlite"
    build_mirror(folder / "stripped.gz", folder / "names.gz", dest=target)
    with sqlite3.connect(target) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {t: tuple(r[1] for r in db.execute(f"PRAGMA table_info({t})")) for t in tables}
        keys = {row[0] for row in db.execute("SELECT key FROM meta")}
    assert columns == dict(SCHEMA)
    doc = package.__doc__ or ""
    for table, cols in SCHEMA.items():
        assert f"``{table}(" in doc and all(col in doc for col in cols)
    assert set(META_KEYS) <= keys and all(f"``{key}``" in doc for key in keys)
    assert "seq(" not in doc and "``seq``" not in doc
